import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { devCerts } from '../../scripts/lib/certs';
import { recentOfBucket, unpackCounts } from '../../server/extraction/documents';
import { startTestApp, type TestApp } from '../support/app';
import {
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { authorizeDelegation, googleEnv, registerWorkspace, workspaceOf } from '../support/google';
import { connectOrganization } from '../support/organization';
import { runScript, type RunningProcess } from '../support/processes';
import { indexDifferences, searchTruth } from '../support/search-truth';
import { expectedContactPoints } from '../support/truth';

/**
 * Nothing is lost and nothing doubles, whatever fails: three worker processes sync thirty
 * mailboxes (25 on Microsoft 365, 5 on Gmail) while the emulator throttles, fails, drops connections and expires delta tokens, and
 * workers are killed with SIGKILL and replaced. After convergence every mailbox's contact points
 * equal the ground truth exactly, so do the read models and the search index derived from them,
 * and the workers' lease logs show no mailbox held by two at once.
 */

interface LeaseEvent {
  msg: string;
  jobId: string;
  owner: string;
  time: number;
  leaseUntil?: string;
}

const mailboxCount = 30;
const gmailCount = 5;
const workerLog = path.join(__dirname, '../../test-artifacts/fault-tolerance-workers.log');

describe('sync under faults and killed workers', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let mailboxes: ScenarioUser[];
  let google: NodeJS.ProcessEnv;
  const workers: Array<{ run: RunningProcess; events: LeaseEvent[] }> = [];
  const finished: Array<{ events: LeaseEvent[] }> = [];

  function startWorker(): void {
    const run = runScript('server/worker.ts', {
      ...microsoftEnv(emulator),
      ...google,
      MONGODB_URI: app.database.uri,
      MONGODB_DB_NAME: app.database.name,
      LOG_LEVEL: 'debug',
      NODE_EXTRA_CA_CERTS: devCerts.caCert,
      WORKER_CONCURRENCY: '4',
      SYNC_LEASE_SECONDS: '3',
      SYNC_PAGE_SIZE: '40',
      SYNC_POLL_INTERVAL_SECONDS: '2',
      SYNC_RETRY_BASE_SECONDS: '0.2',
      SYNC_RETRY_ATTEMPTS: '1000', // faults here are transient: they must never become Linkage errors
      SYNC_MAX_THROTTLE_WAIT_SECONDS: '3',
    });
    const entry = { run, events: [] as LeaseEvent[] };
    let buffer = '';
    run.child.stdout!.on('data', (chunk: Buffer) => {
      appendFileSync(workerLog, chunk);
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line.includes('"lease ')) continue;
        try {
          entry.events.push(JSON.parse(line) as LeaseEvent);
        } catch {
          // not a log line
        }
      }
    });
    workers.push(entry);
  }

  async function killOne(): Promise<void> {
    const victim = workers.splice(Math.floor(Math.random() * workers.length), 1)[0]!;
    victim.run.child.kill('SIGKILL');
    await victim.run.exited;
    finished.push(victim);
  }

  beforeAll(async () => {
    mkdirSync(path.dirname(workerLog), { recursive: true });
    writeFileSync(workerLog, '');
    emulator = await startTestEmulator({ messagesPerUser: 160, extraUsers: mailboxCount });
    google = googleEnv(emulator);
    app = await startTestApp('faults', {
      ...microsoftEnv(emulator),
      ...google,
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
    });
    const admin = await connectOrganization(app, emulator, ['Contoso', 'Contoso Japan'], {
      settings: { backfillDays: 3650 },
    });
    const contoso = tenantNamed(emulator, 'Contoso');
    const microsoft = contoso.users
      .filter((u) => !u.plantedError && !u.isAdmin)
      .slice(0, mailboxCount - gmailCount);
    const started = await admin('POST', `/api/admin/tenants/${contoso.id}/integrations`, {
      userIds: microsoft.map((u) => u.id),
      acknowledgeNoDeletion: true,
    });
    expect(started.status).toBe(200);
    // The organisation's Google Workspace: its admin authorizes the delegation and signs in.
    const workspace = workspaceOf(emulator);
    await authorizeDelegation(emulator, [
      'https://www.googleapis.com/auth/gmail.readonly',
      'https://www.googleapis.com/auth/admin.directory.user.readonly',
      'https://www.googleapis.com/auth/admin.directory.domain.readonly',
    ]);
    const registered = await registerWorkspace(
      app,
      admin,
      emulator,
      workspace.users.find((u) => u.isAdmin)!,
    );
    expect(registered.status).toBe(200);
    const gmail = workspace.users.filter((u) => !u.plantedError).slice(0, gmailCount);
    const startedGmail = await admin('POST', `/api/admin/workspaces/${workspace.customerId}/integrations`, {
      userIds: gmail.map((u) => u.id),
      acknowledgeNoDeletion: true,
    });
    expect(startedGmail.status).toBe(200);
    mailboxes = [...microsoft, ...(gmail as unknown as ScenarioUser[])];
    expect(mailboxes).toHaveLength(mailboxCount);
  });

  afterAll(async () => {
    for (const w of workers) w.run.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.run.exited));
    await app?.close();
    await emulator?.stop();
  });

  it('converges to exactly the ground truth, with no mailbox leased twice at once', async () => {
    const db = app.database.db;
    await control(emulator, 'PUT', 'faults', { rate429: 0.08, rate503: 0.05, rateDrop: 0.03, latencyMs: 3 });
    for (let i = 0; i < 3; i++) startWorker();

    // Chaos: kill and replace workers, expire delta tokens, deliver new mail.
    const chaosUntil = Date.now() + 20_000;
    let round = 0;
    while (Date.now() < chaosUntil) {
      await new Promise((r) => setTimeout(r, 2_500));
      round++;
      await killOne();
      startWorker();
      const target = mailboxes[(round * 7) % mailboxes.length]!;
      await control(emulator, 'POST', `mailboxes/${target.id}/expire-delta`);
      await control(
        emulator,
        'POST',
        `mailboxes/${mailboxes[(round * 11) % mailboxes.length]!.id}/messages`,
        {},
      );
    }
    expect(round).toBeGreaterThanOrEqual(5);
    await control(emulator, 'DELETE', 'faults');
    const calm = new Date();

    // Convergence: every mailbox synced completely after the faults stopped.
    const deadline = Date.now() + 300_000;
    for (;;) {
      const states = await db
        .collection('integrations')
        .find({ userId: { $in: mailboxes.map((m) => m.id) } })
        .toArray();
      const converged = states.filter(
        (s) =>
          s.status === 'active' &&
          s.lastSyncAt > calm &&
          Object.values(s.folders as Record<string, { initialDone: boolean }>).every((f) => f.initialDone),
      );
      if (converged.length === mailboxCount) break;
      if (Date.now() > deadline)
        throw new Error(`only ${converged.length}/${mailboxCount} mailboxes converged`);
      await new Promise((r) => setTimeout(r, 500));
    }

    for (const owner of mailboxes) {
      const expected = await expectedContactPoints(emulator, owner);
      const stored = await db.collection('contactPoints').find({ userId: owner.id }).toArray();
      const ids = stored.map((p) => p.internetMessageId as string).sort();
      expect({ mailbox: owner.userPrincipalName, count: ids.length, ids }).toEqual({
        mailbox: owner.userPrincipalName,
        count: expected.size,
        ids: [...expected.keys()].sort(),
      });
    }

    // The read models agree with the contact points they were derived from.
    const points = await db.collection('contactPoints').find({}).toArray();
    const perPerson = new Map<string, { s: number; r: number }>();
    for (const p of points) {
      for (const e of p.external as Array<{ email: string }>) {
        const t = perPerson.get(e.email) ?? { s: 0, r: 0 };
        t[p.direction === 'sent' ? 's' : 'r']++;
        perPerson.set(e.email, t);
      }
    }
    const contacts = await db.collection('contacts').find({}).toArray();
    expect(contacts).toHaveLength(perPerson.size);
    for (const c of contacts) {
      const months = Object.values(c.months as Record<string, number>).map(unpackCounts);
      const total = {
        s: months.reduce((n, m) => n + m.sent, 0),
        r: months.reduce((n, m) => n + m.received, 0),
      };
      expect({ email: c.email, ...total }).toEqual({ email: c.email, ...perPerson.get(c.email as string) });
    }
    // Each contact's kept newest entries are those of its newest timeline bucket as it finally is.
    const buckets = await db.collection('timelines').find({}).toArray();
    const newestBucket = new Map<string, { quarter: string; entries: string[] }>();
    for (const b of buckets) {
      const known = newestBucket.get(b.email as string);
      if (!known || (b.quarter as string) > known.quarter)
        newestBucket.set(b.email as string, { quarter: b.quarter as string, entries: b.entries as string[] });
    }
    for (const c of contacts) {
      const newest = newestBucket.get(c.email as string)!;
      expect({ email: c.email, recent: c.recent }).toEqual({
        email: c.email,
        recent: recentOfBucket(newest.quarter, newest.entries),
      });
    }

    // The search index answers every prefix exactly as the contact points say, and each colleague's
    // network holds exactly their strongest people.
    const orgId = `org-${tenantNamed(emulator, 'Contoso').id}`;
    expect(await indexDifferences(db, orgId, await searchTruth(db, orgId))).toEqual([]);

    // Lease logs: for each mailbox, one holder at a time.
    const all = [...finished, ...workers].flatMap((w) => w.events);
    expect(all.filter((e) => e.msg === 'lease acquired').length).toBeGreaterThan(mailboxCount);
    const overlaps = leaseOverlaps(all);
    expect(overlaps).toEqual([]);

    const stats = await control<{ mailboxes: Record<string, { maxConcurrent: number; throttled: number }> }>(
      emulator,
      'GET',
      'stats',
    );
    for (const owner of mailboxes) expect(stats.mailboxes[owner.id]!.maxConcurrent).toBeLessThanOrEqual(4);
  }, 480_000);
});

