import type { Db } from 'mongodb';
import type { IntegrationView } from '../../shared/api';
import { queueOf } from '../sync/queue-estimate';
import { integrations, integrationView } from './store';

/**
 * The integrations of one page of a directory's users (a Microsoft 365 tenant's or a Google
 * Workspace's), as the admin pane shows them beside each user: one read for the page, and each
 * waiting mailbox's place in the queue.
 */
export async function integrationsOfUsers(
  db: Db,
  directory: { orgId: string; id: string },
  userIds: string[],
  orgEnabled: boolean,
): Promise<(userId: string) => IntegrationView | null> {
  const existing = await integrations(db)
    .find({ orgId: directory.orgId, tenantId: directory.id, userId: { $in: userIds } })
    .toArray();
  const byUser = new Map(existing.map((i) => [i.userId, i]));
  const queue = await queueOf(db, existing);
  return (userId) => {
    const integration = byUser.get(userId);
    return integration ? integrationView(integration, orgEnabled, queue) : null;
  };
}
