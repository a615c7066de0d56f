import type { Db } from 'mongodb';
import { sweepAuditLog } from './audit/retention';
import type { Config } from './config';
import { sweepRateLimitWindows } from './http/rate-limit-store';
import type { Logger } from './log';

const everyMs = 3600_000;

/**
 * Clean-up the workers do, hourly and at start: audit entries past their retention, rate-limit
 * windows that have ended (the embedded database has no TTL indexes to do it). Several workers
 * doing it at once delete the same documents; that is harmless.
 */
export function startHousekeeping(db: Db, config: Config, log: Logger): { stop(): void } {
  const run = async () => {
    try {
      const windows = await sweepRateLimitWindows(db);
      const audit = config.auditRetentionMs ? await sweepAuditLog(db, config.auditRetentionMs) : 0;
      if (windows + audit > 0) log.info({ rateLimitWindows: windows, auditEntries: audit }, 'housekeeping');
    } catch (err) {
      log.warn({ err }, 'housekeeping failed; trying again in an hour');
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
