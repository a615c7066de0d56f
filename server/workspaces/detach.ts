import type { Db } from 'mongodb';
import type { DetachWorkspaceResponse } from '../../shared/workspaces';
import { actorOf, recordAudit } from '../audit/log';
import type { Principal } from '../auth/token-validator';
import { notFound } from '../http/errors';
import { integrations } from '../integrations/store';
import { cancelSync } from '../sync/jobs';
import { workspaces, type WorkspaceDoc } from './store';
import { forgetDirectoryOwed } from '../sync/signature-backlog';

/**
 * An organisation's admin takes a Google Workspace out of the organisation: its users are
 * colleagues no more (search, internal domains), its mailboxes stop, and it is audited. What was
 * extracted from its mailboxes stays — extracted contact points cannot be deleted, and this is the
 * organisation's own decision about its own data (unlike a Microsoft 365 tenant taken back by its
 * own administrator, whose contact points leave with it). Registering the Workspace again starts
 * its mailboxes afresh; their contact points' keys make the re-read exact.
 */
export async function detachWorkspace(
  db: Db,
  principal: Principal,
  workspace: WorkspaceDoc,
): Promise<DetachWorkspaceResponse> {
  // First, so a worker in the middle of a batch of its mailboxes has that batch refused.
  const removed = await workspaces(db).deleteOne({ _id: workspace._id, orgId: workspace.orgId });
  if (removed.deletedCount === 0)
    throw notFound('workspace_not_found', 'No such Google Workspace in your organisation.');

  const actor = actorOf(principal);
  const running = await integrations(db)
    .find({ orgId: workspace.orgId, tenantId: workspace._id, status: { $ne: 'unlinked' } })
    .toArray();
  for (const integration of running) {
    await integrations(db).updateOne(
      { _id: integration._id, status: { $ne: 'unlinked' } },
      { $set: { status: 'unlinked', unlinkedAt: new Date(), unlinkedBy: actor }, $inc: { generation: 1 } },
    );
    await cancelSync(db, integration._id);
  }
  // The integrations leave with the Workspace, as with a tenant: joining again starts them afresh.
  await integrations(db).deleteMany({ orgId: workspace.orgId, tenantId: workspace._id });
  await forgetDirectoryOwed(db, workspace.orgId, workspace._id);

  await recordAudit(db, {
    orgId: workspace.orgId,
    actor,
    action: 'workspace.detached',
    target: { tenantId: workspace._id },
    details: {
      primaryDomain: workspace.primaryDomain,
      domains: workspace.domains,
      integrationsStopped: running.length,
    },
  });
  return {
    detached: true,
    workspace: { id: workspace._id, primaryDomain: workspace.primaryDomain },
    integrationsStopped: running.length,
  };
}
