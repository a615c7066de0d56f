import type { Db } from 'mongodb';
import { updateHeld } from '../db/held-update';
import type { Lane, QueuedJob } from './fair-order';
import { syncJobs, type SyncJobDoc } from './jobs';
import type { MinuteCounts } from './request-budget';

/**
 * A claim's ticket: one document per lease taken, `_id` = `{jobId}|{generation}|{epoch}` (the job's
 * claim count). The first worker to write it wins the claim; it is deleted when the next lease is
 * taken or the job is cancelled, so there are about as many as jobs.
 */
interface LeaseTicketDoc {
  _id: string;
  at: Date;
}

export const leaseTickets = (db: Db) => db.collection<LeaseTicketDoc>('syncLeaseTickets');
const ticketOf = (job: Pick<SyncJobDoc, '_id' | 'generation'>, epoch: number) =>
  `${job._id}|${job.generation}|${epoch}`;

/**
 * Job leases: the only coordination between workers. A job is claimable when it is due and its
 * lease has expired, so a worker that dies simply lets its lease run out and another takes over.
 *
 * Every write is addressed by `_id` alone: the embedded database reads the whole collection for a
 * filter with any further condition (a claim conditioned on "due and not leased" took 120 ms at
 * 5,000 jobs against 1 ms by `_id`, holding its single writer; `npm run bench:fleet`, section D).
 * So a claim is:
 * 1. one read of the (small) job collection, from which the worker picks in fair order
 *    (fair-order.ts), then a read of the picked job by `_id` — still due and unleased?
 * 2. the ticket for the job's next epoch, written with `$max` and `upsert`: exactly one writer
 *    finds it absent (or older than a lease: a claim whose worker died half-way) and wins;
 * 3. the winner sets the lease on the job; should the job have changed since step 1 (a stale
 *    worker renewed in time), that update is put back (db/held-update.ts) and the claim gives up.
 * Renewing and releasing check the lease's owner and epoch on the document as it was just before
 * their update, and put the update back when the lease had gone to another worker meanwhile.
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
    const seen = await syncJobs(this.db).findOne({ _id: jobId });
    if (!seen || !claimable(seen, now)) return null;
    const epoch = (seen.epoch ?? 0) + 1;
    const ticket = ticketOf(seen, epoch);
    if (!(await this.takeTicket(ticket, now))) return null;
    const lease = {
      leaseOwner: this.owner,
      leaseUntil: new Date(now.getTime() + this.leaseMs),
      claimedAt: now,
      epoch,
      leaseTicket: ticket,
    };
    const taken = await updateHeld(
      syncJobs(this.db),
      jobId,
      { $set: lease },
      (before) => (before.epoch ?? 0) === epoch - 1 && claimable(before, now),
    );
    if (taken.outcome !== 'applied') {
      await leaseTickets(this.db).deleteOne({ _id: ticket });
      return null;
    }
    // The previous lease's ticket has served its purpose.
    if (taken.before.leaseTicket)
      await leaseTickets(this.db)
        .deleteOne({ _id: taken.before.leaseTicket })
        .catch(() => undefined);
    return { ...taken.before, ...lease };
  }

  /**
   * Wins the ticket when nobody holds it, or when its holder stopped half-way a lease ago. A ticket
   * that is not stale is never written: attempts that lose must not keep it looking fresh, or a
   * half-done claim would block the job for good while workers keep trying.
   */
  private async takeTicket(ticket: string, now: Date): Promise<boolean> {
    const stale = (at: Date) => at.getTime() <= now.getTime() - this.leaseMs;
    try {
      const existing = await leaseTickets(this.db).findOneAndUpdate(
        { _id: ticket },
        { $setOnInsert: { at: now } },
        { upsert: true, returnDocument: 'before' },
      );
      if (!existing) return true;
      if (!stale(existing.at)) return false;
      // Taking over a stale ticket: of several at once, only the first still finds it stale.
      const before = await leaseTickets(this.db).findOneAndUpdate(
        { _id: ticket },
        { $max: { at: now } },
        { returnDocument: 'before' },
      );
      return !!before && stale(before.at);
    } catch (err) {
      // Two first writers at once: the one that got the duplicate key lost.
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  /**
   * Extends the lease and saves the mailbox's request counts; false when the lease was lost
   * (expired and taken, or the job was cancelled).
   */
  async renew(job: SyncJobDoc, requests?: MinuteCounts): Promise<{ held: boolean; until: Date }> {
    const until = new Date(Date.now() + this.leaseMs);
    const renewed = await updateHeld(
      syncJobs(this.db),
      job._id,
      { $set: { leaseUntil: until, ...(requests ? { requests } : {}) } },
      (before) => this.holds(before, job),
    );
    return { held: renewed.outcome === 'applied', until };
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
    const released = await updateHeld(
      syncJobs(this.db),
      job._id,
      { $set: { leaseOwner: null, leaseUntil: new Date(0), ...extra, dueAt } },
      (before) => this.holds(before, job),
    );
    if (released.outcome !== 'applied') return;
    // Quiet = nobody asked for work since the claim: the request token is still the one claimed.
    // (Comparing times would lose a request stamped by a machine whose clock is behind, or one
    // stamped just before the claim but written just after it.)
    if (released.before.request === job.request) return;
    // Work was asked for during the run: due at once. A reauthorization asked for may be one this
    // run never saw (its job was read before), so a flag it cleared is put back — with `$max`
    // (false < true), which also keeps one asked for since.
    await syncJobs(this.db).updateOne(
      { _id: job._id },
      {
        $set: { dueAt: new Date(Math.max(Date.now(), notBefore?.getTime() ?? 0)) },
        ...(extra.reauthorize !== undefined
          ? { $max: { reauthorize: released.before.reauthorize ?? false } }
          : {}),
      },
    );
  }

  /** Drops a job whose integration no longer wants syncing (unlinked or gone). Rare: a conditional filter is fine here. */
  async drop(job: SyncJobDoc): Promise<void> {
    const dropped = await syncJobs(this.db).deleteOne({
      _id: job._id,
      leaseOwner: this.owner,
      epoch: job.epoch,
    });
    if (dropped.deletedCount === 1 && job.leaseTicket)
      await leaseTickets(this.db).deleteOne({ _id: job.leaseTicket });
  }

  private holds(current: SyncJobDoc, job: SyncJobDoc): boolean {
    return current.leaseOwner === this.owner && (current.epoch ?? 0) === (job.epoch ?? 0);
  }
}

const claimable = (job: SyncJobDoc, now: Date) =>
  job.dueAt.getTime() <= now.getTime() && job.leaseUntil.getTime() <= now.getTime();
