import type { Db } from 'mongodb';
import { devCerts } from '../../scripts/lib/certs';
import { launchChromium } from '../support/browser';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import {
  adminOf,
  control,
  microsoftEnv,
  tenantNamed,
  userToken,
  type TestEmulator,
} from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { runScript, type RunningProcess } from '../support/processes';

/**
 * The fleet benchmark's world: organisations connected once through the real consent flow (a
 * template database), then copied into a fresh database for every run, so each run starts from
 * "everyone connected, nobody synced" without 52 browser consents each time.
 */

export interface FleetOrg {
  name: string;
  tenantId: string;
  orgId: string;
  mailboxes: string[];
}

export interface Fleet {
  template: TestApp;
  big: FleetOrg;
  small: FleetOrg[];
  probe: FleetOrg;
}

const mailboxIds = (emulator: TestEmulator, tenant: string, count?: number) =>
  tenantNamed(emulator, tenant)
    .users.filter((u) => !u.plantedError && !u.isAdmin)
    .slice(0, count)
    .map((u) => u.id);

/** Connects every organisation of the scenario (one browser consent each) into a template database. */
export async function connectFleet(
  emulator: TestEmulator,
  bigMailboxes: number,
  smallOrgs: number,
  progress: (line: string) => void,
): Promise<Fleet> {
  const template = await startTestApp('fleettemplate', {
    ...microsoftEnv(emulator),
    TLS_CERT_FILE: devCerts.cert,
    TLS_KEY_FILE: devCerts.key,
    // One admin tool connecting 52 organisations in a minute is not the abuse this limit is for.
    RATE_LIMIT_CONSENT_PER_IP: '0',
  });
  const browser = await launchChromium();
  const orgIdOf = async (tenantId: string) =>
    (await template.database.db.collection('tenants').findOne({ _id: tenantId as never }))!.orgId as string;
  const connect = async (name: string, count?: number): Promise<FleetOrg> => {
    await connectOrganization(template, emulator, [name], { browser, settings: { backfillDays: 3650 } });
    const tenantId = tenantNamed(emulator, name).id;
    return { name, tenantId, orgId: await orgIdOf(tenantId), mailboxes: mailboxIds(emulator, name, count) };
  };
  try {
    const big = await connect('Contoso', bigMailboxes);
    const probe = await connect('Fabrikam');
    const small: FleetOrg[] = [];
    for (let i = 1; i <= smallOrgs; i++) {
      small.push(await connect(`Customer ${String(i).padStart(2, '0')}`));
      if (i % 10 === 0) progress(`  connected ${i + 2} organisations`);
    }
    return { template, big, small, probe };
  } finally {
    await browser.close();
  }
}

/** A fresh database with the template's organisations and tenants: connected, enabled, nothing synced. */
export async function startRun(
  label: string,
  fleet: Fleet,
  emulator: TestEmulator,
  env: NodeJS.ProcessEnv = {},
): Promise<TestApp> {
  const app = await startTestApp(label, { ...microsoftEnv(emulator), ...env });
  for (const name of ['organizations', 'tenants']) {
    const docs = await fleet.template.database.db.collection(name).find({}).toArray();
    await app.database.db.collection(name).insertMany(docs);
  }
  // An emulator started for this run has not seen the consents: its control API records them.
  const known = new Set(emulator.scenario.tenants.map((t) => t.id));
  for (const org of [fleet.big, fleet.probe, ...fleet.small])
    if (known.has(org.tenantId))
      await control(emulator, 'PUT', `tenants/${org.tenantId}/consent`, { granted: true });
  return app;
}

/** Starts an organisation's mailboxes as its admin does in the admin pane. */
export async function startMailboxes(app: TestApp, emulator: TestEmulator, org: FleetOrg): Promise<void> {
  const admin = apiClient(app.url, await userToken(emulator, adminOf(emulator, org.name)));
  for (let i = 0; i < org.mailboxes.length; i += 100) {
    const answer = await admin('POST', `/api/admin/tenants/${org.tenantId}/integrations`, {
      userIds: org.mailboxes.slice(i, i + 100),
      acknowledgeNoDeletion: true,
    });
    if (answer.status !== 200) throw new Error(`start ${org.name}: ${JSON.stringify(answer.body)}`);
  }
}

/** Worker processes against the run's database, as `npm run worker` runs them. */
export function startWorkers(
  app: TestApp,
  emulator: TestEmulator,
  count: number,
  env: NodeJS.ProcessEnv,
): RunningProcess[] {
  return Array.from({ length: count }, () =>
    runScript('server/worker.ts', {
      ...microsoftEnv(emulator),
      MONGODB_URI: app.database.uri,
      MONGODB_DB_NAME: app.database.name,
      NODE_EXTRA_CA_CERTS: devCerts.caCert,
      LOG_LEVEL: 'info',
      WORKER_CONCURRENCY: '4',
      ...env,
    }),
  );
}

/**
 * What the workers say about their runs, from their own log lines ("mailbox synced"), so the
 * benchmark watches the fleet without adding reads to the database it measures: when each
 * mailbox's first sync completed, and every run's time with its job.
 */
export interface SyncLog {
  firstDone: Map<string, number>;
  runs: Array<{ jobId: string; at: number; ms: number }>;
}

export function watchSyncs(workers: RunningProcess[]): SyncLog {
  const seen: SyncLog = { firstDone: new Map(), runs: [] };
  for (const worker of workers) {
    let buffer = '';
    worker.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line.includes('"mailbox synced"')) continue;
        try {
          const entry = JSON.parse(line) as { jobId: string; time: number; ms: number; complete: boolean };
          seen.runs.push({ jobId: entry.jobId, at: entry.time, ms: entry.ms });
          if (entry.complete && !seen.firstDone.has(entry.jobId)) seen.firstDone.set(entry.jobId, entry.time);
        } catch {
          // not a log line
        }
      }
    });
  }
  return seen;
}

export async function stopWorkers(workers: RunningProcess[]): Promise<void> {
  workers.forEach((w) => w.child.kill('SIGTERM'));
  await Promise.all(workers.map((w) => w.exited));
}

/**
 * Bytes the run's database takes on disk, data and indexes (`dbStats.totalSize`): on the embedded
 * server SQLite's pages in use, counted the same whether or not the write-ahead log has been
 * folded into the file yet (the files' sizes are not: the log is reused, not shrunk).
 */
export async function databaseBytes(db: Db): Promise<number> {
  const stats = await db.command({ dbStats: 1 });
  return Number(stats.totalSize ?? Number(stats.storageSize ?? 0) + Number(stats.indexSize ?? 0));
}
