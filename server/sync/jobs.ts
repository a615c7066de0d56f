import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { retryDuplicateUpsert } from '../db/upserts';
import type { Lane } from './fair-order';
import type { MinuteCounts } from './request-budget';

export type SyncReason = 'initial' | 'poll' | 'notification' | 'retry' | 'resync';

/**
 * One pending piece of sync work per integration (`_id` = the integration's id). Workers claim it
 * with a lease; a job whose lease expired (its worker died) is claimable again.
 */
export interface SyncJobDoc {
  _id: string;
  orgId: string;
  dueAt: Date;
  reason: SyncReason;
  /** `backfill` until the mailbox's folders are read to the end, then `incremental` (see fair-order.ts). */
  lane: Lane;
  /** Graph requests sent to the mailbox in the last ten minutes, per minute (see request-budget.ts). */
  requests?: MinuteCounts;
  leaseOwner: string | null;
  leaseUntil: Date;
  /** The integration generation this job was made for; a newer start/unlink makes it stale. */
  generation: number;
  attempts: number;
  /** When work was last asked for (shown and measured; never used to order events). */
  requestedAt: Date;
  /**
   * A fresh random value on every request for work. A run compares it with the value it claimed:
   * a different one means work was asked for after the claim, whatever the clocks of the machines
   * that asked and claimed say.
   */
  request?: string;
  /** When the current lease was taken. */
  claimedAt: Date | null;
  /** How many leases were taken: the current one's number (see leases.ts). */
  epoch?: number;
  /** The current lease's ticket (see leases.ts). */
  leaseTicket?: string;
  /** Graph asked us to reauthorize the mailbox's change-notification subscription. */
  reauthorize?: boolean;
}

export const syncJobs = (db: Db) => db.collection<SyncJobDoc>('syncJobs');

/**
 * Makes the integration's job due at `dueAt` (or earlier, if it is already due sooner). Keeps a
 * running lease: the worker holding it finishes and then sees the new due time. A start puts the
 * job in the backfill lane; anything else keeps its lane (a new job starts as incremental, and a
 * run that finds more than a slice of work moves it to the backfill lane).
 */
export async function scheduleSync(
  db: Db,
  job: {
    integrationId: string;
    orgId: string;
    reason: SyncReason;
    dueAt?: Date;
    generation: number;
    reauthorize?: boolean;
  },
): Promise<void> {
  const now = new Date();
  const dueAt = job.dueAt ?? now;
  await retryDuplicateUpsert(() =>
    syncJobs(db).updateOne(
      { _id: job.integrationId },
      {
        $min: { dueAt },
        $max: { requestedAt: now },
        $set: {
          reason: job.reason,
          orgId: job.orgId,
          generation: job.generation,
          request: randomUUID(),
          ...(job.reauthorize ? { reauthorize: true } : {}),
          ...(job.reason === 'initial' ? { lane: 'backfill' } : {}),
        },
        $setOnInsert: {
          leaseOwner: null,
          leaseUntil: new Date(0),
          attempts: 0,
          claimedAt: null,
          ...(job.reason === 'initial' ? {} : { lane: 'incremental' }),
        },
      },
      { upsert: true },
    ),
  );
}

/** Removes the integration's job: nothing further is synced until it is started again. */
export async function cancelSync(db: Db, integrationId: string): Promise<void> {
  const job = await syncJobs(db).findOneAndDelete({ _id: integrationId });
  // Its lease's ticket goes with it (leases.ts); a worker still running it finds the job gone.
  if (job?.leaseTicket) await db.collection('syncLeaseTickets').deleteOne({ _id: job.leaseTicket as never });
}
