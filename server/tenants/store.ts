import type { Db } from 'mongodb';
import type { TenantView } from '../../shared/api';
import type { ActorRef } from '../audit/log';
import { workspacesOf } from '../workspaces/store';

/** One Entra directory of an organisation. `_id` is the tenant GUID: a tenant belongs to one organisation only. */
export interface TenantDoc {
  _id: string;
  orgId: string;
  displayName: string | null;
  verifiedDomains: string[];
  registeredAt: Date;
  registeredBy: ActorRef;
  /**
   * True once we know the organisation really speaks for this tenant: it was registered by an
   * admin signed in to it, or that tenant's admin granted consent. Until then its users are not
   * members of the organisation, and another organisation's admin of that very tenant may claim it.
   */
  ownershipProven: boolean;
  consent: {
    state: 'pending' | 'granted' | 'denied';
    at: Date | null;
    by: string | null;
    error: string | null;
  };
}

export const tenants = (db: Db) => db.collection<TenantDoc>('tenants');

export async function getTenant(db: Db, tenantId: string): Promise<TenantDoc | null> {
  return tenants(db).findOne({ _id: tenantId });
}

export async function tenantsOf(db: Db, orgId: string): Promise<TenantDoc[]> {
  return tenants(db).find({ orgId }).sort({ registeredAt: 1 }).toArray();
}

/**
 * Verified domains of every consented tenant and every Google Workspace of the organisation: mail
 * among them is internal.
 */
export async function internalDomainsOf(db: Db, orgId: string): Promise<string[]> {
  const [all, spaces] = await Promise.all([tenantsOf(db, orgId), workspacesOf(db, orgId)]);
  return [
    ...new Set([
      ...all.filter((t) => t.consent.state === 'granted').flatMap((t) => t.verifiedDomains),
      ...spaces.flatMap((w) => w.domains),
    ]),
  ];
}

export function tenantView(t: TenantDoc, counts: Record<string, number>): TenantView {
  return {
    id: t._id,
    displayName: t.displayName,
    verifiedDomains: t.verifiedDomains,
    registeredAt: t.registeredAt.toISOString(),
    registeredBy: t.registeredBy.userPrincipalName,
    consent: {
      state: t.consent.state,
      at: t.consent.at?.toISOString() ?? null,
      by: t.consent.by,
      error: t.consent.error,
    },
    counts,
  };
}
