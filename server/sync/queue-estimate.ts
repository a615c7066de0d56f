import type { Db } from 'mongodb';
import type { IntegrationQueue } from '../../shared/api';
import { awaitsInitialSync, type IntegrationDoc } from '../integrations/store';
import { organizations } from '../organizations/store';
import { claimOrder } from './fair-order';
import { Leases } from './leases';

/**
 * Where a mailbox waiting for its first sync stands: its place in the backfill lane's claim order
 * (the same order the workers follow), and when it should start at the rate the fleet has been
 * taking backfill work in the last ten minutes. Each slice of a long backfill queues again at the
 * back, so the places ahead are claims, and claims per second is the rate that empties them.
 */

interface ClaimMinuteDoc {
  _id: string;
  minute: number;
  claims: number;
}

const minuteMs = 60_000;
const windowMinutes = 10;
const claimMinutes = (db: Db) => db.collection<ClaimMinuteDoc>('syncClaimMinutes');

/**
 * Counts a backfill claim in its minute (a ring of ten documents, reused as minutes pass). A
 * counter, not data: a retried increment only makes the estimate a little early.
 */
export async function recordClaim(db: Db, now = Date.now()): Promise<void> {
  const minute = Math.floor(now / minuteMs);
  const _id = `backfill|${minute % windowMinutes}`;
  const counted = await claimMinutes(db).updateOne({ _id, minute }, { $inc: { claims: 1 } });
  if (counted.matchedCount === 1) return;
  const reset = await claimMinutes(db).updateOne(
    { _id, minute: { $lt: minute } },
    { $set: { minute, claims: 1 } },
  );
  if (reset.matchedCount === 0)
    await claimMinutes(db)
      .insertOne({ _id, minute, claims: 1 })
      .catch(async (err: { code?: number }) => {
        if (err.code !== 11000) throw err;
        await claimMinutes(db).updateOne({ _id, minute }, { $inc: { claims: 1 } });
      });
}

/** Backfill claims per second over the last ten minutes; 0 when nothing was claimed. */
async function claimRate(db: Db, now: number): Promise<number> {
  const current = Math.floor(now / minuteMs);
  const docs = await claimMinutes(db)
    .find({ minute: { $gt: current - windowMinutes } })
    .toArray();
  const counted = docs.filter((d) => d.claims > 0);
  if (counted.length === 0) return 0;
  const claims = counted.reduce((n, d) => n + d.claims, 0);
  const since = Math.min(...counted.map((d) => d.minute)) * minuteMs;
  return claims / Math.max(1, (now - since) / 1000);
}

/** Queue positions of every waiting backfill job (by job id = integration id). */
export async function backfillQueue(db: Db, now = new Date()): Promise<Map<string, IntegrationQueue>> {
  const enabled = await organizations(db)
    .find({ 'activityManagement.enabled': true }, { projection: { _id: 1 } })
    .toArray();
  const jobs = await new Leases(db, 'queue-estimate', 0).queue(enabled.map((o) => o._id));
  const order = claimOrder(jobs, 'backfill', now.getTime());
  const rate = order.length > 0 ? await claimRate(db, now.getTime()) : 0;
  return new Map(
    order.map((job, i) => [
      job._id,
      {
        position: i + 1,
        estimatedStartAt: rate > 0 ? new Date(now.getTime() + ((i + 1) / rate) * 1000).toISOString() : null,
      },
    ]),
  );
}

/** Queue places for a list of integrations; no read of the job collection when none is waiting. */
export async function queueOf(db: Db, docs: IntegrationDoc[]): Promise<Map<string, IntegrationQueue> | null> {
  return docs.some(awaitsInitialSync) ? backfillQueue(db) : null;
}
