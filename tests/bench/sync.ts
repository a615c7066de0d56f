/**
 * `npm run bench:sync` — how fast mailboxes become contact points.
 *
 *   A. end to end: one mailbox of --messages messages, Graph (emulator) → extraction → database;
 *   B. our own CPU cost per message: the same pages replayed from memory into a no-op sink;
 *   C. with --latency ms per Graph request: our rate against the ideal of just following the
 *      delta pages (both folders side by side, as the sync does);
 *   D. 1, 2 and 4 worker processes on --mailboxes mailboxes of --per-mailbox messages at that latency.
 *
 * Uses the embedded database unless MONGODB_URI is set. Options: --messages 20000 --mailboxes 40
 * --per-mailbox 500 --latency 200 --workers 1,2,4, and --scaling-only to run D alone (with a higher
 * --latency it shows the workers scaling until the database is the bound).
 */
import os from 'node:os';
import { devCerts } from '../../scripts/lib/certs';
import { createDeps } from '../../server/app';
import type { IntegrationDoc } from '../../server/integrations/store';
import { syncedFolders } from '../../server/integrations/store';
import type { MailMessage } from '../../server/extraction/message';
import type { ChangesPage, MailboxDriver, SyncedFolder } from '../../server/sync/driver';
import { syncMailbox, type PageStore } from '../../server/sync/mailbox-sync';
import { GraphMailboxDriver } from '../../server/providers/microsoft/graph-driver';
import { startTestApp, type TestApp } from '../support/app';
import { control, microsoftEnv, tenantNamed, type TestEmulator } from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { runScript } from '../support/processes';
import { syncUntil } from '../support/sync';
import { benchDatabase, emulatorProcess, machineCpuTicks, median, processCpuSeconds, table } from './support';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const messages = Number(flag('messages', '20000'));
const mailboxCount = Number(flag('mailboxes', '40'));
const perMailbox = Number(flag('per-mailbox', '500'));
const latency = Number(flag('latency', '200'));
const workerCounts = flag('workers', '1,2,4').split(',').map(Number);
const scalingOnly = process.argv.includes('--scaling-only');

const appEnv = (emulator: TestEmulator) => ({
  ...microsoftEnv(emulator),
  TLS_CERT_FILE: devCerts.cert,
  TLS_KEY_FILE: devCerts.key,
  SYNC_PAGE_SIZE: '100',
  SYNC_POLL_INTERVAL_SECONDS: '3600',
});

const log = (line: string) => process.stdout.write(`${line}\n`);

async function integrationOf(app: TestApp, userId: string): Promise<IntegrationDoc | null> {
  return app.database.db.collection<IntegrationDoc>('integrations').findOne({ userId });
}

const pointsOf = (i: IntegrationDoc | null) => Object.values(i?.pointMonths ?? {}).reduce((a, b) => a + b, 0);

