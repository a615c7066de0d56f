/**
 * The order in which waiting sync jobs are claimed, across all organisations.
 *
 * Two lanes: `incremental` (mailboxes whose first sync is done: polls, notifications, retries) and
 * `backfill` (first syncs and large catch-ups, run in bounded slices). Each worker keeps separate
 * places for the two, so new mail never waits behind a backfill.
 *
 * Within a lane, organisations share the fleet max-min fairly: the next job goes to the
 * organisation with the fewest jobs of that lane running, then to the job due longest. A 500-user
 * organisation that started everyone first therefore holds no more places than a 10-user one that
 * started later, as long as both have work; with the places free it takes them all (no place idles).
 *
 * Picking repeatedly "the organisation with the fewest running, then the oldest head" gives the same
 * order as sorting every waiting job by (running jobs of its organisation + its rank among that
 * organisation's waiting jobs, its due time): the k-th waiting job of an organisation is picked
 * when that organisation holds k more places than it does now. So the order is one sort.
 */

export const lanes = ['incremental', 'backfill'] as const;
export type Lane = (typeof lanes)[number];

/** What the order needs of a job (a projection of SyncJobDoc). */
export interface QueuedJob {
  _id: string;
  orgId: string;
  lane: Lane;
  dueAt: Date;
  leaseUntil: Date;
  /** The worker holding the lease, if any (live only while `leaseUntil` is ahead). */
  leaseOwner?: string | null;
}

const byDue = (a: QueuedJob, b: QueuedJob) =>
  a.dueAt.getTime() - b.dueAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** The lane's due, unleased jobs, in claim order. */
export function claimOrder(jobs: readonly QueuedJob[], lane: Lane, now: number): QueuedJob[] {
  const running = new Map<string, number>();
  const waiting = new Map<string, QueuedJob[]>();
  for (const job of jobs) {
    if (job.lane !== lane) continue;
    if (job.leaseUntil.getTime() > now) running.set(job.orgId, (running.get(job.orgId) ?? 0) + 1);
    else if (job.dueAt.getTime() <= now) {
      const list = waiting.get(job.orgId) ?? [];
      list.push(job);
      waiting.set(job.orgId, list);
    }
  }
  const ranked: Array<{ job: QueuedJob; share: number }> = [];
  for (const [orgId, list] of waiting) {
    list.sort(byDue);
    const base = running.get(orgId) ?? 0;
    list.forEach((job, k) => ranked.push({ job, share: base + k }));
  }
  ranked.sort(
    (a, b) =>
      a.share - b.share ||
      byDue(a.job, b.job) ||
      (a.job.orgId < b.job.orgId ? -1 : a.job.orgId > b.job.orgId ? 1 : 0),
  );
  return ranked.map((r) => r.job);
}

/** When the lane's next unleased job falls due (after `now`), if any. */
export function nextDueAt(jobs: readonly QueuedJob[], lane: Lane, now: number): number | null {
  let next: number | null = null;
  for (const job of jobs) {
    if (job.lane !== lane || job.leaseUntil.getTime() > now) continue;
    const due = job.dueAt.getTime();
    if (due > now && (next === null || due < next)) next = due;
  }
  return next;
}

/** How many jobs of the lane are running (leased) now. */
export function runningCount(jobs: readonly QueuedJob[], lane: Lane, now: number): number {
  return jobs.filter((j) => j.lane === lane && j.leaseUntil.getTime() > now).length;
}
