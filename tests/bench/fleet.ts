/**
 * `npm run bench:fleet` — many organisations at once: fairness, throughput, storage, cost growth.
 *
 * The world: one organisation of 500 mailboxes ("Contoso") and fifty of 10 ("Customer 01"…), all
 * connected through the real consent flow, plus a 4-mailbox organisation ("Fabrikam") synced
 * beforehand whose mailboxes receive new mail during the backfill. Graph (the emulator, in its own
 * process) answers every request after --latency ms. Worker processes as `npm run worker`.
 *
 *   A. for 1, 2 and 4 workers: all 1,000 first syncs started at once, the large organisation first:
 *      messages/s, each organisation's time to complete its first sync, new-mail latency in the
 *      active mailboxes against the polling interval; then the fifty small organisations alone,
 *      and their p50/p95 with the large one against alone (the fairness ratio);
 *   B. storage on disk per contact point and per contact (the database's growth in dbStats);
 *   C. ten small organisations with 1×, 2× and 4× the mail: time and bytes per message against 1×;
 *   D. what a claim costs with 1,000 jobs: the sorted findOneAndUpdate against read + claim by _id;
 *   E. one large mailbox at each page size against the rate Graph's per-mailbox limits allow;
 *   F. the documents of one person in touch for 15 years with 200 colleagues, as the years pass.
 *
 * Mailboxes are small (--per-mailbox, default 25 messages): on a 2-core machine the embedded
 * database is the bound from two workers on, and each worker count takes 5–10 minutes at full size
 * (plus as long again for the small organisations alone), so `--workers` and `--sections` choose
 * what to run: e.g. `--workers 2,4,1 --sections fleet` (about half an hour) and `--workers 2
 * --sections growth,pages,documents`. The structure (1,000 mailboxes, 51 organisations) is the
 * issue's.
 */
import { defaultPageSize } from '../../server/config';
import type { IntegrationDoc } from '../../server/integrations/store';
import { startTestApp } from '../support/app';
import { control, type TestEmulator } from '../support/emulator';
import { measureDocumentGrowth } from './fleet-growth';
import { idealOf } from './fleet-ideal';
import { measureClaimCost, measurePageSizes } from './fleet-measures';
import { ProbeMail } from './fleet-probe';
import {
  connectFleet,
  databaseBytes,
  startMailboxes,
  startRun,
  startWorkers,
  stopWorkers,
  watchSyncs,
  type Fleet,
  type FleetOrg,
} from './fleet-setup';
import { benchDatabase, emulatorProcess, median, percentile, table } from './support';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const numbers = (s: string) => s.split(',').filter(Boolean).map(Number);
const perMailbox = Number(flag('per-mailbox', '25'));
const latency = Number(flag('latency', '200'));
const workerCounts = numbers(flag('workers', '1,2,4'));
const pollSeconds = Number(flag('poll', '30'));
const pageSize = Number(flag('page', String(defaultPageSize)));
const bigMailboxes = Number(flag('big', '500'));
const smallOrgs = Number(flag('small', '50'));
const perSmall = Number(flag('per-small', '10'));
const growth = numbers(flag('growth', '1,2,4'));
const growthOrgs = Number(flag('growth-orgs', '10'));
const pageSizes = numbers(flag('page-sizes', '50,100,250,500,1000'));
/** fleet = A, B, D; growth = C; pages = E; documents = F */
const sections = new Set(flag('sections', 'documents,fleet,growth,pages').split(','));

const log = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s = (ms: number) => (ms / 1000).toFixed(1);
/** How often a run says how far it is. */
const progressMs = 20_000;

interface RunResult {
  seconds: number;
  messages: number;
  points: number;
  contacts: number;
  /** on disk, data and indexes (dbStats.totalSize) */
  bytes: number;
  completion: Map<string, number>;
  /** The same, from the moment the organisation's own mailboxes were started (its admin's request). */
  sinceStart: Map<string, number>;
  probes: number[];
  /** How long the active mailboxes' runs took during the backfill (ms). */
  probeRuns: number[];
  /** Graph's ideal for the whole set and at the workers' places (fleet-ideal.ts), and per organisation. */
  ideal: { graph: number; places: number; byOrg: Map<string, number> };
}

async function emulatorFor(scale: number): Promise<TestEmulator> {
  const emulator = await emulatorProcess({
    users: bigMailboxes,
    messagesPerUser: perMailbox * scale,
    tenants: smallOrgs,
    usersPerTenant: perSmall,
  });
  await control(emulator, 'PUT', 'faults', { latencyMs: latency });
  return emulator;
}

