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
 *   B. storage on disk per contact point and per contact (the SQLite file's growth);
 *   C. the fifty small organisations with 2× and 4× the mail: time and bytes per message against
 *      1× (their run alone in A with the most workers);
 *   D. what a claim costs with 1,000 jobs: the sorted findOneAndUpdate against read + claim by _id;
 *   E. one large mailbox at each page size against the rate Graph's per-mailbox limits allow;
 *   F. the documents of one person in touch for 15 years with 200 colleagues, as the years pass.
 *
 * Mailboxes are small (--per-mailbox, default 25 messages): on a 2-core machine the embedded
 * database is the bound from one worker on, and the whole run takes hours, so it can be run in
 * parts (`--workers 1 --growth ''`, `--workers 2 --growth '' --sections fleet`, then
 * `--workers 4 --sections fleet`); the structure (1,000 mailboxes, 51 organisations) is the issue's.
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
  watchFirstSyncs,
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
const growth = numbers(flag('growth', '2,4'));
const pageSizes = numbers(flag('page-sizes', '50,100,250,500,1000'));
/** fleet = A–D, pages = E, documents = F */
const sections = new Set(flag('sections', 'fleet,pages,documents').split(','));

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
  bytes: number | null;
  completion: Map<string, number>;
  probes: number[];
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
  options: { probe: boolean; dataDir?: string; claimCost?: boolean },
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
    const done = watchFirstSyncs(processes);
    const jobIds = (org: FleetOrg) => org.mailboxes.map((userId) => `${org.tenantId}|${userId}`);
    const allDone = (ids: string[]) => ids.every((id) => done.has(id));
    // Every run first syncs the 4-mailbox organisation: the workers are up and running before the clock starts.
    await startMailboxes(app, emulator, fleet.probe);
    while (!allDone(jobIds(fleet.probe))) await sleep(200);
    const bytesBefore = databaseBytes(options.dataDir, db);
    const contactsBefore = await db.collection('contacts').countDocuments({});
    const t0 = Date.now();
    for (const org of orgs) await startMailboxes(app, emulator, org);
    const started = orgs.flatMap(jobIds);
    const probes = new ProbeMail(app, emulator, fleet.probe);
    let reportAt = t0 + progressMs;
    while (!allDone(started)) {
      if (options.probe) await probes.tick();
      await sleep(500);
      if (Date.now() >= reportAt) {
        reportAt += progressMs;
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
    const bytesAfter = databaseBytes(options.dataDir, db);
    if (options.claimCost) await measureClaimCost(db, log);
    return {
      seconds,
      messages,
      points,
      contacts: (await db.collection('contacts').countDocuments({})) - contactsBefore,
      bytes: bytesBefore !== null && bytesAfter !== null ? bytesAfter - bytesBefore : null,
      completion,
      probes: probes.latencies,
      ideal,
    };
  } finally {
    await stopWorkers(processes);
    await app.close();
  }
}

const smallNames = (fleet: Fleet) => new Set(fleet.small.map((o) => o.name));
const smallTimes = (fleet: Fleet, r: RunResult) =>
  [...r.completion].filter(([name]) => smallNames(fleet).has(name)).map(([, ms]) => ms);

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
  if (!sections.has('fleet') && !sections.has('pages')) return;
  const base = await emulatorFor(1);
  stops.push(() => base.stop());
  const started = Date.now();
  const fleet = await connectFleet(base, bigMailboxes, smallOrgs, log);
  stops.push(() => fleet.template.close());
  log(`Connected ${smallOrgs + 2} organisations through the consent flow in ${s(Date.now() - started)} s.\n`);

  if (sections.has('fleet')) await fleetSections(fleet, base, database.dataDir);
  if (sections.has('pages') && pageSizes.length > 0) await measurePageSizes(fleet, pageSizes, latency, log);
  log(`\nbench:fleet took ${(process.uptime() / 60).toFixed(0)} minutes.`);
}

