import type { Db, Document } from 'mongodb';
import { devCerts } from '../../scripts/lib/certs';
import type { RegisterTenantResponse, TenantsResponse, TenantView } from '../../shared/api';
import { undate } from '../../server/extraction/documents';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { runAdminConsent } from '../support/consent';
import {
  adminOf,
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  userToken,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { searchAll, type SearchBody } from '../support/search';
import { indexDifferences, searchTruth } from '../support/search-truth';
import { syncUntil } from '../support/sync';

/**
 * A tenant's own administrator takes their tenant back: its users leave the organisation at once,
 * its mailboxes stop (their Graph subscriptions are deleted), it is audited on both sides, and the
 * contact points extracted from its mailboxes leave the organisation — with every read model then
 * equal to that of an organisation where those mailboxes were never synced.
 */
describe('detaching a tenant', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let reference: TestApp;
  let contosoUsers: ScenarioUser[];
  let japanUsers: ScenarioUser[];
  let contosoAdmin: ReturnType<typeof apiClient>;
  let japanId: string;

  const env = () => ({
    ...microsoftEnv(emulator),
    TLS_CERT_FILE: devCerts.cert,
    TLS_KEY_FILE: devCerts.key,
    GRAPH_SUBSCRIPTIONS: 'on',
    SYNC_LEASE_SECONDS: '5',
    // The search comparison pages through crowded prefixes: more searches than a person types.
    RATE_LIMIT_SEARCH_PER_USER: '0',
  });

  async function syncAll(target: TestApp, users: ScenarioUser[]) {
    await syncUntil(
      target,
      async () =>
        (await target.database.db
          .collection('integrations')
          .countDocuments({ userId: { $in: users.map((u) => u.id) }, status: 'active' })) === users.length,
      { timeoutMs: 120_000, workers: 2 },
    );
  }

  async function start(admin: ReturnType<typeof apiClient>, tenantId: string, users: ScenarioUser[]) {
    const res = await admin('POST', `/api/admin/tenants/${tenantId}/integrations`, {
      userIds: users.map((u) => u.id),
      acknowledgeNoDeletion: true,
    });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 150 });
    japanId = tenantNamed(emulator, 'Contoso Japan').id;
    contosoUsers = tenantNamed(emulator, 'Contoso')
      .users.filter((u) => !u.plantedError && !u.isAdmin)
      .slice(0, 2);
    japanUsers = tenantNamed(emulator, 'Contoso Japan')
      .users.filter((u) => !u.isAdmin)
      .slice(0, 2);

    app = await startTestApp('detach', env());
    contosoAdmin = await connectOrganization(app, emulator, ['Contoso', 'Contoso Japan']);
    await start(contosoAdmin, tenantNamed(emulator, 'Contoso').id, contosoUsers);
    await start(contosoAdmin, japanId, japanUsers);
    await syncAll(app, [...contosoUsers, ...japanUsers]);

    // The same organisation where Contoso Japan's mailboxes were never started: the truth after detaching.
    reference = await startTestApp('detachref', env());
    const referenceAdmin = await connectOrganization(reference, emulator, ['Contoso', 'Contoso Japan']);
    await start(referenceAdmin, tenantNamed(emulator, 'Contoso').id, contosoUsers);
    await syncAll(reference, contosoUsers);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await reference?.close();
    await emulator?.stop();
  });

  it('only an admin of the tenant sees which organisation holds it and can detach it', async () => {
    const japanUser = apiClient(app.url, await userToken(emulator, japanUsers[0]!));
    expect((await japanUser('GET', '/api/tenant/ownership')).status).toBe(403);
    expect((await japanUser('POST', '/api/tenant/detach', { organizationId: 'x' })).status).toBe(403);
    // An organisation admin of another tenant cannot detach Contoso Japan: it acts on their own tenant only.
    const orgId = `org-${tenantNamed(emulator, 'Contoso').id}`;
    const japanAdmin = apiClient(app.url, await userToken(emulator, adminOf(emulator, 'Contoso Japan')));
    const ownership = await japanAdmin('GET', '/api/tenant/ownership');
    expect(ownership.body).toMatchObject({
      tenantId: japanId,
      organization: {
        id: orgId,
        name: 'Contoso',
        requestedBy: adminOf(emulator, 'Contoso').userPrincipalName,
        confirmedBy: adminOf(emulator, 'Contoso Japan').userPrincipalName,
      },
    });
    expect((await japanAdmin('POST', '/api/tenant/detach', { organizationId: 'org-other' })).status).toBe(
      409,
    );
  });

  it('stops its mailboxes and subscriptions, audits both sides, and removes what was extracted from them', async () => {
    const db = app.database.db;
    const subscriptions = async () =>
      (await control<{ value: Array<{ userId: string }> }>(emulator, 'GET', 'subscriptions')).value.filter(
        (s) => japanUsers.some((u) => u.id === s.userId),
      );
    expect((await subscriptions()).length).toBeGreaterThan(0);
    // The two tenants' mailboxes share people: detaching must correct documents, not only delete them.
    const shared = (await db.collection('contacts').find({}).toArray()).filter((c) => {
      const colleagues = Object.keys(c.colleagues as object);
      return (
        japanUsers.some((u) => colleagues.includes(u.id)) &&
        contosoUsers.some((u) => colleagues.includes(u.id))
      );
    });
    expect(shared.length).toBeGreaterThan(0);
    const japanOnly = (await db.collection('contacts').find({}).toArray()).filter((c) =>
      Object.keys(c.colleagues as object).every((id) => japanUsers.some((u) => u.id === id)),
    );
    expect(japanOnly.length).toBeGreaterThan(0);
    const japanPoints = await db.collection('contactPoints').countDocuments({ tenantId: japanId });
    expect(japanPoints).toBeGreaterThan(0);

    const japanAdmin = apiClient(app.url, await userToken(emulator, adminOf(emulator, 'Contoso Japan')));
    const orgId = `org-${tenantNamed(emulator, 'Contoso').id}`;
    // Signatures a stopped run of each tenant still owed: senders' addresses go with the tenant.
    const contosoId = tenantNamed(emulator, 'Contoso').id;
    const owed = (tenantId: string, userId: string) => ({
      _id: `${tenantId}|${userId}`,
      orgId,
      tenantId,
      generation: 1,
      owed: [{ email: 'someone@fabrikam.example', messageId: 'm1', at: new Date(), name: 'Someone' }],
      savedAt: new Date(),
    });
    await db
      .collection('signatureBacklog')
      .insertMany([owed(japanId, japanUsers[0]!.id), owed(contosoId, contosoUsers[0]!.id)] as never[]);
    const detached = await japanAdmin('POST', '/api/tenant/detach', { organizationId: orgId });
    expect(detached.status).toBe(200);
    expect(detached.body).toMatchObject({
      detached: true,
      organization: { id: orgId, name: 'Contoso' },
      integrationsStopped: japanUsers.length,
      contactPointsRemoved: japanPoints,
    });

    // At once: its users are members of nothing, its mailboxes and their subscriptions are gone.
    expect((await japanAdmin('GET', '/api/me')).body).toMatchObject({ organization: null });
    expect((await japanAdmin('GET', '/api/tenant/ownership')).body).toMatchObject({ organization: null });
    // The organisation's admins see it leave, by whose decision, with nothing of it left to start.
    const tenants = await contosoAdmin<TenantsResponse>('GET', '/api/admin/tenants');
    expect(tenants.body.tenants.filter((t) => t.id === japanId)).toEqual([
      expect.objectContaining({
        membership: 'detached',
        displayName: 'Contoso Japan',
        detached: { at: expect.any(String), by: adminOf(emulator, 'Contoso Japan').userPrincipalName },
        consent: expect.objectContaining({ state: 'pending' }),
        counts: {},
      }),
    ]);
    expect((await contosoAdmin('GET', `/api/admin/tenants/${japanId}/users`)).body).toMatchObject({
      error: { code: 'tenant_not_found' },
    });
    expect(await db.collection('integrations').countDocuments({ tenantId: japanId })).toBe(0);
    expect(await db.collection('signatureBacklog').find({}).toArray()).toEqual([
      expect.objectContaining({ tenantId: contosoId }),
    ]);
    await db.collection('signatureBacklog').deleteMany({});
    expect(
      await db
        .collection('syncJobs')
        .countDocuments({ _id: { $in: japanUsers.map((u) => `${japanId}|${u.id}`) } as never }),
    ).toBe(0);
    expect(await subscriptions()).toEqual([]);
    const audit = await contosoAdmin<{
      entries: Array<{ action: string; details: Record<string, unknown> }>;
    }>('GET', '/api/admin/audit');
    expect(audit.body.entries[0]).toMatchObject({
      action: 'tenant.detached',
      details: { contactPointsRemoved: japanPoints },
    });
    expect(
      await db.collection('auditLog').countDocuments({ orgId: `org-${japanId}`, action: 'tenant.detached' }),
    ).toBe(1);

    // The read models equal those of the organisation where Contoso Japan's mailboxes never took part.
    await expectSameReadModels(db, reference.database.db);
    // …and so do the task pane's answers about a person both tenants had been in touch with.
    const answer = async (target: TestApp) => {
      const body = (
        await apiClient(target.url, await userToken(emulator, contosoUsers[0]!))<{
          contacts: Array<Record<string, unknown>>;
        }>('GET', `/api/contacts?emails=${shared[0]!.email}`)
      ).body;
      return body.contacts.map(({ email, totals, colleagues, recent, months }) => ({
        email,
        totals,
        colleagues,
        recent,
        months,
      }));
    };
    expect(await answer(app)).toEqual(await answer(reference));

    // Relationship search holds exactly what the remaining contact points give, and answers as
    // that organisation's does: nobody only Contoso Japan's mailboxes knew, none of its colleagues.
    expect(await indexDifferences(db, orgId, await searchTruth(db, orgId))).toEqual([]);
    const [mine, theirs] = await Promise.all(
      [app, reference].map(async (t) => apiClient(t.url, await userToken(emulator, contosoUsers[0]!))),
    );
    const queries = [
      japanOnly[0]!.email as string,
      shared[0]!.email as string,
      // Names' words: people of both kinds share many of them.
      ...[...japanOnly.slice(0, 2), ...shared.slice(0, 2)].flatMap((c) =>
        (undate(c.name as string | undefined)?.value ?? '').split(' '),
      ),
      'a',
      'ta',
      '田',
    ].filter((q) => q.trim() !== '');
    // A person's title and company come from whichever mailbox read their signature first, as in
    // the read models above: which one that was depends on the order the runs took, so the two
    // organisations may differ there (and only there).
    const found = async (call: typeof mine, kind: 'person' | 'colleague', q: string) =>
      (await searchAll(call!, kind, q)).map((hit) => {
        const {
          title: _title,
          company: _company,
          ...rest
        } = hit as typeof hit & {
          title?: unknown;
          company?: unknown;
        };
        return rest;
      });
    for (const q of queries)
      for (const kind of ['person', 'colleague'] as const)
        expect({ q, kind, hits: await found(mine, kind, q) }).toEqual({
          q,
          kind,
          hits: await found(theirs, kind, q),
        });
    const gone = await mine!<SearchBody>('GET', `/api/search?q=${encodeURIComponent(japanOnly[0]!.email)}`);
    expect(gone.body.people).toEqual([]);
    const colleague = await mine!<{ colleague: unknown; people: unknown[]; companies: unknown[] }>(
      'GET',
      `/api/colleagues/${japanUsers[0]!.id}`,
    );
    expect(colleague.body).toMatchObject({ colleague: null, people: [], companies: [] });
    expect(await db.collection('colleagueNetworks').countDocuments({ tenantId: japanId })).toBe(0);
  });

  it('asked again, the directory awaits its admin’s confirmation, and is confirmed once they confirm', async () => {
    const japanAdminUpn = adminOf(emulator, 'Contoso Japan').userPrincipalName;
    const row = async () => (await contosoAdmin<TenantView>('GET', `/api/admin/tenants/${japanId}`)).body;
    expect(await row()).toMatchObject({ membership: 'detached', detached: { by: japanAdminUpn } });

    const again = await contosoAdmin<RegisterTenantResponse>('POST', '/api/admin/tenants', {
      tenantId: japanId,
    });
    expect(again.status).toBe(201);
    expect(Date.parse(again.body.expiresAt)).toBeGreaterThan(Date.now());
    const awaiting = await row();
    expect(awaiting).toMatchObject({
      membership: 'awaiting_confirmation',
      detached: null,
      confirmedBy: null,
    });
    expect(Date.parse(awaiting.pendingUntil!)).toBeGreaterThan(Date.now());
    const listed = await contosoAdmin<TenantsResponse>('GET', '/api/admin/tenants');
    expect(listed.body.tenants.filter((t) => t.id === japanId).map((t) => t.membership)).toEqual([
      'awaiting_confirmation',
    ]);

    const browser = await launchChromium();
    try {
      const landing = await runAdminConsent(
        browser,
        again.body.consentUrl,
        adminOf(emulator, 'Contoso Japan'),
        'accept',
      );
      expect(landing.heading).toBe('Consent granted');
    } finally {
      await browser.close();
    }
    expect(await row()).toMatchObject({
      membership: 'confirmed',
      confirmedBy: japanAdminUpn,
      detached: null,
      pendingUntil: null,
      consent: { state: 'granted' },
      counts: {},
    });
    expect(await app.database.db.collection('tenantDepartures').countDocuments({})).toBe(0);
  });
});

/**
 * Every read model, document by document, leaving out what signatures set (company names read from
 * them, their fields): bodies are never stored, so only mail read again restores those.
 */
async function expectSameReadModels(actual: Db, expected: Db) {
  const strip = (collection: string, doc: Document) => {
    const { signature: _s, signatureCheckedAt: _c, storedAt: _t, ...rest } = doc;
    if (collection === 'contacts') delete rest.company;
    if (collection === 'companies') delete rest.name;
    return rest;
  };
  for (const name of [
    'contactPoints',
    'contacts',
    'timelines',
    'companies',
    'companyPeople',
    'colleagueMonths',
    'relationships',
  ]) {
    const [got, want] = await Promise.all(
      [actual, expected].map(async (db) =>
        (await db.collection(name).find({}).sort({ _id: 1 }).toArray()).map((d) => {
          const doc = strip(name, d);
          // Sets kept as arrays: their order is the order of storing, which differs between the two.
          for (const key of ['entries', 'keys']) if (Array.isArray(doc[key])) doc[key] = [...doc[key]].sort();
          return doc;
        }),
      ),
    );
    expect({ collection: name, count: got!.length }).toEqual({ collection: name, count: want!.length });
    expect(got).toEqual(want);
  }
}
