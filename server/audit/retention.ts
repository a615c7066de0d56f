import type { Db } from 'mongodb';
import { auditLog } from './log';

/**
 * Removes audit entries older than the retention period (AUDIT_RETENTION_DAYS). Entry ids begin
 * with their time in base 36, so "older than" is a range on `_id`, on every server.
 */
export async function sweepAuditLog(db: Db, retentionMs: number, now = Date.now()): Promise<number> {
  const cutoff = (now - retentionMs).toString(36).padStart(9, '0');
  const result = await auditLog(db).deleteMany({ _id: { $lt: cutoff } });
  return result.deletedCount;
}