/** Starts the organisations' first syncs (in order) with `workers` worker processes and measures them. */
async function runFleet(
  label: string,
  fleet: Fleet,
  emulator: TestEmulator,
  workers: number,
  orgs: FleetOrg[],
  options: { probe: boolean; claimCost?: boolean },
): Promise<RunResult> {
  const app = await startRun(label, fleet, emulator);
  const db = app.database.db;
  const processes = startWorkers(app, emulator, workers, {
    SYNC_POLL_INTERVAL_SECONDS: String(pollSeconds),
    SYNC_PAGE_SIZE: String(pageSize),
  });
  const integrations = db.collection<IntegrationDoc>('integrations');
  const orgIds = orgs.map((o) => o.orgId);
  try {
    const syncs = watchSyncs(processes);
    const done = syncs.firstDone;
    const jobIds = (org: FleetOrg) => org.mailboxes.map((userId) => `${org.tenantId}|${userId}`);
    const allDone = (ids: string[]) => ids.every((id) => done.has(id));
    // Every run first syncs the 4-mailbox organisation: the workers are up and running before the clock starts.
    await startMailboxes(app, emulator, fleet.probe);
    while (!allDone(jobIds(fleet.probe))) await sleep(200);
    const bytesBefore = await databaseBytes(db);
    const contactsBefore = await db.collection('contacts').countDocuments({});
    const t0 = Date.now();
    const startedAt = new Map<string, number>();
    for (const org of orgs) {
      startedAt.set(org.name, Date.now());
      await startMailboxes(app, emulator, org);
    }
    const started = orgs.flatMap(jobIds);
    const probes = new ProbeMail(app, emulator, fleet.probe);
    let reportAt = t0 + progressMs;
    while (!allDone(started)) {
      if (options.probe) await probes.tick();
      await sleep(500);
      if (Date.now() >= reportAt) {
        reportAt = Date.now() + progressMs;
        const finished = started.filter((id) => done.has(id)).length;
        const probed = options.probe ? `, new mail stored ${probes.latencies.length}` : '';
        log(
          `    ${label}: ${finished}/${started.length} first syncs done after ${s(Date.now() - t0)} s${probed}`,
        );
      }
    }
    if (options.probe) await probes.settle(2 * pollSeconds * 1000);
    const completion = new Map<string, number>();
    for (const org of orgs)
      completion.set(org.name, Math.max(...jobIds(org).map((id) => done.get(id)!)) - t0);
    const sinceStart = new Map(
      orgs.map((org) => [org.name, completion.get(org.name)! + t0 - startedAt.get(org.name)!]),
    );
    const seconds = Math.max(...completion.values()) / 1000;
    const states = await integrations
      .find({ orgId: { $in: orgIds } }, { projection: { orgId: 1, counts: 1, pointMonths: 1, folders: 1 } })
      .toArray();
    const ideal = idealOf(
      states.map((i) => ({
        orgId: i.orgId,
        folders: Object.values(i.folders ?? {}).map((f) => f.messagesSeen),
      })),
      orgs,
      { pageSize, latencyMs: latency, places: 4 * workers },
    );
    const messages = states.reduce((n, i) => n + i.counts.messages, 0);
    const points = states.reduce(
      (n, i) => n + Object.values(i.pointMonths ?? {}).reduce((a, b) => a + b, 0),
      0,
    );
    await stopWorkers(processes);
    const bytesAfter = await databaseBytes(db);
    if (options.claimCost) await measureClaimCost(db, log);
    return {
      seconds,
      messages,
      points,
      contacts: (await db.collection('contacts').countDocuments({})) - contactsBefore,
      bytes: bytesAfter - bytesBefore,
      completion,
      sinceStart,
      probes: probes.latencies,
      probeRuns: syncs.runs
        .filter((r) => r.at >= t0 && jobIds(fleet.probe).includes(r.jobId))
        .map((r) => r.ms),
      ideal,
    };
  } finally {
    await stopWorkers(processes);
    await app.close();
  }
}

const smallNames = (fleet: Fleet) => new Set(fleet.small.map((o) => o.name));
const smallTimes = (fleet: Fleet, r: RunResult, from: 'run' | 'own' = 'run') =>
  [...(from === 'run' ? r.completion : r.sinceStart)]
    .filter(([name]) => smallNames(fleet).has(name))
    .map(([, ms]) => ms);