/** Syncs one fresh mailbox to the end; returns seconds, messages read and contact points stored. */
async function syncOne(
  app: TestApp,
  admin: Awaited<ReturnType<typeof connectOrganization>>,
  tenantId: string,
  userId: string,
) {
  await admin('POST', `/api/admin/tenants/${tenantId}/integrations`, {
    userIds: [userId],
    acknowledgeNoDeletion: true,
  });
  const started = process.hrtime.bigint();
  await syncUntil(app, async () => (await integrationOf(app, userId))?.status === 'active', {
    timeoutMs: 3 * 3600_000,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const integration = await integrationOf(app, userId);
  return { seconds, messages: integration!.counts.messages, points: pointsOf(integration) };
}

function graphDriver(app: TestApp, tenantId: string, userId: string): GraphMailboxDriver {
  const deps = createDeps(app.config, app.database.db, app.log);
  return new GraphMailboxDriver(deps.graph.sync(tenantId), userId, {
    graphBaseUrl: app.config.microsoft.graphBaseUrl,
    pageSize: 100,
    maxThrottleWaitMs: 60_000,
  });
}

/** Follows the delta pages of both folders side by side, doing nothing with them. */
async function followPages(
  driver: MailboxDriver,
): Promise<{ seconds: number; pages: Record<string, MailMessage[][]> }> {
  const pages: Record<string, MailMessage[][]> = {};
  const started = process.hrtime.bigint();
  await Promise.all(
    syncedFolders.map(async (folder) => {
      pages[folder] = [];
      let cursor: string | null = null;
      for (;;) {
        const page: ChangesPage = await driver.readChanges(folder, cursor, new AbortController().signal);
        pages[folder]!.push(page.messages);
        if (page.next.kind === 'done') break;
        cursor = page.next.cursor;
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, pages };
}

/** Replays fetched pages from memory. */
function memoryDriver(pages: Record<string, MailMessage[][]>): MailboxDriver {
  return {
    async readChanges(folder: SyncedFolder, cursor: string | null) {
      const index = cursor ? Number(cursor) : 0;
      const list = pages[folder]!;
      return {
        messages: list[index] ?? [],
        next: { kind: index + 1 < list.length ? 'more' : 'done', cursor: String(index + 1) },
      };
    },
    async readBodies() {
      return new Map();
    },
    async readHeaders() {
      return new Map();
    },
    subscribe: () => Promise.reject(new Error('not in the benchmark')),
    renewSubscription: () => Promise.reject(new Error('not in the benchmark')),
    unsubscribe: async () => undefined,
  };
}

const noopStore: PageStore = {
  async storePage(_db, _scope, points) {
    return { inserted: points.length, colleagueMonthTotals: {} };
  },
  async saveProgress() {},
};

async function ourCpuCost(app: TestApp, integration: IntegrationDoc, pages: Record<string, MailMessage[][]>) {
  const org = (await app.database.db
    .collection('organizations')
    .findOne({ _id: integration.orgId as never }))!;
  const perMessage: number[] = [];
  let count = 0;
  for (let run = 0; run < 7; run++) {
    const cpu = process.cpuUsage();
    const totals = await syncMailbox({
      db: app.database.db,
      log: app.log,
      driver: memoryDriver(pages),
      integration: { ...integration, status: 'active', folders: {} },
      org: org as never,
      internalDomains: [
        'contoso.com',
        'contoso.co.jp',
        'contoso.onmicrosoft.com',
        'contosojapan.onmicrosoft.com',
      ],
      signal: new AbortController().signal,
      signatures: null,
      store: noopStore,
    });
    const used = process.cpuUsage(cpu);
    count = totals.messages;
    perMessage.push((used.user + used.system) / totals.messages);
  }
  return { messages: count, microsPerMessage: median(perMessage.slice(2)) };
}

/** A, B and C: one big mailbox at a time. */
async function singleMailbox(): Promise<void> {
  const emulator = await emulatorProcess({ users: 0, messagesPerUser: messages });
  const app = await startTestApp('benchsync', appEnv(emulator));
  const admin = await connectOrganization(app, emulator, ['Contoso', 'Contoso Japan'], {
    settings: { backfillDays: 3650 },
  });
  const contoso = tenantNamed(emulator, 'Contoso');
  const users = contoso.users.filter((u) => !u.plantedError && !u.isAdmin);

  const a = await syncOne(app, admin, contoso.id, users[0]!.id);
  log(
    `A. End to end, one mailbox: ${a.messages} messages read, ${a.points} contact points stored in ${a.seconds.toFixed(1)} s` +
      ` = ${Math.round(a.messages / a.seconds)} messages/s`,
  );

  const fetched = await followPages(graphDriver(app, contoso.id, users[1]!.id));
  const sample = (await integrationOf(app, users[0]!.id))!;
  const b = await ourCpuCost(
    app,
    { ...sample, userId: users[1]!.id, mail: users[1]!.mail, userPrincipalName: users[1]!.userPrincipalName },
    fetched.pages,
  );
  log(
    `B. Our CPU per message (same pages from memory, no-op sink, median of 5 runs): ${b.microsPerMessage.toFixed(1)} µs` +
      ` over ${b.messages} messages (aim: < 50 µs)`,
  );

  await control(emulator, 'PUT', 'faults', { latencyMs: latency });
  const ideal = await followPages(graphDriver(app, contoso.id, users[2]!.id));
  const c = await syncOne(app, admin, contoso.id, users[2]!.id);
  log(
    `C. With ${latency} ms per Graph request: following the delta pages alone takes ${ideal.seconds.toFixed(1)} s, our sync ${c.seconds.toFixed(1)} s` +
      ` → ${(ideal.seconds / c.seconds).toFixed(2)} of the paging ideal (aim: ≥ 0.9)`,
  );
  await app.close();
  await emulator.stop();
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  process.env.TEST_MONGODB_URI = database.uri;
  log(`Database: ${database.label}; page size 100; Graph: the emulator in its own process.\n`);

  if (!scalingOnly) await singleMailbox();

  // D: scaling with worker processes.
  const many = await emulatorProcess({ users: mailboxCount, messagesPerUser: perMailbox });
  await control(many, 'PUT', 'faults', { latencyMs: latency });
  const rows: Array<Record<string, string | number>> = [];
  for (const workers of workerCounts) {
    const run = await startTestApp(`benchscale${workers}`, appEnv(many));
    const runAdmin = await connectOrganization(run, many, ['Contoso', 'Contoso Japan'], {
      settings: { backfillDays: 3650 },
    });
    const tenant = tenantNamed(many, 'Contoso');
    const mailboxes = tenant.users.filter((u) => !u.plantedError && !u.isAdmin).slice(0, mailboxCount);
    await runAdmin('POST', `/api/admin/tenants/${tenant.id}/integrations`, {
      userIds: mailboxes.map((u) => u.id),
      acknowledgeNoDeletion: true,
    });
    const started = process.hrtime.bigint();
    const dbCpuBefore = processCpuSeconds(database.pid);
    const machineBefore = machineCpuTicks();
    const processes = Array.from({ length: workers }, () =>
      runScript('server/worker.ts', {
        ...appEnv(many),
        MONGODB_URI: run.database.uri,
        MONGODB_DB_NAME: run.database.name,
        NODE_EXTRA_CA_CERTS: devCerts.caCert,
        LOG_LEVEL: 'warn',
        WORKER_CONCURRENCY: '4',
      }),
    );
    const ids = mailboxes.map((m) => m.id);
    for (;;) {
      const done = await run.database.db
        .collection('integrations')
        .countDocuments({ userId: { $in: ids }, status: 'active' });
      if (done === ids.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const dbCpu = (processCpuSeconds(database.pid) - dbCpuBefore) / seconds;
    const machineAfter = machineCpuTicks();
    const machineBusy =
      (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total);
    const states = await run.database.db
      .collection<IntegrationDoc>('integrations')
      .find({ userId: { $in: ids } })
      .toArray();
    const total = states.reduce((n, s) => n + s.counts.messages, 0);
    processes.forEach((p) => p.child.kill('SIGTERM'));
    await Promise.all(processes.map((p) => p.exited));
    rows.push({
      workers,
      mailboxes: ids.length,
      messages: total,
      seconds: seconds.toFixed(1),
      'messages/s': Math.round(total / seconds),
      'database CPU': database.pid ? `${Math.round(dbCpu * 100)}% of a core` : 'n/a',
      'machine busy': `${Math.round(machineBusy * 100)}% of ${os.cpus().length} cores`,
    });
    await run.close();
  }
  await many.stop();
  log(
    `\nD. ${mailboxCount} mailboxes × ${perMailbox} messages, ${latency} ms per Graph request, 4 mailboxes per worker:\n${table(rows)}`,
  );
  const base = Number(rows[0]?.['messages/s'] ?? 0);
  log(
    rows
      .map((r) => `${r.workers} workers: ${(Number(r['messages/s']) / base).toFixed(2)}× one worker`)
      .join('; '),
  );
  await database.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
