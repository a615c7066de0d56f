import type { Db } from 'mongodb';
import type { Config } from '../config';
import type { IntegrationDoc } from '../integrations/store';
import type { Logger } from '../log';
import type { GraphClients } from '../providers/microsoft/graph';
import { organizations } from '../organizations/store';
import type { MailboxDriver } from './driver';
import { claimOrder, lanes, nextDueAt, type Lane, type QueuedJob } from './fair-order';
import { runJob } from './job-run';
import { Leases } from './leases';
import { recordClaim } from './queue-estimate';
import { AppBudget, type RequestBudget } from './request-budget';
import type { SignatureParser } from './signature-hook';

export interface SyncWorkerDeps {
  db: Db;
  log: Logger;
  config: Config;
  graph: GraphClients;
  workerId: string;
  parseSignature: SignatureParser | null;
  /** Replaces the provider's driver (benchmarks measure our own cost with an instant driver). */
  driverFor?: (integration: IntegrationDoc, budget: RequestBudget) => MailboxDriver;
}

/**
 * How long a read of the job collection serves claims before it is read again: two seconds, or
 * ten times as long as the read took for every worker seen holding leases, so the fleet's reads of
 * the queue together take no more than about a tenth of the database's time (on the embedded
 * database a read of 1,000 jobs takes 0.1–0.3 s, more when it is busy).
 */
const queueRefreshMs = 2_000;
const queueReadShare = 10;

/**
 * A sync worker: claims due jobs by lease in fair order (fair-order.ts), runs up to `concurrency`
 * backfills and as many incremental syncs besides, renews its leases while working and gives each
 * job back with its next due time. Any number of workers on any number of machines share the jobs
 * through the database alone.
 *
 * The job collection is read at most every two seconds (longer when the read is slow); in between,
 * claims use that read, each one an atomic update addressed by `_id` that fails harmlessly when
 * another worker was first, and the worker keeps the jobs it gave back up to date in it. So an idle
 * fleet costs about a read per worker every two seconds, and new work is picked up within that time.
 */
export class SyncWorker {
  private readonly leases: Leases;
  private readonly running = new Map<string, AbortController>();
  /** When each held lease was last taken or renewed: readiness fails when renewals stop. */
  private readonly renewedAt = new Map<string, number>();
  private readonly active: Record<Lane, Set<Promise<void>>> = { incremental: new Set(), backfill: new Set() };
  private readonly appBudget: AppBudget;
  private stopping = false;
  private enabledOrgs: { ids: string[]; readAt: number } = { ids: [], readAt: 0 };
  private queue: { jobs: QueuedJob[]; readAt: number; validMs: number } = { jobs: [], readAt: 0, validMs: 0 };
  private wake: (() => void) | null = null;

  constructor(private readonly deps: SyncWorkerDeps) {
    this.leases = new Leases(deps.db, deps.workerId, deps.config.sync.leaseMs);
    this.appBudget = new AppBudget(deps.db, deps.config.sync.appRequestsPer10Seconds);
  }

  async run(): Promise<void> {
    const { concurrency } = this.deps.config.sync;
    const free = (lane: Lane) => concurrency - this.active[lane].size;
    while (!this.stopping) {
      if (lanes.every((lane) => free(lane) <= 0)) {
        await Promise.race([...this.active.incremental, ...this.active.backfill]);
        continue;
      }
      let jobs: QueuedJob[];
      try {
        jobs = await this.queuedJobs();
      } catch (err) {
        this.deps.log.error({ err }, 'reading the sync queue failed');
        await this.idle(1_000);
        continue;
      }
      let started = 0;
      const now = Date.now();
      for (const lane of lanes) {
        for (const candidate of claimOrder(jobs, lane, now)) {
          if (free(lane) <= 0 || this.stopping) break;
          const job = await this.leases.claim(candidate._id).catch((err: unknown) => {
            this.deps.log.error({ err }, 'claiming a job failed');
            return null;
          });
          // Either way the job is leased now (by us or by the worker that was first).
          candidate.leaseUntil = job?.leaseUntil ?? new Date(now + this.deps.config.sync.leaseMs);
          if (!job) continue;
          started++;
          if (lane === 'backfill') void recordClaim(this.deps.db).catch(() => undefined);
          const work = runJob(this.jobContext(), job, lane)
            .then((next) => {
              // Until the next read, the queue knows this job as we gave it back.
              candidate.leaseUntil = new Date(0);
              if (next) Object.assign(candidate, next);
            })
            .finally(() => {
              this.active[lane].delete(work);
              this.wake?.();
            });
          this.active[lane].add(work);
        }
      }
      if (started === 0) {
        const open = lanes.filter((lane) => free(lane) > 0);
        const due = open.map((lane) => nextDueAt(jobs, lane, Date.now())).filter((t) => t !== null);
        const untilDue = due.length > 0 ? Math.min(...due) - Date.now() : Infinity;
        await this.idle(
          Math.max(50, Math.min(untilDue, this.queue.readAt + this.queue.validMs - Date.now())),
        );
      }
    }
    await Promise.allSettled([...this.active.incremental, ...this.active.backfill]);
  }

  /** Stops claiming, aborts running syncs at their next step and gives their jobs back at once. */
  stop(): void {
    this.stopping = true;
    for (const controller of this.running.values()) controller.abort(new Error('worker stopping'));
    this.wake?.();
  }

  /** For the readiness probe: leases held, and how many have gone a whole lease period unrenewed. */
  health(now = Date.now()): { stopping: boolean; leasesHeld: number; unrenewedLeases: number } {
    const limit = this.deps.config.sync.leaseMs;
    const unrenewed = [...this.renewedAt.values()].filter((at) => now - at > limit).length;
    return { stopping: this.stopping, leasesHeld: this.running.size, unrenewedLeases: unrenewed };
  }

  private jobContext() {
    return {
      ...this.deps,
      leases: this.leases,
      running: this.running,
      renewedAt: this.renewedAt,
      appBudget: this.appBudget,
      stopping: () => this.stopping,
    };
  }

  private idle(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async queuedJobs(): Promise<QueuedJob[]> {
    if (Date.now() - this.queue.readAt >= this.queue.validMs) {
      const started = Date.now();
      const jobs = await this.leases.queue(await this.enabledOrgIds());
      const tookMs = Date.now() - started;
      const workers = new Set([this.deps.workerId]);
      for (const job of jobs)
        if (job.leaseOwner && job.leaseUntil.getTime() > started) workers.add(job.leaseOwner);
      this.queue = {
        jobs,
        readAt: Date.now(),
        validMs: Math.max(queueRefreshMs, tookMs * queueReadShare * workers.size),
      };
    }
    return this.queue.jobs;
  }

  private async enabledOrgIds(): Promise<string[]> {
    if (Date.now() - this.enabledOrgs.readAt > 5_000) {
      const docs = await organizations(this.deps.db)
        .find({ 'activityManagement.enabled': true }, { projection: { _id: 1 } })
        .toArray();
      this.enabledOrgs = { ids: docs.map((d) => d._id), readAt: Date.now() };
    }
    return this.enabledOrgs.ids;
  }
}