async function main(): Promise<void> {
  const database = await benchDatabase();
  stops.push(() => database.stop());
  process.env.TEST_MONGODB_URI = database.uri;
  log(`Database: ${database.label}. Graph: the emulator in its own process, ${latency} ms per request.`);
  log(
    `Fleet: 1 organisation of ${bigMailboxes} mailboxes and ${smallOrgs} of ${perSmall}, ${perMailbox} messages per mailbox (scaled down);` +
      ` page size ${pageSize}; polling every ${pollSeconds} s; 4 backfills per worker.\n`,
  );
  if (sections.has('documents')) {
    const app = await startTestApp('growthdocs');
    await measureDocumentGrowth(app.database.db, log);
    await app.close();
  }
  if (!['fleet', 'growth', 'pages'].some((name) => sections.has(name))) return;
  const base = await emulatorFor(1);
  stops.push(() => base.stop());
  const started = Date.now();
  const fleet = await connectFleet(base, bigMailboxes, smallOrgs, log);
  stops.push(() => fleet.template.close());
  log(`Connected ${smallOrgs + 2} organisations through the consent flow in ${s(Date.now() - started)} s.\n`);

  if (sections.has('fleet')) await fleetSections(fleet, base);
  if (sections.has('growth') && growth.length > 0) await costGrowth(fleet, base);
  if (sections.has('pages') && pageSizes.length > 0) await measurePageSizes(fleet, pageSizes, latency, log);
  log(`\nbench:fleet took ${(process.uptime() / 60).toFixed(0)} minutes.`);
}

/** A, B and D. */
async function fleetSections(fleet: Fleet, base: TestEmulator): Promise<void> {
  const everyone = [fleet.big, ...fleet.small];
  const rows: Array<Record<string, string | number>> = [];
  const full = new Map<number, RunResult>();
  const graphLines: string[] = [];
  const runLines: string[] = [];
  for (const workers of workerCounts) {
    const all = await runFleet(`fleet${workers}`, fleet, base, workers, everyone, {
      probe: true,
      claimCost: workers === workerCounts[workerCounts.length - 1],
    });
    log(
      `  ${workers} worker(s), everyone: ${all.messages} messages in ${all.seconds.toFixed(0)} s; new mail (ms) ${JSON.stringify(all.probes)}`,
    );
    const alone = await runFleet(`alone${workers}`, fleet, base, workers, fleet.small, {
      probe: false,
    });
    full.set(workers, all);
    const withBig = smallTimes(fleet, all);
    const without = smallTimes(fleet, alone);
    const ownWithBig = smallTimes(fleet, all, 'own');
    const ownWithout = smallTimes(fleet, alone, 'own');
    rows.push({
      workers,
      'messages/s': Math.round(all.messages / all.seconds),
      'all done (s)': all.seconds.toFixed(0),
      'ideal at the places (s)': `${all.ideal.places.toFixed(0)} (${4 * workers} places)`,
      'of that ideal': (all.ideal.places / all.seconds).toFixed(2),
      'large org (s)': s(all.completion.get(fleet.big.name)!),
      'small p50 / p95 (s)': `${s(median(withBig))} / ${s(percentile(withBig, 95))}`,
      'alone p50 / p95 (s)': `${s(median(without))} / ${s(percentile(without, 95))}`,
      'fairness p50 / p95': `${(median(withBig) / median(without)).toFixed(2)} / ${(percentile(withBig, 95) / percentile(without, 95)).toFixed(2)}`,
      'from own start: small p50 / p95 (s)': `${s(median(ownWithBig))} / ${s(percentile(ownWithBig, 95))}`,
      'fairness from own start p50 / p95': `${(median(ownWithBig) / median(ownWithout)).toFixed(2)} / ${(percentile(ownWithBig, 95) / percentile(ownWithout, 95)).toFixed(2)}`,
      'new mail p50 / p95 (s)': all.probes.length
        ? `${s(median(all.probes))} / ${s(percentile(all.probes, 95))} (n=${all.probes.length})`
        : 'n/a',
      'p95 / poll interval': all.probes.length
        ? (percentile(all.probes, 95) / 1000 / pollSeconds).toFixed(2)
        : 'n/a',
    });
    log(`  ${workers} worker(s) done: ${JSON.stringify(rows[rows.length - 1])}`);
    if (all.probeRuns.length > 0)
      runLines.push(
        `   ${workers} worker(s): the active mailboxes' runs took p50 ${s(median(all.probeRuns))} s, p95 ${s(percentile(all.probeRuns, 95))} s (n=${all.probeRuns.length})`,
      );
    const smallIdeal = median(fleet.small.map((o) => all.ideal.byOrg.get(o.name)!));
    graphLines.push(
      `   ${workers} worker(s): Graph's limits would allow the fleet ${all.ideal.graph.toFixed(1)} s (run: ${(all.seconds / all.ideal.graph).toFixed(0)}×),` +
        ` the large organisation ${all.ideal.byOrg.get(fleet.big.name)!.toFixed(1)} s (run: ${(all.completion.get(fleet.big.name)! / 1000 / all.ideal.byOrg.get(fleet.big.name)!).toFixed(0)}×),` +
        ` a small one ${smallIdeal.toFixed(1)} s (run, median: ${(median(withBig) / 1000 / smallIdeal).toFixed(0)}×)`,
    );
  }
  log(
    `\nA. ${everyone.reduce((n, o) => n + o.mailboxes.length, 0)} first syncs at once (large organisation started first):\n${table(rows)}`,
  );
  log(
    "   fairness = small organisations' time to complete with the large one / without it (aim ≤ 2), counted from the run's start" +
      " (the large organisation is started first, so this includes the time its 500 mailboxes take to start) and from each organisation's own start;",
  );
  log(
    `   new mail = delivery to a synced mailbox → its contact point stored, during the backfill (aim ≤ the ${pollSeconds} s polling interval);`,
  );
  log(
    `   ideal at the places = every worker's ${4} backfill places always busy, each mailbox at the time Graph allows it (its delta pages × ${latency} ms).`,
  );
  log(`   Against Graph's limits alone (every mailbox at once, fleet-ideal.ts):\n${graphLines.join('\n')}`);
  if (runLines.length > 0)
    log(`   New mail waits for the next poll, then for its run:\n${runLines.join('\n')}`);

  const first = full.get(workerCounts[0]!)!;
  log(
    `\nB. Storage (${workerCounts[0]} worker run): ${first.points} contact points, ${first.contacts} contacts, ` +
      `${(first.bytes / 1e6).toFixed(1)} MB on disk (data and indexes) → ` +
      `${Math.round(perPoint(first))} bytes per contact point, ${Math.round(first.bytes / first.contacts)} bytes per contact`,
  );
}

