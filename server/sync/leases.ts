import type { Db } from 'mongodb';
import type { Lane, QueuedJob } from './fair-order';
import { syncJobs, type SyncJobDoc } from './jobs';
import type { MinuteCounts } from './request-budget';

/**
 * Job leases: the only coordination between workers. A job is claimable when it is due and its
 * lease has expired, so a worker that dies simply lets its lease run out and another takes over.
 *
 * Claiming is two steps: one read of the (small) job collection, from which the worker picks in
 * fair order (fair-order.ts), then one atomic findOneAndUpdate per pick, addressed by `_id` with
 * the "due and not leased" condition, so two workers never hold the same mailbox. Addressed by
 * `_id`, the embedded database answers it without reading the collection (3 ms at 500 or 8,000
 * jobs); a findOneAndUpdate that sorts the collection instead took 90 ms at 1,000 jobs and 1 s at
 * 8,000, holding the database's single writer all that time (`npm run bench:fleet` prints both).
 * Renewing and releasing are addressed by `_id` too.
 */
export class Leases {
  constructor(
    private readonly db: Db,
    readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  /** Every job of the enabled organisations, with what the claim order needs. */
  async queue(enabledOrgIds: string[]): Promise<QueuedJob[]> {
    if (enabledOrgIds.length === 0) return [];
    const docs = await syncJobs(this.db)
      .find(
        { orgId: { $in: enabledOrgIds } },
        { projection: { orgId: 1, lane: 1, dueAt: 1, leaseUntil: 1, leaseOwner: 1, reason: 1 } },
      )
      .toArray();
    return docs.map((d) => ({
      _id: d._id,
      orgId: d.orgId,
      // Jobs written before lanes existed: a first sync is a backfill, anything else incremental.
      lane: d.lane ?? (d.reason === 'initial' ? 'backfill' : 'incremental'),
      dueAt: d.dueAt,
      leaseUntil: d.leaseUntil,
      leaseOwner: d.leaseOwner,
    }));
  }

  /** Takes the job if it is still due and unleased; null when another worker was first. */
  async claim(jobId: string, now = new Date()): Promise<SyncJobDoc | null> {
    return syncJobs(this.db).findOneAndUpdate(
      { _id: jobId, dueAt: { $lte: now }, leaseUntil: { $lte: now } },
      {
        $set: { leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + this.leaseMs), claimedAt: now },
      },
      { returnDocument: 'after' },
    );
  }

  /**
   * Extends the lease and saves the mailbox's request counts; false when the lease was lost
   * (expired and taken, or the job was cancelled).
   */
  async renew(jobId: string, requests?: MinuteCounts): Promise<{ held: boolean; until: Date }> {
    const until = new Date(Date.now() + this.leaseMs);
    const result = await syncJobs(this.db).updateOne(
      { _id: jobId, leaseOwner: this.owner },
      { $set: { leaseUntil: until, ...(requests ? { requests } : {}) } },
    );
    return { held: result.matchedCount === 1, until };
  }

  /**
   * Gives the job back, due at `dueAt` — or at once if new work was requested while it ran
   * (a change notification, a retry), so nothing asked for during a run waits for the next poll;
   * never before `notBefore` (a mailbox whose request budget is spent cannot do anything sooner).
   */
  async release(
    job: SyncJobDoc,
    dueAt: Date,
    extra: Partial<Pick<SyncJobDoc, 'attempts' | 'reauthorize' | 'requests'>> & { lane?: Lane } = {},
    notBefore?: Date,
  ): Promise<void> {
    const free = { leaseOwner: null, leaseUntil: new Date(0), ...extra };
    // Quiet = nobody asked for work since the claim: the request token is still the one claimed.
    // (Comparing times would lose a request stamped by a machine whose clock is behind, or one
    // stamped just before the claim but written just after it.)
    const quiet = await syncJobs(this.db).updateOne(
      { _id: job._id, leaseOwner: this.owner, request: job.request ?? { $exists: false } },
      { $set: { ...free, dueAt } },
    );
    if (quiet.matchedCount === 0) {
      // A request that came in during the run may be a reauthorization this run never saw (its
      // job was read before): only a quiet release may clear that flag.
      const { reauthorize: _owed, ...rest } = free;
      await syncJobs(this.db).updateOne(
        { _id: job._id, leaseOwner: this.owner },
        { $set: { ...rest, dueAt: new Date(Math.max(Date.now(), notBefore?.getTime() ?? 0)) } },
      );
    }
  }

  /** Drops a job whose integration no longer wants syncing (unlinked or gone). */
  async drop(job: SyncJobDoc): Promise<void> {
    await syncJobs(this.db).deleteOne({ _id: job._id, leaseOwner: this.owner });
  }
}
