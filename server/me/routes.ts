import { Router } from 'express';
import type { MeResponse } from '../../shared/api';
import { membershipOf } from '../auth/middleware';
import type { ServerDeps } from '../deps';
import { integrationId, integrations, integrationView } from '../integrations/store';
import { settingsOf } from '../organizations/store';
import { queueOf } from '../sync/queue-estimate';

/** Who the caller is, which organisation their tenant belongs to, and their own mailbox integration. */
export function meRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/me', async (req, res) => {
    const p = req.principal!;
    const [result, admin] = await Promise.all([membershipOf(deps.db, p), p.admin()]);
    const membership = 'membership' in result ? result.membership : null;
    const integration = membership
      ? await integrations(deps.db).findOne({ _id: integrationId(p.tenantId, p.userId) })
      : null;
    const enabled = membership?.org.activityManagement.enabled ?? false;
    const body: MeResponse = {
      user: { id: p.userId, name: p.name, userPrincipalName: p.userPrincipalName, guest: p.isGuest },
      tenant: { id: p.tenantId, registered: 'membership' in result || result.refused !== 'not_registered' },
      organization: membership
        ? {
            id: membership.org._id,
            name: membership.org.name,
            activityManagementEnabled: enabled,
            showEmailActivities: settingsOf(membership.org).showEmailActivities,
          }
        : null,
      isAdmin: admin.isAdmin,
      adminUnverified: admin.source === 'unavailable',
      integration: integration
        ? integrationView(integration, enabled, await queueOf(deps.db, [integration]))
        : null,
    };
    res.json(body);
  });
  return router;
}
