import { devCerts } from '../../scripts/lib/certs';
import type { TruthMessage } from '../../emulator';
import { startTestApp, type TestApp } from '../support/app';
import {
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { syncUntil } from '../support/sync';
import { expectedContactPoints } from '../support/truth';

/**
 * Mailbox sync against Graph as a real tenant answers it, where the documentation allows more
 * than one answer: `$batch` items throttled one by one, an expired delta token as 410
 * syncStateNotFound or 400 resyncRequired, `internetMessageHeaders` present in delta or not, and
 * delta order guaranteed only when asked for. The emulator's mailboxes here allow two concurrent
 * requests (another client of the app holds the other two of Exchange's four), so a batch of four
 * message reads always has two items answered 429 with their own Retry-After.
 */
describe('mailbox sync against a real tenant', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof connectOrganization>>;
  let contosoId: string;
  let regular: ScenarioUser[];
  const db = () => app.database.db;
  const integrationOf = (userId: string) =>
    db()
      .collection('integrations')
      .findOne({ _id: `${contosoId}|${userId}` as never });
  const pointIds = async (userId: string) =>
    (await db().collection('contactPoints').find({ userId }).toArray())
      .map((p) => p.internetMessageId as string)
      .sort();
  const start = (user: ScenarioUser) =>
    admin('POST', `/api/admin/tenants/${contosoId}/integrations`, {
      userIds: [user.id],
      acknowledgeNoDeletion: true,
    });
  const active = (user: ScenarioUser) => async () => (await integrationOf(user.id))?.status === 'active';
  const settled = (user: ScenarioUser) => async () => {
    const integration = await integrationOf(user.id);
    const folders = Object.values(
      (integration?.folders ?? {}) as Record<string, { deltaLink: string | null; nextLink: string | null }>,
    );
    return (
      integration?.status === 'active' &&
      folders.length === 2 &&
      folders.every((f) => f.deltaLink && !f.nextLink)
    );
  };
  const truthOf = async (user: ScenarioUser) =>
    (await control<{ messages: TruthMessage[] }>(emulator, 'GET', `mailboxes/${user.id}/truth`)).messages;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 80, limits: { concurrentPerMailbox: 2 } });
    app = await startTestApp('realtenant', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_PAGE_SIZE: '25',
      SYNC_POLL_INTERVAL_SECONDS: '3600', // a mailbox runs again only when a test asks
    });
    contosoId = tenantNamed(emulator, 'Contoso').id;
    admin = await connectOrganization(app, emulator, ['Contoso', 'Contoso Japan'], {
      settings: { backfillDays: 3650 },
    });
    regular = tenantNamed(emulator, 'Contoso').users.filter((u) => !u.plantedError && !u.isAdmin);
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('reads every due signature while $batch items are throttled, and marks a sender checked only with its body read', async () => {
    const owner = regular[0]!;
    const senders = Array.from({ length: 20 }, (_, i) => ({
      name: 'Alex Morgan',
      address: `alex.morgan@supplier${i}.example.com`,
      company: `Supplier ${i} Holdings Ltd.`,
    }));
    for (const [i, s] of senders.entries()) {
      await control(emulator, 'POST', `mailboxes/${owner.id}/messages`, {
        from: { name: s.name, address: s.address },
        to: [{ name: owner.displayName, address: owner.mail }],
        subject: `Quote ${i}`,
        body: [
          'Hello,',
          '',
          'Please find the revised quote attached.',
          '',
          'Best regards,',
          s.name,
          'Purchasing Manager',
          s.company,
        ].join('\n'),
      });
    }
    // Every body read takes 200 ms, so the items of one batch overlap as they do at Microsoft.
    await control(emulator, 'PUT', 'faults', { latencyMs: 200, mailboxes: [owner.id] });
    try {
      await start(owner);
      const contacts = () =>
        db()
          .collection('contacts')
          .find({ email: { $in: senders.map((s) => s.address) } })
          .toArray();
      await syncUntil(
        app,
        async () => (await active(owner)()) && (await contacts()).every((c) => c.signatureCheckedAt),
        { timeoutMs: 120_000 },
      );
      const found = await contacts();
      expect(found).toHaveLength(20);
      for (const c of found) {
        expect({ email: c.email, title: c.signature?.title?.slice(-18) }).toEqual({
          email: c.email,
          title: 'Purchasing Manager',
        });
      }
      const stats = await control<{ mailboxes: Record<string, { throttled: number }> }>(
        emulator,
        'GET',
        'stats',
      );
      expect(stats.mailboxes[owner.id]!.throttled).toBeGreaterThan(0); // the retries were needed
    } finally {
      await control(emulator, 'DELETE', 'faults');
    }
  });

  it.each(['syncStateNotFound', 'resyncRequired'])(
    'reads the folders again after the delta token expired with %s',
    async (code) => {
      const owner = regular[1]!;
      if (!(await integrationOf(owner.id))) await start(owner);
      // Both folders current (a delta link each), so the next run starts from the expired links.
      await syncUntil(app, settled(owner));
      const before = (await integrationOf(owner.id))!.lastSyncAt as Date;
      await control(emulator, 'POST', `mailboxes/${owner.id}/expire-delta`, { code });
      const delivered = await control<{ internetMessageId: string }>(
        emulator,
        'POST',
        `mailboxes/${owner.id}/messages`,
        {},
      );
      await admin('POST', `/api/admin/tenants/${contosoId}/integrations/${owner.id}/retry`);
      await syncUntil(
        app,
        async () =>
          (await settled(owner)()) && ((await integrationOf(owner.id))!.lastSyncAt as Date) > before,
        { timeoutMs: 30_000 },
      );
      expect(await pointIds(owner.id)).toContain(delivered.internetMessageId);
      expect(await pointIds(owner.id)).toEqual(
        [...(await expectedContactPoints(emulator, owner)).keys()].sort(),
      );
    },
  );

  it.each([
    ['returns no internet headers', false, 0],
    ['returns internet headers', true, 1],
  ] as const)('leaves list and automated mail out when delta %s', async (_, headers, pick) => {
    // Mailboxes with list mail from senders whose address alone does not give them away.
    const withLists = (
      await Promise.all(regular.slice(2, -1).map(async (u) => ({ u, truth: await truthOf(u) })))
    ).filter(({ truth }) => truth.some((m) => m.list && m.folder === 'inbox'));
    expect(withLists.length).toBeGreaterThanOrEqual(2);
    const owner = withLists[pick]!.u;
    await control(emulator, 'PUT', 'settings', { deltaInternetMessageHeaders: headers });
    try {
      await start(owner);
      await syncUntil(app, active(owner), { timeoutMs: 90_000 });
    } finally {
      await control(emulator, 'PUT', 'settings', { deltaInternetMessageHeaders: true });
    }
    expect(await pointIds(owner.id)).toEqual(
      [...(await expectedContactPoints(emulator, owner)).keys()].sort(),
    );
  });

  it('asks for the delta newest first, and applies the backfill window to whatever order comes', async () => {
    const owner = regular[regular.length - 1]!;
    await admin('PUT', '/api/admin/settings', { backfillDays: 90 });
    const since = Date.now() - 90 * 86400_000;
    await start(owner);
    await syncUntil(app, active(owner));
    const stats = await control<{
      mailboxes: Record<string, { deltaRounds: { newestFirst: number; unordered: number } }>;
    }>(emulator, 'GET', 'stats');
    expect(stats.mailboxes[owner.id]!.deltaRounds).toEqual({ newestFirst: 2, unordered: 0 });
    // Messages within a minute of the window's edge may fall either side of it.
    const stored = await pointIds(owner.id);
    const inner = [...(await expectedContactPoints(emulator, owner, new Date(since + 60_000))).keys()];
    const outer = new Set((await expectedContactPoints(emulator, owner, new Date(since - 60_000))).keys());
    expect(inner.length).toBeGreaterThan(0);
    expect(stored.filter((id) => !outer.has(id))).toEqual([]);
    expect(inner.filter((id) => !stored.includes(id))).toEqual([]);
  });
});
