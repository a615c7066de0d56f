import type { Db } from 'mongodb';
import {
  isImmediateErrorKind,
  persistentErrorKind,
  type ErrorAction,
  type ErrorKind,
} from '../../shared/integration-status';
import type { Config } from '../config';
import { updateHeld } from '../db/held-update';
import { rollUpClosedMonths } from '../extraction/relationships';
import { integrations, type IntegrationDoc } from '../integrations/store';
import type { Logger } from '../log';
import { DriverError, type FailureOutcome } from './driver';
import type { SyncJobDoc } from './jobs';
import { backoffMs } from './limits';
import { ofRun, StaleRunError } from './mailbox-sync';

/** A run that finished: the mailbox is current, whatever went wrong before. */
export async function recordRunSuccess(db: Db, integration: IntegrationDoc): Promise<void> {
  const now = new Date();
  await updateHeld(
    integrations(db),
    integration._id,
    {
      $set: {
        status: 'active',
        lastSyncAt: now,
        lastError: null,
        failures: { attempts: 0, firstAt: null },
      },
      $min: { firstSyncedAt: now },
    },
    ofRun(integration),
  );
  // Its contact points per month, like every count per month, stay bounded (extraction/relationships.ts).
  await rollUpClosedMonths(integrations(db), integration, now, {
    months: 'pointMonths',
    before: 'pointsBefore',
  });
}

/**
 * A slice of a long read that ended in time: progress was made, so earlier failures no longer
 * count towards a Linkage error; the status stays (queued → syncing happened at the start).
 */
export async function recordRunProgress(db: Db, integration: IntegrationDoc): Promise<void> {
  if (!integration.failures?.attempts) return;
  await updateHeld(
    integrations(db),
    integration._id,
    { $set: { failures: { attempts: 0, firstAt: null } } },
    ofRun(integration),
  );
}

/** Authentication error or Unauthorized, as the error table decided: shown at once. */
function shownAtOnce(outcome: FailureOutcome): outcome is Extract<FailureOutcome, { action: ErrorAction }> {
  return isImmediateErrorKind(outcome.kind);
}

/**
 * What a failed run means for the integration (ARCHITECTURE.md §5, through the error table), and
 * when to try again. Authentication and authorisation problems show at once; throttling changes
 * nothing; anything else is retried with backoff and becomes a Linkage error only once it has
 * persisted over the retry budget (attempts and time span).
 */
export async function recordRunFailure(
  db: Db,
  log: Logger,
  config: Config,
  integration: IntegrationDoc,
  job: SyncJobDoc,
  err: unknown,
): Promise<Date> {
  const now = Date.now();
  const sync = config.sync;
  if (err instanceof StaleRunError) return new Date(now);
  const detail =
    err instanceof DriverError
      ? err.detail
      : {
          code: null,
          httpStatus: null,
          message: `Internal error: ${(err as Error)?.message ?? String(err)}`,
          retryAfterMs: null,
        };
  const outcome = err instanceof DriverError ? err.outcome : ({ kind: 'retry' } as const);
  const save = (update: Parameters<typeof updateHeld<IntegrationDoc>>[2]) =>
    updateHeld(integrations(db), integration._id, update, ofRun(integration));
  log.warn(
    {
      jobId: job._id,
      outcome: outcome.kind,
      code: detail.code,
      httpStatus: detail.httpStatus,
      message: detail.message,
    },
    'mailbox sync failed',
  );

  if (outcome.kind === 'throttled' || outcome.kind === 'resync') {
    return new Date(now + (detail.retryAfterMs ?? backoffMs(job.attempts, 5_000, 10 * 60_000)));
  }
  const lastError = (kind: ErrorKind, action: ErrorAction) => ({
    kind,
    graphCode: detail.code,
    httpStatus: detail.httpStatus,
    message: detail.message,
    action,
    at: new Date(now),
  });
  if (shownAtOnce(outcome)) {
    await save({ $set: { status: outcome.kind, lastError: lastError(outcome.kind, outcome.action) } });
    return new Date(now + sync.errorRecheckMs);
  }
  // Probably transient: count it; a Linkage error once it persists over the budget.
  const attempts = (integration.failures?.attempts ?? 0) + 1;
  const firstAt = integration.failures?.firstAt?.getTime() ?? now;
  const exhausted = attempts >= sync.retryAttempts && now - firstAt >= sync.retryMinSpanMs;
  await save({
    $set: {
      failures: { attempts, firstAt: new Date(firstAt) },
      ...(exhausted
        ? {
            status: persistentErrorKind,
            lastError: lastError(persistentErrorKind, 'retry_later_or_contact_support'),
          }
        : {}),
    },
  });
  return new Date(now + backoffMs(Math.min(attempts - 1, 10), sync.retryBaseMs, 6 * 3600_000));
}
