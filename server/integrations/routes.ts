import { Router } from 'express';
import {
  directoryUsersQuery,
  integrationsQuery,
  startIntegrationOneRequest,
  startIntegrationsRequest,
} from '../../shared/api';
import { requireAdmin, requireMember, type Membership } from '../auth/middleware';
import type { ServerDeps } from '../deps';
import { conflict, parseInput } from '../http/errors';
import { guidParam } from '../http/params';
import { tenantOfOrganization } from '../tenants/routes';
import type { TenantDoc } from '../tenants/store';
import { listDirectoryUsers, lookupDirectoryUsers } from '../providers/microsoft/directory';
import { retryIntegration, startIntegrations, unlinkIntegration } from './lifecycle';
import { queueOf } from '../sync/queue-estimate';
import { removeSubscription } from '../sync/subscriptions';
import { mailboxDriverFor } from '../providers/mailbox-drivers';
import { integrations, integrationView } from './store';
import { integrationsOfUsers } from './user-views';

function requireConsented(tenant: TenantDoc): void {
  if (tenant.consent.state !== 'granted') {
    throw conflict('tenant_not_consented', 'Grant admin consent for this directory (tenant) first.');
  }
}

function requireEnabled(membership: Membership): void {
  if (!membership.org.activityManagement.enabled) {
    throw conflict('activity_management_disabled', 'Enable Smart Activity Management before starting users.');
  }
}

export function integrationRoutes(deps: ServerDeps): Router {
  const router = Router();
  const { db } = deps;
  router.use('/admin', requireAdmin, requireMember(db));

  router.get('/admin/tenants/:tenantId/users', async (req, res) => {
    const tenant = await tenantOfOrganization(deps, req.membership!, req.params.tenantId);
    const query = parseInput(directoryUsersQuery, req.query, 'query');
    requireConsented(tenant);
    const page = await listDirectoryUsers(deps.graph, tenant._id, query.search ?? '', query.cursor);
    const integrationOf = await integrationsOfUsers(
      db,
      { orgId: tenant.orgId, id: tenant._id },
      page.users.map((u) => u.id),
      req.membership!.org.activityManagement.enabled,
    );
    res.json({
      users: page.users.map((u) => ({ ...u, integration: integrationOf(u.id) })),
      nextCursor: page.nextCursor,
    });
  });

  router.post('/admin/tenants/:tenantId/integrations', async (req, res) => {
    const tenant = await tenantOfOrganization(deps, req.membership!, req.params.tenantId);
    const body = parseInput(startIntegrationsRequest, req.body);
    requireConsented(tenant);
    requireEnabled(req.membership!);
    const users = await lookupDirectoryUsers(deps.graph, tenant._id, body.userIds);
    res.json(
      await startIntegrations(db, req.principal!, req.membership!, tenant._id, users, {
        confirmUnlicensed: body.confirmUnlicensed,
      }),
    );
  });

  router.post('/admin/tenants/:tenantId/integrations/:userId/start', async (req, res) => {
    const tenant = await tenantOfOrganization(deps, req.membership!, req.params.tenantId);
    const userId = guidParam(req.params.userId, 'userId');
    const body = parseInput(startIntegrationOneRequest, req.body);
    requireConsented(tenant);
    requireEnabled(req.membership!);
    const users = await lookupDirectoryUsers(deps.graph, tenant._id, [userId]);
    const { results } = await startIntegrations(db, req.principal!, req.membership!, tenant._id, users, {
      confirmUnlicensed: body.confirmUnlicensed,
    });
    const result = results[0]!;
    if (result.outcome === 'not_found') {
      return res
        .status(404)
        .json({ error: { code: 'user_not_found', message: 'No such user in this directory.' } });
    }
    res.json(result);
  });

  router.post('/admin/tenants/:tenantId/integrations/:userId/unlink', async (req, res) => {
    const tenant = await tenantOfOrganization(deps, req.membership!, req.params.tenantId);
    const userId = guidParam(req.params.userId, 'userId');
    const unlinked = await unlinkIntegration(db, req.principal!, req.membership!, tenant._id, userId);
    // Stop change notifications at once too; what was extracted stays.
    await removeSubscription(
      db,
      req.log,
      mailboxDriverFor(deps.config, deps.graph, unlinked, 'admin'),
      unlinked,
    );
    res.json(integrationView(unlinked, req.membership!.org.activityManagement.enabled));
  });

  router.post('/admin/tenants/:tenantId/integrations/:userId/retry', async (req, res) => {
    const tenant = await tenantOfOrganization(deps, req.membership!, req.params.tenantId);
    const userId = guidParam(req.params.userId, 'userId');
    requireEnabled(req.membership!);
    res.json(await retryIntegration(db, req.principal!, req.membership!, tenant._id, userId));
  });

  router.get('/admin/integrations', async (req, res) => {
    const query = parseInput(integrationsQuery, req.query, 'query');
    const filter: Record<string, string> = { orgId: req.membership!.org._id };
    if (query.tenantId) filter.tenantId = query.tenantId;
    if (query.status) filter.status = query.status;
    const docs = await integrations(db).find(filter).sort({ displayName: 1 }).toArray();
    const enabled = req.membership!.org.activityManagement.enabled;
    const queue = await queueOf(db, docs);
    res.json({ integrations: docs.map((d) => integrationView(d, enabled, queue)) });
  });

  return router;
}