/** A–D. */
async function fleetSections(fleet: Fleet, base: TestEmulator, dataDir: string | undefined): Promise<void> {
  const everyone = [fleet.big, ...fleet.small];
  const rows: Array<Record<string, string | number>> = [];
  const full = new Map<number, RunResult>();
  const smallAlone = new Map<number, RunResult>();
  const graphLines: string[] = [];
  for (const workers of workerCounts) {
    const all = await runFleet(`fleet${workers}`, fleet, base, workers, everyone, {
      probe: true,
      dataDir,
      claimCost: workers === workerCounts[workerCounts.length - 1],
    });
    const alone = await runFleet(`alone${workers}`, fleet, base, workers, fleet.small, {
      probe: false,
      dataDir,
    });
    full.set(workers, all);
    smallAlone.set(workers, alone);
    const withBig = smallTimes(fleet, all);
    const without = smallTimes(fleet, alone);
    rows.push({
      workers,
      'messages/s': Math.round(all.messages / all.seconds),
      'all done (s)': all.seconds.toFixed(0),
      [`ideal at ${4 * workers} places (s)`]: all.ideal.places.toFixed(0),
      'of that ideal': (all.ideal.places / all.seconds).toFixed(2),
      'large org (s)': s(all.completion.get(fleet.big.name)!),
      'small p50 / p95 (s)': `${s(median(withBig))} / ${s(percentile(withBig, 95))}`,
      'alone p50 / p95 (s)': `${s(median(without))} / ${s(percentile(without, 95))}`,
      'fairness p50 / p95': `${(median(withBig) / median(without)).toFixed(2)} / ${(percentile(withBig, 95) / percentile(without, 95)).toFixed(2)}`,
      'new mail p50 / p95 (s)': all.probes.length
        ? `${s(median(all.probes))} / ${s(percentile(all.probes, 95))} (n=${all.probes.length})`
        : 'n/a',
      'p95 / poll interval': all.probes.length
        ? (percentile(all.probes, 95) / 1000 / pollSeconds).toFixed(2)
        : 'n/a',
    });
    log(`  ${workers} worker(s) done: ${JSON.stringify(rows[rows.length - 1])}`);
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
  log("   fairness = small organisations' time to complete with the large one / without it (aim ≤ 2);");
  log(
    `   new mail = delivery to a synced mailbox → its contact point stored, during the backfill (aim ≤ the ${pollSeconds} s polling interval);`,
  );
  log(
    `   ideal at the places = every worker's ${4} backfill places always busy, each mailbox at the time Graph allows it (its delta pages × ${latency} ms).`,
  );
  log(`   Against Graph's limits alone (every mailbox at once, fleet-ideal.ts):\n${graphLines.join('\n')}`);

  const first = full.get(workerCounts[0]!)!;
  const perPoint = (r: RunResult) => (r.bytes !== null && r.points ? r.bytes / r.points : NaN);
  log(
    `\nB. Storage (${workerCounts[0]} worker run): ${first.points} contact points, ${first.contacts} contacts, ` +
      `${first.bytes !== null ? `${(first.bytes / 1e6).toFixed(1)} MB` : 'n/a'} on disk → ` +
      `${Math.round(perPoint(first))} bytes per contact point, ${first.bytes !== null ? Math.round(first.bytes / first.contacts) : 'n/a'} bytes per contact`,
  );

  // The small organisations alone, with the most workers (the database is the bound there, as in
  // production): their run in A is the 1× reference.
  const growthWorkers = workerCounts[workerCounts.length - 1]!;
  const reference = smallAlone.get(growthWorkers)!;
  const growthRows: Array<Record<string, string | number>> = [];
  const growthRow = (scale: number, r: RunResult) => ({
    mail: `${scale}×`,
    messages: r.messages,
    'contact points': r.points,
    seconds: r.seconds.toFixed(0),
    'ms per 1,000 messages': Math.round((r.seconds * 1e6) / r.messages),
    'bytes per contact point': Math.round(perPoint(r)),
    'time/message vs 1×': (r.seconds / r.messages / (reference.seconds / reference.messages)).toFixed(2),
    'bytes/point vs 1×': (perPoint(r) / perPoint(reference)).toFixed(2),
  });
  growthRows.push(growthRow(1, reference));
  for (const scale of growth) {
    const emulator = await emulatorFor(scale);
    try {
      const r = await runFleet(`growth${scale}`, fleet, emulator, growthWorkers, fleet.small, {
        probe: false,
        dataDir,
      });
      growthRows.push(growthRow(scale, r));
    } finally {
      await emulator.stop();
    }
  }
  log(
    `\nC. Cost growth: the ${fleet.small.length} small organisations, ${growthWorkers} workers (flat = cost grows no faster than the mail):\n${table(growthRows)}`,
  );
}

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
