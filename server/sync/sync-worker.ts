import type { Db } from 'mongodb';
import type { Config } from '../config';
import { integrations, type IntegrationDoc } from '../integrations/store';
import type { Logger } from '../log';
import type { GraphClients } from '../providers/microsoft/graph';
import { leasesHeld, syncRuns } from '../observability/metrics';
import { organizations } from '../organizations/store';
import { mailboxDriverFor } from '../providers/mailbox-drivers';
import { internalDomainsOf } from '../tenants/store';
import type { MailboxDriver } from './driver';
import type { SyncJobDoc } from './jobs';
import { Leases } from './leases';
import { syncMailbox } from './mailbox-sync';
import { recordRunFailure, recordRunSuccess } from './run-outcome';
import { regionOfAddress, SignatureHook, type SignatureParser } from './signature-hook';
import { maintainSubscription } from './subscriptions';

export interface SyncWorkerDeps {
  db: Db;
  log: Logger;
  config: Config;
  graph: GraphClients;
  workerId: string;
  parseSignature: SignatureParser | null;
  /** Replaces the provider's driver (benchmarks measure our own cost with an instant driver). */
  driverFor?: (integration: IntegrationDoc) => MailboxDriver;
}

/**
 * A sync worker: claims due jobs by lease, syncs up to `concurrency` mailboxes at once, renews
 * its leases while working and gives each job back with its next due time. Any number of workers
 * on any number of machines share the jobs through the database alone.
 */
export class SyncWorker {
  private readonly leases: Leases;
  private readonly running = new Map<string, AbortController>();
  /** When each held lease was last taken or renewed: readiness fails when renewals stop. */
  private readonly renewedAt = new Map<string, number>();
  private stopping = false;
  private enabledOrgs: { ids: string[]; readAt: number } = { ids: [], readAt: 0 };
  private wake: (() => void) | null = null;

  constructor(private readonly deps: SyncWorkerDeps) {
    this.leases = new Leases(deps.db, deps.workerId, deps.config.sync.leaseMs);
  }

  async run(): Promise<void> {
    const { concurrency } = this.deps.config.sync;
    const active = new Set<Promise<void>>();
    while (!this.stopping) {
      if (active.size >= concurrency) {
        await Promise.race(active);
        continue;
      }
      let job: SyncJobDoc | null = null;
      try {
        job = await this.leases.claim(await this.enabledOrgIds());
      } catch (err) {
        this.deps.log.error({ err }, 'claiming a job failed');
      }
      if (!job) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, active.size > 0 ? 250 : 1_000);
        });
        continue;
      }
      const work = this.process(job).finally(() => active.delete(work));
      active.add(work);
    }
    await Promise.allSettled(active);
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

  private async enabledOrgIds(): Promise<string[]> {
    if (Date.now() - this.enabledOrgs.readAt > 5_000) {
      const docs = await organizations(this.deps.db)
        .find({ 'activityManagement.enabled': true }, { projection: { _id: 1 } })
        .toArray();
      this.enabledOrgs = { ids: docs.map((d) => d._id), readAt: Date.now() };
    }
    return this.enabledOrgs.ids;
  }

  private async process(job: SyncJobDoc): Promise<void> {
    const { db, log, config } = this.deps;
    const controller = new AbortController();
    this.running.set(job._id, controller);
    this.renewedAt.set(job._id, Date.now());
    leasesHeld.set(this.running.size);
    log.info(
      { jobId: job._id, owner: this.leases.owner, leaseUntil: job.leaseUntil, reason: job.reason },
      'lease acquired',
    );
    let heldUntil = job.leaseUntil.getTime();
    const renew = setInterval(
      async () => {
        try {
          const { held, until } = await this.leases.renew(job._id);
          if (held) {
            heldUntil = until.getTime();
            this.renewedAt.set(job._id, Date.now());
            log.debug({ jobId: job._id, owner: this.leases.owner, leaseUntil: until }, 'lease renewed');
          } else controller.abort(new Error('lease lost'));
        } catch (err) {
          log.warn({ err, jobId: job._id }, 'lease renewal failed');
          // Unable to renew and the lease has run out: another worker may take the mailbox now.
          if (Date.now() >= heldUntil) controller.abort(new Error('lease expired'));
        }
      },
      Math.max(250, Math.floor(config.sync.leaseMs / 3)),
    );
    // The work ends before the job is handed back, so "released" is said first: a worker killed
    // between the database write and its answer never leaves a log that claims it still held it.
    let released = false;
    const handBack = async (dueAt: Date, extra?: Parameters<Leases['release']>[2]) => {
      released = true;
      clearInterval(renew);
      log.info({ jobId: job._id, owner: this.leases.owner }, 'lease released');
      await this.leases.release(job, dueAt, extra);
    };

    try {
      const integration = await integrations(db).findOne({ _id: job._id });
      const org = integration ? await organizations(db).findOne({ _id: integration.orgId }) : null;
      if (!integration || !org || integration.status === 'unlinked') {
        await this.leases.drop(job);
        return;
      }
      const driver =
        this.deps.driverFor?.(integration) ?? mailboxDriverFor(config, this.deps.graph, integration, 'sync');
      const signatures = this.deps.parseSignature
        ? new SignatureHook(
            db,
            driver,
            this.deps.parseSignature,
            config.sync.signatureRefreshMs,
            log,
            regionOfAddress(integration.mail),
          )
        : null;
      try {
        const started = Date.now();
        const totals = await syncMailbox({
          db,
          log,
          driver,
          integration,
          org,
          internalDomains: await internalDomainsOf(db, org._id),
          signal: controller.signal,
          signatures,
          batchMessages: config.sync.batchMessages,
        });
        await maintainSubscription(db, log, config, driver, integration, job);
        await recordRunSuccess(db, integration);
        syncRuns.inc({ outcome: 'success' });
        log.info(
          {
            jobId: job._id,
            ...totals,
            signaturesSkipped: signatures?.skipped ?? 0,
            ms: Date.now() - started,
          },
          'mailbox synced',
        );
        await handBack(new Date(Date.now() + config.sync.pollIntervalMs), {
          attempts: 0,
          reauthorize: false,
        });
      } catch (err) {
        syncRuns.inc({ outcome: controller.signal.aborted ? 'stopped' : 'failure' });
        if (controller.signal.aborted) {
          // Lost the lease (another worker has it) or stopping: leave the job to whoever holds it next.
          if (this.stopping) await handBack(new Date());
          return;
        }
        const dueAt = await recordRunFailure(db, log, config, integration, job, err);
        await handBack(dueAt, { attempts: job.attempts + 1 });
      }
    } catch (err) {
      log.error({ err, jobId: job._id }, 'sync job failed unexpectedly');
      await handBack(new Date(Date.now() + 60_000)).catch(() => undefined);
    } finally {
      clearInterval(renew);
      this.running.delete(job._id);
      this.renewedAt.delete(job._id);
      leasesHeld.set(this.running.size);
      if (!released) {
        const reason = controller.signal.aborted ? String(controller.signal.reason?.message) : undefined;
        log.info({ jobId: job._id, owner: this.leases.owner, reason }, 'lease released');
      }
    }
  }
}
