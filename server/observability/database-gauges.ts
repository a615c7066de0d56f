import type { Db } from 'mongodb';
import { integrationStatuses } from '../../shared/integration-status';
import { integrations } from '../integrations/store';
import { organizations } from '../organizations/store';
import { syncJobs } from '../sync/jobs';
import { integrationsByStatus, syncJobsLeased, syncLag } from './metrics';

/**
 * Refreshes the gauges that describe the whole service rather than this process: sync lag, live
 * leases, integrations by status. Read at scrape time from small collections (jobs and
 * integrations: one document per mailbox).
 */
export async function refreshDatabaseGauges(db: Db, now = new Date()): Promise<void> {
  const enabled = await organizations(db)
    .find({ 'activityManagement.enabled': true }, { projection: { _id: 1 } })
    .toArray();
  const [oldestDue, leased, byStatus] = await Promise.all([
    enabled.length === 0
      ? Promise.resolve([])
      : syncJobs(db)
          .find(
            { dueAt: { $lte: now }, leaseUntil: { $lte: now }, orgId: { $in: enabled.map((o) => o._id) } },
            { projection: { dueAt: 1 } },
          )
          .sort({ dueAt: 1 })
          .limit(1)
          .toArray(),
    syncJobs(db).countDocuments({ leaseUntil: { $gt: now } }),
    integrations(db)
      .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }])
      .toArray(),
  ]);
  const due = oldestDue[0]?.dueAt;
  syncLag.set(due ? Math.max(0, (now.getTime() - due.getTime()) / 1000) : 0);
  syncJobsLeased.set(leased);
  const counts = new Map(byStatus.map((row) => [row._id, row.n]));
  for (const status of integrationStatuses) integrationsByStatus.set({ status }, counts.get(status) ?? 0);
}
