import type { RequestHandler } from 'express';
import type { Db } from 'mongodb';
import { forbidden } from '../http/errors';
import { getOrganization, type OrganizationDoc } from '../organizations/store';
import { getTenant, type TenantDoc } from '../tenants/store';
import type { Principal, TokenValidator } from './token-validator';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    membership?: Membership;
  }
}

/** The organisation the caller belongs to, through their own tenant. Never from a request parameter. */
export interface Membership {
  org: OrganizationDoc;
  tenant: TenantDoc;
}

export function authenticate(validator: TokenValidator): RequestHandler {
  return async (req, res, next) => {
    try {
      req.principal = await validator.validate(req.get('authorization'));
      next();
    } catch (err) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      next(err);
    }
  };
}

/** The caller's membership, or null when their tenant is not (provably) part of any organisation. */
export async function resolveMembership(db: Db, principal: Principal): Promise<Membership | null> {
  const tenant = await getTenant(db, principal.tenantId);
  if (!tenant || !tenant.ownershipProven) return null;
  const org = await getOrganization(db, tenant.orgId);
  return org ? { org, tenant } : null;
}

export function requireMember(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const membership = await resolveMembership(db, req.principal!);
    if (!membership) {
      return next(
        forbidden(
          'tenant_not_registered',
          'Your directory (tenant) is not registered with Smart Activity Management. An administrator registers it in the admin pane.',
        ),
      );
    }
    req.membership = membership;
    next();
  };
}

export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (!req.principal?.isAdmin) {
    return next(
      forbidden(
        'admin_required',
        'Only administrators (the SmartActivity.Admin role, or a Global or Exchange administrator) may do this.',
      ),
    );
  }
  next();
};