/**
 * C. The first `--growth-orgs` small organisations with each multiple of the mail, with the most
 * workers (the database is the bound there, as in production), against the first multiple.
 */
async function costGrowth(fleet: Fleet, base: TestEmulator): Promise<void> {
  const orgs = fleet.small.slice(0, growthOrgs);
  const workers = workerCounts[workerCounts.length - 1]!;
  const runs: Array<{ scale: number; r: RunResult }> = [];
  for (const scale of growth) {
    const emulator = scale === 1 ? base : await emulatorFor(scale);
    try {
      const r = await runFleet(`growth${scale}`, fleet, emulator, workers, orgs, { probe: false });
      runs.push({ scale, r });
      log(`  ${scale}× the mail done in ${r.seconds.toFixed(0)} s`);
    } finally {
      if (emulator !== base) await emulator.stop();
    }
  }
  const reference = runs[0]!;
  const rows = runs.map(({ scale, r }) => ({
    mail: `${scale}×`,
    messages: r.messages,
    'contact points': r.points,
    seconds: r.seconds.toFixed(0),
    'ms per 1,000 messages': Math.round((r.seconds * 1e6) / r.messages),
    'bytes per contact point': Math.round(perPoint(r)),
    [`time/message vs ${reference.scale}×`]: (
      r.seconds /
      r.messages /
      (reference.r.seconds / reference.r.messages)
    ).toFixed(2),
    [`bytes/point vs ${reference.scale}×`]: (perPoint(r) / perPoint(reference.r)).toFixed(2),
  }));
  const mailboxes = orgs.reduce((n, o) => n + o.mailboxes.length, 0);
  log(
    `\nC. Cost growth: ${orgs.length} small organisations (${mailboxes} mailboxes), ${workers} worker(s) (flat = cost grows no faster than the mail):\n${table(rows)}`,
  );
}

const perPoint = (r: RunResult) => (r.points ? r.bytes / r.points : NaN);

/** What main started, stopped in reverse order however it ends (the database and the emulator are processes). */
const stops: Array<() => Promise<unknown>> = [];

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  });
