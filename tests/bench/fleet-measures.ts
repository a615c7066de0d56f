import type { Db } from 'mongodb';
import type { IntegrationDoc } from '../../server/integrations/store';
import { syncJobs } from '../../server/sync/jobs';
import { Leases } from '../../server/sync/leases';
import { control, tenantNamed } from '../support/emulator';
import { syncUntil } from '../support/sync';
import { mailboxIdealSeconds, pagesOf } from './fleet-ideal';
import { startMailboxes, startRun, type Fleet } from './fleet-setup';
import { emulatorProcess, median, table } from './support';

async function timed(runs: number, work: () => Promise<unknown>, between?: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await work();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    await between?.();
  }
  return median(ms);
}

/**
 * D. What the fleet's per-run writes cost with the fleet's documents in the collections. The
 * embedded database finds a document by index only for a filter that is exactly `{ _id }`; with any
 * further condition it reads the collection in storage order until it finds the document, while
 * holding its single writer — so each write below goes to a different document spread over the
 * collection (the first document alone would look free). Measured: a claim (the read of the queue,
 * then a claim by `_id` alone with a ticket, as leases.ts does) against the conditional claim it
 * replaced and the sorted findOneAndUpdate claims once were, and an integration's progress write
 * by `_id` alone against the one conditioned on generation and status.
 */
export async function measureClaimCost(db: Db, log: (line: string) => void): Promise<void> {
  const runs = 9;
  const jobs = syncJobs(db);
  const integrationsOf = db.collection<IntegrationDoc>('integrations');
  /** `runs` ids spread evenly over the collection's storage order; the i-th run uses the i-th. */
  const spread = (ids: Array<{ _id: string }>) =>
    Array.from({ length: runs }, (_, i) => ids[Math.floor(((i + 0.5) * ids.length) / runs)]!._id);
  const jobIds = spread(await jobs.find({}, { projection: { _id: 1 } }).toArray());
  const integrationIds = spread(await integrationsOf.find({}, { projection: { _id: 1 } }).toArray());
  const orgIds = (
    await db
      .collection('organizations')
      .find({}, { projection: { _id: 1 } })
      .toArray()
  ).map((o) => o._id as unknown as string);
  const leases = new Leases(db, 'bench', 60_000);
  let i = 0;
  const next = (ids: string[]) => ids[i++ % runs]!;
  const free = { $set: { leaseUntil: new Date(0), dueAt: new Date(0), leaseOwner: null } };
  const freeAll = () => Promise.all(jobIds.map((_id) => jobs.updateOne({ _id }, free)));
  await freeAll();
  const read = await timed(runs, () => leases.queue(orgIds));
  const claim = await timed(runs, () => leases.claim(next(jobIds)));
  await freeAll();
  const conditional = await timed(runs, () =>
    jobs.findOneAndUpdate(
      { _id: next(jobIds), dueAt: { $lte: new Date() }, leaseUntil: { $lte: new Date() } },
      { $set: { leaseOwner: 'bench', leaseUntil: new Date(Date.now() + 60_000), claimedAt: new Date() } },
      { returnDocument: 'after' },
    ),
  );
  await freeAll();
  const sorted = await timed(
    runs,
    () =>
      jobs.findOneAndUpdate(
        { dueAt: { $lte: new Date() }, leaseUntil: { $lte: new Date() }, orgId: { $in: orgIds } },
        { $set: { leaseOwner: 'bench', leaseUntil: new Date(Date.now() + 60_000), claimedAt: new Date() } },
        { sort: { dueAt: 1 }, returnDocument: 'after' },
      ),
    freeAll,
  );
  const touch = { $set: { 'bench.touchedAt': new Date() } };
  const generations = new Map(
    (await integrationsOf.find({}, { projection: { generation: 1 } }).toArray()).map((d) => [
      d._id,
      d.generation,
    ]),
  );
  const byId = await timed(runs, () => integrationsOf.updateOne({ _id: next(integrationIds) }, touch));
  const guarded = await timed(runs, () => {
    const _id = next(integrationIds);
    return integrationsOf.updateOne(
      { _id, generation: generations.get(_id)!, status: { $ne: 'unlinked' } },
      touch,
    );
  });
  await Promise.all(
    integrationIds.map((_id) => integrationsOf.updateOne({ _id }, { $unset: { bench: '' } })),
  );
  log(
    `\nD. Writes per run with ${await jobs.countDocuments({})} jobs and ${await integrationsOf.countDocuments({})} integrations` +
      ` (median of ${runs}, each on a different document spread over the collection; ms of the database's single writer):` +
      `\n   claim: read of the queue ${read.toFixed(1)} (concurrent with writes, once per worker every 2 s at most) + claim by _id alone ${claim.toFixed(1)};` +
      ` the claim conditioned on "due and unleased" ${conditional.toFixed(1)}; the sorted findOneAndUpdate ${sorted.toFixed(1)}` +
      `\n   a run's progress on its integration: by _id alone ${byId.toFixed(1)}; conditioned on generation and status ${guarded.toFixed(1)}`,
  );
}

