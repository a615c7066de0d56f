import type { Db } from 'mongodb';
import type { TenantView } from '../../shared/api';
import type { ActorRef } from '../audit/log';
import type { TenantDoc } from './store';

/**
 * Tenants their own administrators took back from an organisation, kept per (organisation, tenant)
 * so the organisation's admins see that the directory left, when and by whose decision, instead of
 * it silently vanishing from their list. The record decides nothing: it goes when the tenant joins
 * that organisation again. A small collection.
 */
export interface TenantDepartureDoc {
  _id: string; // {orgId}|{tenantId}
  orgId: string;
  tenantId: string;
  displayName: string | null;
  verifiedDomains: string[];
  registeredAt: Date;
  registeredBy: ActorRef;
  confirmedBy: ActorRef | null;
  detachedAt: Date;
  detachedBy: ActorRef;
}

export const tenantDepartures = (db: Db) => db.collection<TenantDepartureDoc>('tenantDepartures');

const departureId = (orgId: string, tenantId: string) => `${orgId}|${tenantId}`;

/** Written before the tenant leaves, keyed by (organisation, tenant): a repeated detach rewrites it. */
export async function recordDeparture(db: Db, tenant: TenantDoc, detachedBy: ActorRef): Promise<void> {
  const doc: TenantDepartureDoc = {
    _id: departureId(tenant.orgId, tenant._id),
    orgId: tenant.orgId,
    tenantId: tenant._id,
    displayName: tenant.displayName,
    verifiedDomains: tenant.verifiedDomains,
    registeredAt: tenant.registeredAt,
    registeredBy: tenant.registeredBy,
    confirmedBy: tenant.confirmedBy ?? null,
    detachedAt: new Date(),
    detachedBy,
  };
  await tenantDepartures(db).replaceOne({ _id: doc._id }, doc, { upsert: true });
}

export async function departuresOf(db: Db, orgId: string): Promise<TenantDepartureDoc[]> {
  return tenantDepartures(db).find({ orgId }).sort({ detachedAt: 1 }).toArray();
}

export async function departureOf(
  db: Db,
  orgId: string,
  tenantId: string,
): Promise<TenantDepartureDoc | null> {
  return tenantDepartures(db).findOne({ _id: departureId(orgId, tenantId) });
}

/** The tenant is back in the organisation: it no longer shows as detached there. */
export async function forgetDeparture(db: Db, orgId: string, tenantId: string): Promise<void> {
  await tenantDepartures(db).deleteOne({ _id: departureId(orgId, tenantId) });
}

export function departureView(d: TenantDepartureDoc): TenantView {
  return {
    id: d.tenantId,
    membership: 'detached',
    displayName: d.displayName,
    verifiedDomains: d.verifiedDomains,
    registeredAt: d.registeredAt.toISOString(),
    registeredBy: d.registeredBy.userPrincipalName,
    confirmedBy: d.confirmedBy?.userPrincipalName ?? null,
    pendingUntil: null,
    detached: { at: d.detachedAt.toISOString(), by: d.detachedBy.userPrincipalName },
    consent: { state: 'pending', at: null, by: null, error: null },
    counts: {},
  };
}
