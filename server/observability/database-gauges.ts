import type { Db } from 'mongodb';
import { integrationStatuses } from '../../shared/integration-status';
import { integrations } from '../integrations/store';
import { organizations } from '../organizations/store';
import { lanes } from '../sync/fair-order';
import { syncJobs } from '../sync/jobs';
import { Leases } from '../sync/leases';
import { integrationsByStatus, syncJobsLeased, syncLag, syncQueueDepth } from './metrics';

/**
 * Refreshes the gauges that describe the whole service rather than this process: sync lag and
 * queue depth per lane (from one read of the job queue, as the workers read it), live leases,
 * integrations by status. Read at scrape time from small collections (jobs and integrations: one
 * document per mailbox).
 */
export async function refreshDatabaseGauges(db: Db, now = new Date()): Promise<void> {
  const enabled = await organizations(db)
    .find({ 'activityManagement.enabled': true }, { projection: { _id: 1 } })
    .toArray();
  const [queue, leased, byStatus] = await Promise.all([
    new Leases(db, 'metrics', 0).queue(enabled.map((o) => o._id)),
    syncJobs(db).countDocuments({ leaseUntil: { $gt: now } }),
    integrations(db)
      .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }])
      .toArray(),
  ]);
  const waiting = queue.filter((job) => job.dueAt <= now && job.leaseUntil <= now);
  const oldestDue = Math.min(now.getTime(), ...waiting.map((job) => job.dueAt.getTime()));
  syncLag.set((now.getTime() - oldestDue) / 1000);
  for (const lane of lanes) syncQueueDepth.set({ lane }, waiting.filter((job) => job.lane === lane).length);
  syncJobsLeased.set(leased);
  const counts = new Map(byStatus.map((row) => [row._id, row.n]));
  for (const status of integrationStatuses) integrationsByStatus.set({ status }, counts.get(status) ?? 0);
}
