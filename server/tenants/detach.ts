import type { Db } from 'mongodb';
import type { TenantOwnership } from '../../shared/api';
import { actorOf, recordAudit } from '../audit/log';
import type { Principal } from '../auth/token-validator';
import type { ServerDeps } from '../deps';
import { removeTenantContactPoints, type RemovalReport } from '../extraction/remove-tenant-points';
import { conflict, notFound } from '../http/errors';
import { integrations } from '../integrations/store';
import { organizationIdFor, organizations } from '../organizations/store';
import { mailboxDriverFor } from '../providers/mailbox-drivers';
import { cancelSync } from '../sync/jobs';
import { graphSubscriptions, removeSubscription } from '../sync/subscriptions';
import { recordDeparture } from './departures';
import { requestsForTenant } from './join-requests';
import { getTenant, tenants } from './store';
import { forgetDirectoryOwed } from '../sync/signature-backlog';

/**
 * A tenant's own administrator sees which organisation holds their tenant and can take it back:
 * detaching ends its users' membership at once, stops its mailboxes (their Graph change
 * subscriptions are deleted), removes the contact points extracted from its mailboxes from that
 * organisation with every read model corrected, and is audited in the organisation that held it
 * and in the tenant's own (the one it founds or founded).
 */

export async function ownershipOf(db: Db, tenantId: string): Promise<TenantOwnership> {
  const tenant = await getTenant(db, tenantId);
  const held = tenant && tenant.ownershipProven !== false ? tenant : null;
  const org = held ? await organizations(db).findOne({ _id: held.orgId }) : null;
  const requests = await requestsForTenant(db, tenantId);
  const names = new Map(
    (
      await organizations(db)
        .find({ _id: { $in: requests.map((r) => r.orgId) } })
        .toArray()
    ).map((o) => [o._id, o.name]),
  );
  return {
    tenantId,
    organization: held
      ? {
          id: held.orgId,
          name: org?.name ?? held.orgId,
          joinedAt: (held.confirmedAt ?? held.registeredAt).toISOString(),
          requestedBy: held.registeredBy.userPrincipalName,
          confirmedBy: held.confirmedBy?.userPrincipalName ?? null,
        }
      : null,
    pendingRequests: requests
      .filter((r) => r.orgId !== held?.orgId)
      .map((r) => ({
        organization: names.get(r.orgId) ?? null,
        requestedBy: r.requestedBy.userPrincipalName,
        expiresAt: r.expiresAt.toISOString(),
      })),
  };
}

export interface DetachOutcome {
  organization: { id: string; name: string };
  integrationsStopped: number;
  removed: RemovalReport;
}

export async function detachTenant(
  deps: ServerDeps,
  principal: Principal,
  organizationId: string,
): Promise<DetachOutcome> {
  const { db, log } = deps;
  const tenantId = principal.tenantId;
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw notFound('tenant_not_in_organization', 'Your directory belongs to no organisation.');
  if (tenant.orgId !== organizationId)
    throw conflict(
      'organization_changed',
      'Your directory belongs to another organisation now; reload and check again.',
    );
  const org = await organizations(db).findOne({ _id: tenant.orgId });
  // The organisation's admins keep seeing the directory, as detached by its own admin.
  await recordDeparture(db, tenant, actorOf(principal));
  // From here on the tenant's users are members of nothing, and a sync batch of its mailboxes is refused.
  await tenants(db).deleteOne({ _id: tenantId, orgId: tenant.orgId });

  const stopped = await integrations(db).find({ orgId: tenant.orgId, tenantId }).toArray();
  for (const integration of stopped) {
    await integrations(db).updateOne(
      { _id: integration._id },
      {
        $set: { status: 'unlinked', unlinkedAt: new Date(), unlinkedBy: actorOf(principal) },
        $inc: { generation: 1 },
      },
    );
    await cancelSync(db, integration._id);
    const driver = mailboxDriverFor(deps.config, deps.graph, integration, 'admin');
    await removeSubscription(db, log, driver, integration);
    await graphSubscriptions(db).deleteMany({ integrationId: integration._id });
  }
  // The integrations leave with the tenant: joining another organisation later starts them afresh.
  await integrations(db).deleteMany({ orgId: tenant.orgId, tenantId });
  await forgetDirectoryOwed(db, tenant.orgId, tenantId);

  const removed = await removeTenantContactPoints(db, tenant.orgId, tenantId);
  // A worker holding a lease may still finish the batch it was storing: look again once leases have run out.
  setTimeout(() => {
    removeTenantContactPoints(db, tenant.orgId, tenantId).catch((err: unknown) =>
      log.error({ err: String(err), tenantId }, 'second removal pass after detaching failed'),
    );
  }, deps.config.sync.leaseMs + 5_000).unref();

  const details = {
    organization: org?.name ?? tenant.orgId,
    integrationsStopped: stopped.length,
    contactPointsRemoved: removed.contactPoints,
  };
  const audited = new Set([tenant.orgId, organizationIdFor(tenantId)]);
  for (const orgId of audited) {
    await recordAudit(db, {
      orgId,
      actor: actorOf(principal),
      action: 'tenant.detached',
      target: { tenantId },
      details,
    });
  }
  return {
    organization: { id: tenant.orgId, name: org?.name ?? tenant.orgId },
    integrationsStopped: stopped.length,
    removed,
  };
}
