import type { Db } from 'mongodb';
import type { Config } from '../config';
import { integrations, type IntegrationDoc } from '../integrations/store';
import type { Logger } from '../log';
import type { GraphClients } from '../providers/microsoft/graph';
import { graphBudgetWaits, graphBudgetWaitSeconds, leasesHeld, syncRuns } from '../observability/metrics';
import { organizations } from '../organizations/store';
import { mailboxDriverFor } from '../providers/mailbox-drivers';
import { internalDomainsOf } from '../tenants/store';
import type { MailboxDriver } from './driver';
import type { Lane } from './fair-order';
import type { SyncJobDoc } from './jobs';
import type { Leases } from './leases';
import { syncMailbox } from './mailbox-sync';
import {
  BudgetExhausted,
  bothBudgets,
  MailboxBudget,
  type AppBudget,
  type RequestBudget,
} from './request-budget';
import { recordRunFailure, recordRunProgress, recordRunSuccess } from './run-outcome';
import { regionOfAddress, SignatureHook, type SignatureParser } from './signature-hook';
import { maintainSubscription } from './subscriptions';

export interface JobContext {
  db: Db;
  log: Logger;
  config: Config;
  graph: GraphClients;
  parseSignature: SignatureParser | null;
  driverFor?: (integration: IntegrationDoc, budget: RequestBudget) => MailboxDriver;
  leases: Leases;
  /** Running syncs by job, so stopping the worker can abort them. */
  running: Map<string, AbortController>;
  /** When each held lease was last taken or renewed (the worker's readiness). */
  renewedAt: Map<string, number>;
  appBudget: AppBudget;
  stopping(): boolean;
}

/** How the job was given back, for the worker's view of the queue until it reads it again. */
export interface JobReturn {
  dueAt: Date;
  lane: Lane;
}

/**
 * One claimed job: syncs the mailbox for at most a slice (a backfill that needs longer gives its
 * place to the next in line and queues again at the back), renews the lease while working, and
 * gives the job back with its lane and next due time.
 */
export async function runJob(ctx: JobContext, job: SyncJobDoc, lane: Lane): Promise<JobReturn | null> {
  const { db, log, config, leases } = ctx;
  const controller = new AbortController();
  ctx.running.set(job._id, controller);
  ctx.renewedAt.set(job._id, Date.now());
  leasesHeld.set(ctx.running.size);
  log.info(
    { jobId: job._id, owner: leases.owner, leaseUntil: job.leaseUntil, reason: job.reason, lane },
    'lease acquired',
  );
  const budget = new MailboxBudget(config.sync.mailboxRequestsPer10Minutes, job.requests);
  let heldUntil = job.leaseUntil.getTime();
  const renew = setInterval(
    async () => {
      try {
        const { held, until } = await leases.renew(job, budget.snapshot());
        if (held) {
          heldUntil = until.getTime();
          ctx.renewedAt.set(job._id, Date.now());
          log.debug({ jobId: job._id, owner: leases.owner, leaseUntil: until }, 'lease renewed');
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
  let given: JobReturn | null = null;
  const handBack = async (
    dueAt: Date,
    next: Lane,
    extra: Parameters<Leases['release']>[2] = {},
    notBefore?: Date,
  ) => {
    released = true;
    clearInterval(renew);
    log.info({ jobId: job._id, owner: leases.owner }, 'lease released');
    await leases.release(job, dueAt, { ...extra, lane: next, requests: budget.snapshot() }, notBefore);
    given = { dueAt, lane: next };
  };

  try {
    const integration = await integrations(db).findOne({ _id: job._id });
    const org = integration ? await organizations(db).findOne({ _id: integration.orgId }) : null;
    if (!integration || !org || integration.status === 'unlinked') {
      await leases.drop(job);
      return null;
    }
    if (!org.activityManagement.enabled) {
      // Switched off since the queue was read: leave the job as it was.
      await handBack(job.dueAt, lane);
      return given;
    }
    const requestBudget = bothBudgets(budget, ctx.appBudget);
    const driver =
      ctx.driverFor?.(integration, requestBudget) ??
      mailboxDriverFor(config, ctx.graph, integration, 'sync', requestBudget);
    const signatures = ctx.parseSignature
      ? new SignatureHook({
          db,
          driver,
          parse: ctx.parseSignature,
          refreshMs: config.sync.signatureRefreshMs,
          log,
          defaultRegion: regionOfAddress(integration.mail),
          mailbox: integration,
        })
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
        sliceEndsAt: started + config.sync.sliceMs,
      });
      log.info(
        {
          jobId: job._id,
          ...totals,
          signaturesSkipped: signatures?.skipped ?? 0,
          ms: Date.now() - started,
        },
        'mailbox synced',
      );
      syncRuns.inc({ outcome: 'success' });
      if (!totals.complete) {
        // A slice of a long read: its position is saved; queue again behind those waiting.
        await recordRunProgress(db, integration);
        await handBack(new Date(), 'backfill', { attempts: 0 });
        return given;
      }
      // A reauthorization Graph failed to carry out stays owed for the next run.
      const subscribed = await maintainSubscription(db, log, config, driver, integration, job);
      await recordRunSuccess(db, integration);
      // Polls start an interval apart (not an interval after the last one ended): mail that
      // arrives just after a run read the folder waits less than one interval for the next run.
      const nextPoll = Math.max(Date.now(), started + config.sync.pollIntervalMs);
      await handBack(new Date(nextPoll), 'incremental', {
        attempts: 0,
        ...(subscribed ? { reauthorize: false } : {}),
      });
    } catch (err) {
      syncRuns.inc({ outcome: controller.signal.aborted ? 'stopped' : 'failure' });
      if (controller.signal.aborted && !(controller.signal.reason instanceof BudgetExhausted)) {
        // Lost the lease (another worker has it) or stopping: leave the job to whoever holds it next.
        if (ctx.stopping()) await handBack(new Date(), lane);
        return given;
      }
      const spent = err instanceof BudgetExhausted ? err : controller.signal.reason;
      if (spent instanceof BudgetExhausted) {
        log.info({ jobId: job._id, resumeAt: spent.resumeAt }, 'mailbox request budget spent; pausing it');
        graphBudgetWaits.inc({ budget: 'mailbox' });
        graphBudgetWaitSeconds.inc(
          { budget: 'mailbox' },
          Math.max(0, spent.resumeAt.getTime() - Date.now()) / 1000,
        );
        await handBack(spent.resumeAt, lane, {}, spent.resumeAt);
        return given;
      }
      const dueAt = await recordRunFailure(db, log, config, integration, job, err);
      await handBack(dueAt, lane, { attempts: job.attempts + 1 });
    }
  } catch (err) {
    log.error({ err, jobId: job._id }, 'sync job failed unexpectedly');
    await handBack(new Date(Date.now() + 60_000), lane).catch(() => undefined);
  } finally {
    clearInterval(renew);
    ctx.running.delete(job._id);
    ctx.renewedAt.delete(job._id);
    leasesHeld.set(ctx.running.size);
    if (!released) {
      const reason = controller.signal.aborted ? String(controller.signal.reason?.message) : undefined;
      log.info({ jobId: job._id, owner: leases.owner, reason }, 'lease released');
    }
  }
  return given;
}
