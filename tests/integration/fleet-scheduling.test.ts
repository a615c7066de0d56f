import type { Db } from 'mongodb';
import { devCerts } from '../../scripts/lib/certs';
import type { IntegrationDoc } from '../../server/integrations/store';
import type { SyncJobDoc } from '../../server/sync/jobs';
import { createLogger } from '../../server/log';
import { AppBudget } from '../../server/sync/request-budget';
import { startTestApp, type TestApp } from '../support/app';
import { openTestDatabase, type TestDatabase } from '../support/database';
import {
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { startMetrics } from '../support/metrics';
import { connectOrganization } from '../support/organization';
import { syncUntil } from '../support/sync';

/**
 * How the fleet shares its workers: organisations take turns, new mail does not wait behind
 * first syncs, and Graph's per-mailbox request limit holds while a mailbox moves between workers.
 * Every check is about order or counts, never about how fast this machine is.
 */

const appEnv = (emulator: TestEmulator, extra: NodeJS.ProcessEnv) => ({
  ...microsoftEnv(emulator),
  TLS_CERT_FILE: devCerts.cert,
  TLS_KEY_FILE: devCerts.key,
  ...extra,
});

const mailboxesOf = (emulator: TestEmulator, tenant: string) =>
  tenantNamed(emulator, tenant).users.filter((u) => !u.plantedError && !u.isAdmin);

async function start(
  admin: Awaited<ReturnType<typeof connectOrganization>>,
  tenantId: string,
  users: ScenarioUser[],
) {
  const started = await admin('POST', `/api/admin/tenants/${tenantId}/integrations`, {
    userIds: users.map((u) => u.id),
    acknowledgeNoDeletion: true,
  });
  expect(started.status).toBe(200);
}

const integrationsOf = (db: Db, users: ScenarioUser[]) =>
  db
    .collection<IntegrationDoc>('integrations')
    .find({ userId: { $in: users.map((u) => u.id) } })
    .toArray();

describe('fair scheduling across organisations', () => {
  let emulator: TestEmulator;
  let app: TestApp;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 120, extraUsers: 16 });
    app = await startTestApp(
      'fairorder',
      appEnv(emulator, { WORKER_CONCURRENCY: '1', SYNC_POLL_INTERVAL_SECONDS: '3600', SYNC_PAGE_SIZE: '50' }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it("a small organisation's mailboxes are claimed before a large organisation's backlog drains", async () => {
    const large = await connectOrganization(app, emulator, ['Contoso'], { settings: { backfillDays: 3650 } });
    const small = await connectOrganization(app, emulator, ['Fabrikam'], {
      settings: { backfillDays: 3650 },
    });
    const largeUsers = mailboxesOf(emulator, 'Contoso').slice(-16);
    const smallUsers = mailboxesOf(emulator, 'Fabrikam');
    // The large organisation starts everyone first.
    await start(large, tenantNamed(emulator, 'Contoso').id, largeUsers);
    await start(small, tenantNamed(emulator, 'Fabrikam').id, smallUsers);
    // Before any worker runs, the admin pane shows each waiting mailbox's place across organisations.
    const waiting = await small<{
      integrations: Array<{ queue: { position: number; estimatedStartAt: null } }>;
    }>('GET', '/api/admin/integrations');
    expect(waiting.body.integrations.map((i) => i.queue.position).sort((a, b) => a - b)).toEqual([
      2, 4, 6, 8,
    ]);
    expect(waiting.body.integrations.every((i) => i.queue.estimatedStartAt === null)).toBe(true);
    const all = [...largeUsers, ...smallUsers];
    await syncUntil(
      app,
      async () => (await integrationsOf(app.database.db, all)).every((i) => i.status === 'active'),
      {
        timeoutMs: 240_000,
      },
    );

    const smallDone = Math.max(
      ...(await integrationsOf(app.database.db, smallUsers)).map((i) => i.lastSyncAt!.getTime()),
    );
    // Each job was claimed once (one slice each, no polls within the hour): claimedAt is its claim.
    const largeJobs = await app.database.db
      .collection<SyncJobDoc>('syncJobs')
      .find({ _id: { $in: largeUsers.map((u) => `${tenantNamed(emulator, 'Contoso').id}|${u.id}`) } })
      .toArray();
    const claimedAfterSmallDone = largeJobs.filter((j) => j.claimedAt!.getTime() > smallDone).length;
    expect({ largeJobs: largeJobs.length, claimedAfterSmallDone }).toEqual({
      largeJobs: 16,
      claimedAfterSmallDone: expect.any(Number),
    });
    // Turns alternate (large, small, large, small…): the small one is through after 8 claims.
    expect(claimedAfterSmallDone).toBeGreaterThanOrEqual(8);

    // The next poll is due one interval after the run began, not after it ended.
    const synced = new Map((await integrationsOf(app.database.db, largeUsers)).map((i) => [i._id, i]));
    const hour = 3600_000;
    for (const job of largeJobs) {
      expect(job.dueAt.getTime()).toBeGreaterThanOrEqual(job.claimedAt!.getTime() + hour);
      expect(job.dueAt.getTime()).toBeLessThan(synced.get(job._id)!.lastSyncAt!.getTime() + hour);
    }
  }, 300_000);
});

describe('incremental mail during a backfill', () => {
  let emulator: TestEmulator;
  let app: TestApp;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 120, extraUsers: 16 });
    app = await startTestApp(
      'incremental',
      appEnv(emulator, { WORKER_CONCURRENCY: '1', SYNC_POLL_INTERVAL_SECONDS: '2', SYNC_PAGE_SIZE: '10' }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('new mail in an active mailbox is stored at its next poll, not after the backfill', async () => {
    const admin = await connectOrganization(app, emulator, ['Contoso'], { settings: { backfillDays: 3650 } });
    const contosoId = tenantNamed(emulator, 'Contoso').id;
    const active = mailboxesOf(emulator, 'Contoso')[0]!;
    const backfill = mailboxesOf(emulator, 'Contoso').slice(-16);
    await start(admin, contosoId, [active]);
    await syncUntil(
      app,
      async () => (await integrationsOf(app.database.db, [active]))[0]?.status === 'active',
    );

    // Every Graph request now takes a while, so the backfill runs long on its one place.
    await control(emulator, 'PUT', 'faults', { latencyMs: 60 });
    await start(admin, contosoId, backfill);
    let delivered: string | null = null;
    let stillQueued = -1;
    await syncUntil(
      app,
      async () => {
        const states = await integrationsOf(app.database.db, backfill);
        if (!delivered) {
          if (!states.some((s) => s.status !== 'queued')) return false;
          // The backfill has begun: mail arrives in the active mailbox.
          const message = await control<{ internetMessageId: string }>(
            emulator,
            'POST',
            `mailboxes/${active.id}/messages`,
            {},
          );
          delivered = message.internetMessageId;
          return false;
        }
        const stored = await app.database.db
          .collection('contactPoints')
          .findOne({ userId: active.id, internetMessageId: delivered });
        if (!stored) return false;
        stillQueued = states.filter((s) => s.status === 'queued').length;
        return true;
      },
      { timeoutMs: 240_000 },
    );
    await control(emulator, 'DELETE', 'faults');
    // Stored while most of the backfill had not even been started.
    expect(stillQueued).toBeGreaterThanOrEqual(8);
  }, 300_000);
});

describe("Graph's per-mailbox request limit across workers", () => {
  const limit = 40;
  let emulator: TestEmulator;
  let app: TestApp;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 400, limits: { requestsPer10Min: limit } });
    app = await startTestApp(
      'budget',
      appEnv(emulator, {
        WORKER_CONCURRENCY: '1',
        SYNC_POLL_INTERVAL_SECONDS: '3600',
        SYNC_PAGE_SIZE: '10',
        SYNC_SLICE_SECONDS: '0.3',
        SYNC_MAILBOX_REQUESTS_PER_10_MINUTES: String(limit),
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('holds while slices of one mailbox move between two workers: Graph never has to throttle', async () => {
    const admin = await connectOrganization(app, emulator, ['Contoso'], { settings: { backfillDays: 3650 } });
    const contosoId = tenantNamed(emulator, 'Contoso').id;
    const owner = mailboxesOf(emulator, 'Contoso')[1]!;
    await control(emulator, 'PUT', 'faults', { latencyMs: 100 });
    await start(admin, contosoId, [owner]);
    const metrics = await startMetrics(app.database.db, app.log);
    const before = await metrics.scrape();
    expect(before.get('sam_sync_queue_depth{lane="backfill"}')).toBe(1);
    const jobs = app.database.db.collection<SyncJobDoc>('syncJobs');
    // Run until the mailbox is paused: its job due when the budget's oldest minute leaves the window.
    await syncUntil(
      app,
      async () => {
        const job = await jobs.findOne({ _id: `${contosoId}|${owner.id}` });
        return !!job && job.leaseOwner === null && job.dueAt.getTime() > Date.now() + 60_000;
      },
      // Without signature reads: this is about the count of requests, not JSON batching.
      { workers: 2, timeoutMs: 180_000, signatures: false },
    );
    await control(emulator, 'DELETE', 'faults');

    const job = (await jobs.findOne({ _id: `${contosoId}|${owner.id}` }))!;
    const counted = Object.values(job.requests ?? {}).reduce((a, b) => a + b, 0);
    const stats = await control<{ mailboxes: Record<string, { requests: number; throttled: number }> }>(
      emulator,
      'GET',
      'stats',
    );
    const claims = await app.database.db
      .collection<{ claims: number }>('syncClaimMinutes')
      .find({})
      .toArray();
    const integration = (await integrationsOf(app.database.db, [owner]))[0]!;
    expect({
      throttledByGraph: stats.mailboxes[owner.id]!.throttled,
      sentWithinLimit: stats.mailboxes[owner.id]!.requests <= limit,
      countedAll: counted >= stats.mailboxes[owner.id]!.requests,
      status: integration.status,
      lastError: integration.lastError,
    }).toEqual({
      throttledByGraph: 0,
      sentWithinLimit: true,
      countedAll: true,
      status: 'syncing',
      lastError: null,
    });
    // Many slices, so the count crossed many hand-overs between the two workers.
    expect(claims.reduce((n, d) => n + d.claims, 0)).toBeGreaterThanOrEqual(4);
    // Operators see the pause: one more wait on the mailbox's budget, lasting until the job is due.
    const after = await metrics.scrape();
    await metrics.server.close();
    const waits = 'sam_graph_budget_waits_total{budget="mailbox"}';
    const waited = 'sam_graph_budget_wait_seconds_total{budget="mailbox"}';
    expect((after.get(waits) ?? 0) - (before.get(waits) ?? 0)).toBeGreaterThanOrEqual(1);
    expect((after.get(waited) ?? 0) - (before.get(waited) ?? 0)).toBeGreaterThan(60);
  }, 240_000);
});

describe("Graph's global limit per app, shared by every worker", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('appbudget');
  });
  afterAll(() => database.close());

  it('two workers together get no more than the window allows; the next request waits for the next window', async () => {
    const metrics = await startMetrics(database.db, createLogger('silent', 'test'));
    const before = await metrics.scrape();
    // The clock stands half a second before a 10-second window ends while the window is spent,
    // then runs on from there: the check does not depend on how fast the database answers.
    const boundary = (Math.floor(Date.now() / 10_000) + 2) * 10_000;
    let offset: number | null = null;
    const clock = () => (offset === null ? boundary - 500 : Date.now() + offset);
    const one = new AppBudget(database.db, 10, clock);
    const two = new AppBudget(database.db, 10, clock);
    for (let i = 0; i < 5; i++) {
      await one.spend(1);
      await two.spend(1);
    }
    offset = boundary - 500 - Date.now();
    await Promise.race([one.spend(1), two.spend(1)]);
    expect(clock()).toBeGreaterThanOrEqual(boundary);
    const after = await metrics.scrape();
    await metrics.server.close();
    const waits = 'sam_graph_budget_waits_total{budget="app"}';
    const waited = 'sam_graph_budget_wait_seconds_total{budget="app"}';
    expect((after.get(waits) ?? 0) - (before.get(waits) ?? 0)).toBeGreaterThanOrEqual(1);
    expect((after.get(waited) ?? 0) - (before.get(waited) ?? 0)).toBeGreaterThan(0);
  });
});