/**
 * E. Initial sync speed of one large mailbox at each page size, against what Graph allows: 4
 * requests in flight and 10,000 per 10 minutes per mailbox, at the emulator's fixed latency. Delta
 * pages of one folder come one after another (each names the next), so the two folders keep two
 * requests in flight and signature bodies take the places left; the paging ideal is the larger
 * folder's pages × the latency (fleet-ideal.ts). Printed beside it: the requests the mailbox took
 * and the most the emulator saw in flight at once (Graph allows 4).
 */
export async function measurePageSizes(
  fleet: Fleet,
  sizes: number[],
  latency: number,
  log: (line: string) => void,
): Promise<void> {
  const messages = 10_000;
  const emulator = await emulatorProcess({ users: 0, messagesPerUser: messages });
  const rows: Array<Record<string, string | number>> = [];
  const perSecondAllowed = Math.min(4 / (latency / 1000), 10_000 / 600);
  try {
    await control(emulator, 'PUT', 'faults', { latencyMs: latency });
    const users = tenantNamed(emulator, 'Contoso').users.filter((u) => !u.plantedError && !u.isAdmin);
    for (const [i, size] of sizes.entries()) {
      const app = await startRun(`pages${size}`, fleet, emulator, { SYNC_PAGE_SIZE: String(size) });
      const user = users[i % users.length]!;
      await startMailboxes(app, emulator, { ...fleet.big, mailboxes: [user.id] });
      const integration = () =>
        app.database.db.collection<IntegrationDoc>('integrations').findOne({ userId: user.id });
      const started = Date.now();
      await syncUntil(app, async () => !!(await integration())?.firstSyncedAt, { timeoutMs: 3_600_000 });
      const seconds = (Date.now() - started) / 1000;
      const done = (await integration())!;
      const pagingIdeal = mailboxIdealSeconds(
        {
          orgId: '',
          pages: pagesOf(
            Object.values(done.folders).map((f) => f.messagesSeen),
            size,
          ),
        },
        latency,
      );
      const rate = done.counts.messages / seconds;
      const stats = await control<{ mailboxes: Record<string, { requests: number; maxConcurrent: number }> }>(
        emulator,
        'GET',
        'stats',
      );
      const traffic = stats.mailboxes[user.id]!;
      rows.push({
        'page size': size,
        seconds: seconds.toFixed(1),
        'messages/s': Math.round(rate),
        'Graph requests (peak in flight)': `${traffic.requests} (${traffic.maxConcurrent})`,
        'paging ideal (s)': pagingIdeal.toFixed(1),
        'of paging ideal': (pagingIdeal / seconds).toFixed(2),
        "Graph's limit (messages/s)": Math.round(perSecondAllowed * size),
        'of the limit': (rate / (perSecondAllowed * size)).toFixed(2),
      });
      log(`    page size ${size}: ${JSON.stringify(rows[rows.length - 1])}`);
      await app.close();
    }
  } finally {
    await emulator.stop();
  }
  log(
    `\nE. One ${messages.toLocaleString('en')}-message mailbox at ${latency} ms per request, by page size` +
      ` (Graph's limit: ${perSecondAllowed.toFixed(1)} requests/s × page size):\n${table(rows)}`,
  );
}