/** Intervals during which a worker held a job: from acquiring to releasing, or to the last lease time it renewed to (if killed). */
function leaseOverlaps(events: LeaseEvent[]): string[] {
  const holds = new Map<string, Array<{ owner: string; from: number; to: number }>>();
  const open = new Map<string, { owner: string; from: number; to: number }>();
  for (const e of [...events].sort((a, b) => a.time - b.time)) {
    const key = `${e.jobId}#${e.owner}`;
    if (e.msg === 'lease acquired') {
      const hold = { owner: e.owner, from: e.time, to: new Date(e.leaseUntil!).getTime() };
      open.set(key, hold);
      const list = holds.get(e.jobId) ?? [];
      list.push(hold);
      holds.set(e.jobId, list);
    } else if (e.msg === 'lease renewed' && open.has(key)) {
      open.get(key)!.to = new Date(e.leaseUntil!).getTime();
    } else if (e.msg === 'lease released' && open.has(key)) {
      const hold = open.get(key)!;
      hold.to = Math.min(hold.to, e.time);
      open.delete(key);
    }
  }
  const problems: string[] = [];
  const tolerance = 250; // log timestamps are taken around, not at, the database writes
  for (const [jobId, list] of holds) {
    list.sort((a, b) => a.from - b.from);
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1]!;
      const after = list[i]!;
      if (before.owner !== after.owner && after.from < before.to - tolerance) {
        problems.push(
          `${jobId}: ${after.owner} acquired at ${after.from} while ${before.owner} held it until ${before.to}`,
        );
      }
    }
  }
  return problems;
}
