import type { TruthMessage } from '../../emulator';
import { devCerts } from '../../scripts/lib/certs';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import {
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  userToken,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { syncUntil } from '../support/sync';
import { expectedContactPoints } from '../support/truth';
import { halfWidthKatakana, searchAll, type SearchBody } from '../support/search';

/**
 * Relationship search end to end: two colleagues' mailboxes (one in each tenant of the company
 * group) synced from the emulator, then every outside person and company of their ground truth
 * looked up through GET /api/search as a colleague would type it.
 */
describe('relationship search', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let mailboxes: ScenarioUser[];
  let user: ReturnType<typeof apiClient>;
  /** Every outside person of the synced mailboxes: address → display name. */
  const people = new Map<string, string>();
  /** Every company domain, with the names its people sign with. */
  const companyNames = new Map<string, Set<string>>();
  const freeMail = new Set(['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.co.jp']);
  const integrationOf = (m: ScenarioUser) =>
    app.database.db.collection('integrations').findOne({ userId: m.id });

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 160 });
    app = await startTestApp('search', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_POLL_INTERVAL_SECONDS: '1',
      SYNC_PAGE_SIZE: '40',
      // One colleague typing hundreds of queries in a minute: more than a person, so no rate limit here.
      RATE_LIMIT_API_PER_USER: '0',
      RATE_LIMIT_SEARCH_PER_USER: '0',
      RATE_LIMIT_API_PER_IP: '0',
    });
    const admin = await connectOrganization(app, emulator, ['Contoso', 'Contoso Japan'], {
      settings: { backfillDays: 3650 },
    });
    mailboxes = ['Contoso', 'Contoso Japan'].map((t) =>
      tenantNamed(emulator, t).users.find((u) => !u.plantedError && !u.isAdmin)!,
    );
    for (const [i, name] of ['Contoso', 'Contoso Japan'].entries()) {
      const started = await admin(
        'POST',
        `/api/admin/tenants/${tenantNamed(emulator, name).id}/integrations`,
        {
          userIds: [mailboxes[i]!.id],
          acknowledgeNoDeletion: true,
        },
      );
      expect(started.status).toBe(200);
    }
    await syncUntil(
      app,
      async () => {
        const states = await Promise.all(mailboxes.map(integrationOf));
        return states.every((s) => s?.status === 'active');
      },
      { timeoutMs: 180_000 },
    );
    for (const m of mailboxes) {
      const expected = await expectedContactPoints(emulator, m);
      const truth = await control<{ messages: TruthMessage[] }>(emulator, 'GET', `mailboxes/${m.id}/truth`);
      const names = new Map(truth.messages.flatMap((t) => t.participants.map((p) => [p.address, p.name])));
      for (const p of expected.values())
        for (const email of p.external) people.set(email, names.get(email) ?? '');
      for (const t of truth.messages) {
        const company = t.senderSignature?.company;
        const domain = t.from.address.toLowerCase().split('@')[1]!;
        if (!people.has(t.from.address.toLowerCase()) || freeMail.has(domain)) continue;
        const names = companyNames.get(domain) ?? new Set();
        if (company) names.add(company);
        companyNames.set(domain, names);
      }
    }
    user = apiClient(app.url, await userToken(emulator, mailboxes[0]!));
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('finds every outside person by their full address', async () => {
    expect(people.size).toBeGreaterThan(40);
    for (const email of people.keys()) {
      const found = await user<SearchBody>('GET', `/api/search?kind=person&q=${encodeURIComponent(email)}`);
      expect(found.status).toBe(200);
      expect({ email, found: found.body.people.map((p) => p.email) }).toEqual({ email, found: [email] });
    }
  });

  it('finds every outside person by a prefix of each word of their name', async () => {
    for (const [email, name] of people) {
      for (const word of name.split(/\s+/).filter(Boolean)) {
        const prefix = [...word].slice(0, Math.max(2, Math.ceil([...word].length / 2))).join('');
        const found = await searchAll(user, 'person', prefix);
        expect({ email, prefix, found: found.some((p) => p.email === email) }).toEqual({
          email,
          prefix,
          found: true,
        });
      }
    }
  });

  it('finds Japanese names by family name, given name or both, in either width and script', async () => {
    const japanese = [...people].filter(([, name]) => /\p{Script=Han}/u.test(name));
    expect(japanese.length).toBeGreaterThan(5);
    for (const [email, name] of japanese) {
      const [family, given] = name.split(' ') as [string, string];
      const local = email.split('@')[0]!.replace(/\d+$/, '');
      const romaji = local.split(/[.-]/).sort((a, b) => b.length - a.length)[0]!;
      const fullWidthRomaji = [...romaji.toUpperCase()]
        .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
        .join('');
      const queries = [
        family,
        given,
        `${family}${given}`,
        `${family}\u3000${given}`,
        fullWidthRomaji,
        romaji,
      ];
      if (/^\p{Script=Hiragana}+$/u.test(given)) queries.push(halfWidthKatakana(given));
      for (const q of queries) {
        const found = await searchAll(user, 'person', q);
        expect({ email, q, found: found.some((p) => p.email === email) }).toEqual({ email, q, found: true });
      }
    }
  });

  it('finds every company by its domain, the name guessed from it and the name its people sign with', async () => {
    expect(companyNames.size).toBeGreaterThan(10);
    let signedNames = 0;
    for (const [domain, names] of companyNames) {
      const queries = [domain, domain.split('.')[0]!, ...names];
      signedNames += names.size;
      for (const q of queries) {
        const found = await user<SearchBody>('GET', `/api/search?kind=company&q=${encodeURIComponent(q)}`);
        expect(found.status).toBe(200);
        expect({ q, found: found.body.companies.some((c) => c.domain === domain) }).toEqual({
          q,
          found: true,
        });
      }
    }
    expect(signedNames).toBeGreaterThan(5);
  });

  it('finds colleagues, and what a colleague knows: their people ranked by their own strength', async () => {
    const [colleague] = mailboxes as [ScenarioUser];
    const found = await user<SearchBody>(
      'GET',
      `/api/search?kind=colleague&q=${encodeURIComponent(colleague.displayName.split(' ')[0]!)}`,
    );
    expect(found.body.colleagues.map((c) => c.userId)).toContain(colleague.id);
    const view = await user<{
      colleague: { userId: string; contactPoints: number } | null;
      people: Array<{ email: string; strength: number }>;
      companies: Array<{ domain: string }>;
    }>('GET', `/api/colleagues/${colleague.id}`);
    expect(view.status).toBe(200);
    const expected = await expectedContactPoints(emulator, colleague);
    expect(view.body.colleague).toEqual(
      expect.objectContaining({ userId: colleague.id, contactPoints: expected.size }),
    );
    const theirs = new Set([...expected.values()].flatMap((p) => p.external));
    expect(view.body.people.length).toBe(Math.min(20, theirs.size));
    for (const p of view.body.people) expect(theirs.has(p.email)).toBe(true);
    const strengths = view.body.people.map((p) => p.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    for (const c of view.body.companies)
      expect([...theirs].some((e) => e.endsWith(`@${c.domain}`))).toBe(true);
  });

  it('pages through a crowded one-letter query without repeats, each hit matching', async () => {
    const hits = await searchAll(user, 'person', 'a');
    expect(hits.length).toBeGreaterThan(10);
    expect(new Set(hits.map((h) => h.email)).size).toBe(hits.length);
  });

  it('answers the same after every batch is stored again (delta state lost, folders read from scratch)', async () => {
    const queries = ['a', 'ta', 'sa', '田', 'ｻ', 'fabrikam', 'no', ...[...people.keys()].slice(0, 10)];
    const answers = async () =>
      Promise.all(
        queries.flatMap((q) =>
          (['person', 'company', 'colleague'] as const).map(async (kind) => [
            kind,
            q,
            await searchAll(user, kind, q),
          ]),
        ),
      );
    const before = await answers();
    const seen = await Promise.all(
      mailboxes.map(async (m) => (await integrationOf(m))!.counts.messages as number),
    );
    for (const m of mailboxes) await control(emulator, 'POST', `mailboxes/${m.id}/expire-delta`);
    await syncUntil(
      app,
      async () => {
        const states = await Promise.all(mailboxes.map(integrationOf));
        return states.every((s, i) => s!.status === 'active' && s!.counts.messages >= 2 * seen[i]!);
      },
      { timeoutMs: 180_000 },
    );
    expect(await answers()).toEqual(before);
  });

  it('shows nothing to another organisation, and nothing when the display setting hides email activity', async () => {
    const fabrikam = tenantNamed(emulator, 'Fabrikam').users.find((u) => !u.isAdmin && !u.plantedError)!;
    // Fabrikam's admin consented to the app (its users may not consent themselves), but it is no tenant of ours.
    await control(emulator, 'PUT', `tenants/${tenantNamed(emulator, 'Fabrikam').id}/consent`, {
      granted: true,
    });
    const outsider = apiClient(app.url, await userToken(emulator, fabrikam));
    const someone = [...people.keys()][0]!;
    const refused = await outsider('GET', `/api/search?q=${encodeURIComponent(someone)}`);
    expect(refused.status).toBe(403);

    const japanColleague = apiClient(app.url, await userToken(emulator, mailboxes[1]!));
    const found = await japanColleague<SearchBody>('GET', `/api/search?q=${encodeURIComponent(someone)}`);
    expect(found.body.people.map((p) => p.email)).toEqual([someone]);

    const admin = apiClient(
      app.url,
      await userToken(
        emulator,
        tenantNamed(emulator, 'Contoso').users.find((u) => u.isAdmin)!,
      ),
    );
    await admin('PUT', '/api/admin/settings', { showEmailActivities: false });
    try {
      const hidden = await user<SearchBody>('GET', `/api/search?q=${encodeURIComponent(someone)}`);
      expect(hidden.body).toEqual({
        hiddenByDisplaySetting: true,
        people: [],
        companies: [],
        colleagues: [],
        nextCursor: null,
        complete: true,
      });
      const colleague = await user<{ hiddenByDisplaySetting: boolean; people: unknown[] }>(
        'GET',
        `/api/colleagues/${mailboxes[0]!.id}`,
      );
      expect(colleague.body).toMatchObject({ hiddenByDisplaySetting: true, people: [] });
    } finally {
      await admin('PUT', '/api/admin/settings', { showEmailActivities: true });
    }
  });

  it('refuses bad input with the error body and changes nothing', async () => {
    const bad = [
      '/api/search?q=',
      '/api/search?q=%20%20',
      `/api/search?q=${'x'.repeat(101)}`,
      '/api/search?q[$gt]=a',
      '/api/search?q=a&q=b',
      '/api/search?q=a&kind=everyone',
      '/api/search?q=a&kind=person&cursor=not-a-cursor',
      `/api/search?q=a&cursor=${Buffer.from(JSON.stringify({ k: 'person', o: 10 })).toString('base64url')}`,
      `/api/search?q=a&kind=company&cursor=${Buffer.from(JSON.stringify({ k: 'person', o: 10 })).toString('base64url')}`,
      '/api/search?q=a&extra=1',
      '/api/search?q=a%00b',
      '/api/colleagues/not-a-guid',
    ];
    for (const path of bad) {
      const answer = await user<{ error: { code: string; message: string } }>('GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(answer.body.error).toEqual(
        expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      );
    }
    expect((await apiClient(app.url)('GET', '/api/search?q=a')).status).toBe(401);
  });
});
