import { Router } from 'express';
import { registerTenantRequest } from '../../shared/api';
import type { ServerDeps } from '../deps';
import { requireAdmin, requireMember, resolveMembership, type Membership } from '../auth/middleware';
import { notFound, parseInput } from '../http/errors';
import { guidParam } from '../http/params';
import { actorOf } from '../audit/log';
import { integrations } from '../integrations/store';
import { consentCallback } from './consent-callback';
import { consentPageCsp, consentResultScript } from './consent-page';
import { createConsentRequest } from './consent-requests';
import { adminConsentUrl, consentCallbackPath } from './consent-url';
import { registerTenant } from './register';
import { getTenant, tenantsOf, tenantView, type TenantDoc } from './store';

/** A tenant of the caller's organisation, or 404 (a tenant of another organisation does not exist for them). */
export async function tenantOfOrganization(
  deps: ServerDeps,
  membership: Membership,
  tenantIdParam: unknown,
): Promise<TenantDoc> {
  const tenantId = guidParam(tenantIdParam, 'tenantId');
  const tenant = await getTenant(deps.db, tenantId);
  if (!tenant || tenant.orgId !== membership.org._id)
    throw notFound('tenant_not_found', 'No such directory (tenant) in your organisation.');
  return tenant;
}

async function integrationCounts(
  deps: ServerDeps,
  orgId: string,
): Promise<Map<string, Record<string, number>>> {
  const rows = await integrations(deps.db)
    .aggregate<{ _id: { tenantId: string; status: string }; n: number }>([
      { $match: { orgId } },
      { $group: { _id: { tenantId: '$tenantId', status: '$status' }, n: { $sum: 1 } } },
    ])
    .toArray();
  const counts = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const forTenant = counts.get(row._id.tenantId) ?? {};
    forTenant[row._id.status] = row.n;
    counts.set(row._id.tenantId, forTenant);
  }
  return counts;
}

export function tenantRoutes(deps: ServerDeps): { api: Router; browser: Router } {
  const api = Router();
  const { db, config } = deps;

  // Registration is also the bootstrap: an admin whose tenant is in no organisation founds one.
  api.post('/admin/tenants', requireAdmin, async (req, res) => {
    const { tenantId } = parseInput(registerTenantRequest, req.body);
    const membership = await resolveMembership(db, req.principal!);
    const { orgId, created } = await registerTenant(db, req.principal!, membership, tenantId);
    const state = await createConsentRequest(db, {
      orgId,
      tenantId,
      requestedBy: actorOf(req.principal!),
      ttlMs: config.microsoft.consentStateTtlMs,
    });
    res
      .status(created ? 201 : 200)
      .json({ tenantId, consentUrl: adminConsentUrl(config, tenantId, state), created });
  });

  api.get('/admin/tenants', requireAdmin, requireMember(db), async (req, res) => {
    const orgId = req.membership!.org._id;
    const [all, counts] = await Promise.all([tenantsOf(db, orgId), integrationCounts(deps, orgId)]);
    res.json({ tenants: all.map((t) => tenantView(t, counts.get(t._id) ?? {})) });
  });

  api.get('/admin/tenants/:tenantId', requireAdmin, requireMember(db), async (req, res) => {
    const tenant = await tenantOfOrganization(deps, req.membership!, req.params.tenantId);
    const counts = await integrationCounts(deps, tenant.orgId);
    res.json(tenantView(tenant, counts.get(tenant._id) ?? {}));
  });

  const browser = Router();
  browser.get(
    consentCallbackPath,
    (req, res, next) => {
      res.setHeader('Content-Security-Policy', consentPageCsp);
      res.removeHeader('X-Frame-Options');
      next();
    },
    consentCallback(db, deps.graph, deps.log),
  );
  browser.get('/auth/consent-result.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'no-cache');
    res.send(consentResultScript);
  });
  return { api, browser };
}
