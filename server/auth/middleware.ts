import type { RequestHandler } from 'express';
import type { Db } from 'mongodb';
import { forbidden } from '../http/errors';
import { getOrganization, settingsOf, type OrganizationDoc } from '../organizations/store';
import { getTenant, type TenantDoc } from '../tenants/store';
import type { DirectoryFacts } from './directory-facts';
import type { AdminStatus, Principal, TokenIdentity, TokenValidator } from './token-validator';

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

/**
 * Admin and guest status: from the token when it says (`roles`/`wids`, `acct`), otherwise from
 * the directory (see DirectoryFacts). Without `acct`, a token whose `idp` names another
 * organisation is a guest's even when the directory cannot be asked.
 */
export async function principalOf(identity: TokenIdentity, directory: DirectoryFacts): Promise<Principal> {
  const directoryGuest =
    identity.guestClaim === null ? await directory.isGuest(identity.tenantId, identity.userId) : null;
  const isGuest = identity.guestClaim ?? directoryGuest ?? identity.foreignIdp !== null;
  let admin: Promise<AdminStatus> | null = null;
  const resolveAdmin = async (): Promise<AdminStatus> => {
    if (identity.adminClaim !== null) return { isAdmin: identity.adminClaim, source: 'token' };
    const found = await directory.isDirectoryAdmin(identity.tenantId, identity.userId);
    return { isAdmin: found === true, source: found === null ? 'unavailable' : 'directory' };
  };
  return { ...identity, isGuest, admin: () => (admin ??= resolveAdmin()) };
}

export function authenticate(validator: TokenValidator, directory: DirectoryFacts): RequestHandler {
  return async (req, res, next) => {
    let identity: TokenIdentity;
    try {
      identity = await validator.validate(req.get('authorization'));
    } catch (err) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return next(err);
    }
    try {
      req.principal = await principalOf(identity, directory);
      next();
    } catch (err) {
      next(err);
    }
  };
}

export type MembershipRefusal = 'not_registered' | 'guest_not_allowed';

/** The caller's membership, or why they have none: their tenant is in no organisation, or they are a refused guest. */
export async function membershipOf(
  db: Db,
  principal: Principal,
): Promise<{ membership: Membership } | { refused: MembershipRefusal }> {
  const tenant = await getTenant(db, principal.tenantId);
  if (!tenant || tenant.ownershipProven === false) return { refused: 'not_registered' };
  const org = await getOrganization(db, tenant.orgId);
  if (!org) return { refused: 'not_registered' };
  // B2B guests get tokens with the inviting tenant's tid: they see nothing unless the organisation allows guests.
  if (principal.isGuest && !settingsOf(org).allowGuests) return { refused: 'guest_not_allowed' };
  return { membership: { org, tenant } };
}

/** The caller's membership, or null when they are not (or may not act as) a member of any organisation. */
export async function resolveMembership(db: Db, principal: Principal): Promise<Membership | null> {
  const result = await membershipOf(db, principal);
  return 'membership' in result ? result.membership : null;
}

export function requireMember(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const result = await membershipOf(db, req.principal!);
    if ('refused' in result) {
      return next(
        result.refused === 'guest_not_allowed'
          ? forbidden(
              'guest_not_allowed',
              'Guest accounts of your directory cannot use Smart Activity Management unless an administrator allows guests in the settings.',
            )
          : forbidden(
              'tenant_not_registered',
              'Your directory (tenant) is not registered with Smart Activity Management. An administrator registers it in the admin pane.',
            ),
      );
    }
    req.membership = result.membership;
    next();
  };
}

export const requireAdmin: RequestHandler = async (req, _res, next) => {
  const status = await req.principal?.admin();
  if (!status?.isAdmin) {
    return next(
      status?.source === 'unavailable'
        ? forbidden(
            'admin_unverified',
            'Your administrator role could not be checked in your directory: its admin has to grant consent to the app (the RoleManagement.Read.Directory permission). The SmartActivity.Admin app role works without it.',
          )
        : forbidden(
            'admin_required',
            'Only administrators (the SmartActivity.Admin role, or a Global or Exchange administrator) may do this.',
          ),
    );
  }
  next();
};
