import type { Db } from 'mongodb';
import { syncJobs, type SyncJobDoc } from './jobs';

/**
 * Job leases: the only coordination between workers. A job is claimable when it is due and its
 * lease has expired, so a worker that dies simply lets its lease run out and another takes over.
 * One atomic findOneAndUpdate claims it, so two workers never hold the same mailbox.
 */
export class Leases {
  constructor(
    private readonly db: Db,
    readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  async claim(enabledOrgIds: string[]): Promise<SyncJobDoc | null> {
    if (enabledOrgIds.length === 0) return null;
    const now = new Date();
    return syncJobs(this.db).findOneAndUpdate(
      { dueAt: { $lte: now }, leaseUntil: { $lte: now }, orgId: { $in: enabledOrgIds } },
      {
        $set: { leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + this.leaseMs), claimedAt: now },
      },
      { sort: { dueAt: 1 }, returnDocument: 'after' },
    );
  }

  /** Extends the lease; false when it was lost (expired and taken, or the job was cancelled). */
  async renew(jobId: string): Promise<{ held: boolean; until: Date }> {
    const until = new Date(Date.now() + this.leaseMs);
    const result = await syncJobs(this.db).updateOne(
      { _id: jobId, leaseOwner: this.owner },
      { $set: { leaseUntil: until } },
    );
    return { held: result.matchedCount === 1, until };
  }

  /**
   * Gives the job back, due at `dueAt` — or at once if new work was requested while it ran
   * (a change notification, a retry), so nothing asked for during a run waits for the next poll.
   */
  async release(
    job: SyncJobDoc,
    dueAt: Date,
    extra: Partial<Pick<SyncJobDoc, 'attempts' | 'reauthorize'>> = {},
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
        { $set: { ...rest, dueAt: new Date() } },
      );
    }
  }

  /** Drops a job whose integration no longer wants syncing (unlinked or gone). */
  async drop(job: SyncJobDoc): Promise<void> {
    await syncJobs(this.db).deleteOne({ _id: job._id, leaseOwner: this.owner });
  }
}
