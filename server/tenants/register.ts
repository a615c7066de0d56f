import type { Db } from 'mongodb';
import { actorOf, recordAudit } from '../audit/log';
import type { Principal } from '../auth/token-validator';
import type { Membership } from '../auth/middleware';
import { conflict, forbidden } from '../http/errors';
import { ensureOrganization, organizationIdFor } from '../organizations/store';
import { getTenant, tenants, type TenantDoc } from './store';

export interface Registration {
  orgId: string;
  created: boolean;
}

/**
 * Adds a directory (tenant) to the caller's organisation, or founds the organisation with the
 * caller's own tenant. Idempotent: registering a tenant the organisation already has changes nothing.
 *
 * A pending registration that nobody has proven (no consent yet, not registered by that tenant's
 * own admin) does not lock the tenant: an admin signed in to that tenant may claim it for their
 * organisation. A proven one belongs to its organisation for good (409 for anyone else).
 */
export async function registerTenant(
  db: Db,
  principal: Principal,
  membership: Membership | null,
  tenantId: string,
): Promise<Registration> {
  const ownAdmin = principal.tenantId === tenantId;
  if (!membership && !ownAdmin) {
    throw forbidden(
      'register_own_tenant_first',
      'Register your own directory first: your tenant is not part of an organisation yet. Sign in as an administrator of the directory you want to start with.',
    );
  }
  const orgId = membership?.org._id ?? organizationIdFor(tenantId);
  const actor = actorOf(principal);

  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await getTenant(db, tenantId);
    if (existing?.orgId === orgId) {
      if (ownAdmin && !existing.ownershipProven)
        await tenants(db).updateOne({ _id: tenantId }, { $set: { ownershipProven: true } });
      return { orgId, created: false };
    }
    if (existing && (existing.ownershipProven || !ownAdmin)) {
      throw conflict(
        'tenant_registered_elsewhere',
        existing.ownershipProven
          ? 'This directory (tenant) already belongs to another organisation.'
          : 'This directory (tenant) is pending in another organisation. An administrator signed in to that directory can claim it.',
      );
    }
    if (!membership) await ensureOrganization(db, orgId, defaultOrganizationName(principal), actor);

    const fresh: Omit<TenantDoc, '_id'> = {
      orgId,
      displayName: null,
      verifiedDomains: [],
      registeredAt: new Date(),
      registeredBy: actor,
      ownershipProven: ownAdmin,
      consent: { state: 'pending', at: null, by: null, error: null },
    };
    if (existing) {
      // Claim an unproven registration; the filter makes a concurrent claim lose cleanly.
      const claimed = await tenants(db).updateOne(
        { _id: tenantId, ownershipProven: false, orgId: existing.orgId },
        { $set: fresh },
      );
      if (claimed.modifiedCount === 0) continue;
    } else {
      try {
        await tenants(db).insertOne({ _id: tenantId, ...fresh });
      } catch (err) {
        if ((err as { code?: number }).code === 11000) continue; // registered concurrently: decide again
        throw err;
      }
    }
    await recordAudit(db, {
      orgId,
      actor,
      action: 'tenant.registered',
      target: { tenantId },
      details: { claimedFrom: existing?.orgId ?? null },
    });
    return { orgId, created: true };
  }
  throw conflict(
    'tenant_registration_conflict',
    'The directory is being registered concurrently; try again.',
  );
}

function defaultOrganizationName(principal: Principal): string {
  const domain = principal.userPrincipalName.split('@')[1];
  return domain ?? principal.tenantId;
}
