import { Router } from 'express';
import {
  detachTenantRequest,
  registerTenantRequest,
  type DetachTenantResponse,
  type RegisterTenantResponse,
} from '../../shared/api';
import { actorOf } from '../audit/log';
import { requireAdmin, requireMember, resolveMembership, type Membership } from '../auth/middleware';
import type { Principal } from '../auth/token-validator';
import type { ServerDeps } from '../deps';
import { forbidden, notFound, parseInput } from '../http/errors';
import { guidParam } from '../http/params';
import { integrations } from '../integrations/store';
import { consentCallback, signInCallback, startConsent } from './consent-callback';
import { createFlow } from './consent-flow';
import { consentPageCsp, consentResultScript } from './consent-page';
import { confirmJoinRoutes } from './confirm-join';
import { consentCallbackPath, consentStartPath, consentStartUrl, signInCallbackPath } from './consent-url';
import { departureOf, departuresOf, departureView } from './departures';
import { detachTenant, ownershipOf } from './detach';
import { openRequest, openRequests, requestJoin } from './join-requests';
import { getTenant, requestView, tenantsOf, tenantView, type TenantDoc } from './store';

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

async function requireTenantAdmin(principal: Principal): Promise<void> {
  if (!(await principal.admin()).isAdmin)
    throw forbidden(
      'admin_required',
      'Only an administrator of your directory (tenant) can see or change which organisation holds it.',
    );
}

export function tenantRoutes(deps: ServerDeps): { api: Router; browser: Router } {
  const api = Router();
  const { db, config } = deps;

  /**
   * Asks for a tenant to join the caller's organisation (or to found one with the caller's own
   * tenant) and returns the link its administrator completes in the browser. Nothing is decided
   * here: see consent-flow.ts. Founding needs no admin claim yet — before the app is consented,
   * the directory cannot be asked — the confirming sign-in checks it.
   */
  api.post('/admin/tenants', async (req, res, next) => {
    const { tenantId } = parseInput(registerTenantRequest, req.body);
    const principal = req.principal!;
    const membership = await resolveMembership(db, principal);
    const admin = await principal.admin();
    if (membership ? !admin.isAdmin : admin.source !== 'unavailable' && !admin.isAdmin)
      return requireAdmin(req, res, next);
    const request = await requestJoin(
      db,
      principal,
      membership,
      tenantId,
      config.microsoft.consentStateTtlMs,
    );
    const flow = await createFlow(db, {
      orgId: request.orgId,
      tenantId,
      requestedBy: actorOf(principal),
      ttlMs: config.microsoft.consentStateTtlMs,
    });
    const body: RegisterTenantResponse = {
      tenantId,
      consentUrl: consentStartUrl(config, flow.id),
      expiresAt: flow.expiresAt.toISOString(),
      created: request.created,
    };
    res.status(request.created ? 201 : 200).json(body);
  });

  api.get('/admin/tenants', requireAdmin, requireMember(db), async (req, res) => {
    const orgId = req.membership!.org._id;
    const [all, counts, requests, departures] = await Promise.all([
      tenantsOf(db, orgId),
      integrationCounts(deps, orgId),
      openRequests(db, orgId),
      departuresOf(db, orgId),
    ]);
    // One row per tenant: a member, else an open request (asked again), else a departure.
    const listed = new Set(all.map((t) => t._id));
    const awaiting = requests.filter((r) => !listed.has(r.tenantId));
    for (const r of awaiting) listed.add(r.tenantId);
    res.json({
      tenants: [
        ...all.map((t) => tenantView(t, counts.get(t._id) ?? {})),
        ...awaiting.map(requestView),
        ...departures.filter((d) => !listed.has(d.tenantId)).map(departureView),
      ],
    });
  });

  api.get('/admin/tenants/:tenantId', requireAdmin, requireMember(db), async (req, res) => {
    const membership = req.membership!;
    const tenantId = guidParam(req.params.tenantId, 'tenantId');
    const tenant = await getTenant(db, tenantId);
    if (tenant?.orgId === membership.org._id) {
      const counts = await integrationCounts(deps, tenant.orgId);
      return res.json(tenantView(tenant, counts.get(tenant._id) ?? {}));
    }
    const request = await openRequest(db, membership.org._id, tenantId);
    if (request) return res.json(requestView(request));
    const departure = await departureOf(db, membership.org._id, tenantId);
    if (!departure) throw notFound('tenant_not_found', 'No such directory (tenant) in your organisation.');
    res.json(departureView(departure));
  });

  /** The signed-in admin's own tenant: which organisation holds it, who else asked for it. */
  api.get('/tenant/ownership', async (req, res) => {
    await requireTenantAdmin(req.principal!);
    res.json(await ownershipOf(db, req.principal!.tenantId));
  });

  api.post('/tenant/detach', async (req, res) => {
    await requireTenantAdmin(req.principal!);
    const { organizationId } = parseInput(detachTenantRequest, req.body);
    const outcome = await detachTenant(deps, req.principal!, organizationId);
    const body: DetachTenantResponse = {
      detached: true,
      organization: outcome.organization,
      integrationsStopped: outcome.integrationsStopped,
      contactPointsRemoved: outcome.removed.contactPoints,
    };
    res.json(body);
  });

  const browser = Router();
  browser.use('/auth/consent', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', consentPageCsp);
    res.setHeader('Cache-Control', 'no-store');
    res.removeHeader('X-Frame-Options');
    // The pages run in the admin pane's dialog: a COOP of their own would cut them off from it.
    res.removeHeader('Cross-Origin-Opener-Policy');
    next();
  });
  browser.get(consentStartPath, startConsent(deps));
  browser.get(consentCallbackPath, consentCallback(deps));
  browser.get(signInCallbackPath, signInCallback(deps));
  browser.use(confirmJoinRoutes(deps));
  browser.get('/auth/consent-result.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'no-cache');
    res.send(consentResultScript);
  });
  return { api, browser };
}
