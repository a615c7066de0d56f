import type { Db } from 'mongodb';
import { actorOf, recordAudit, type ActorRef } from '../audit/log';
import type { Membership } from '../auth/middleware';
import type { Principal } from '../auth/token-validator';
import { conflict, forbidden } from '../http/errors';
import { organizationIdFor } from '../organizations/store';
import { getTenant } from './store';

/**
 * Requests of organisations to add a tenant, one per (organisation, tenant). A request decides
 * nothing: the tenant joins whichever organisation its own administrator confirms in the signed-in
 * consent flow, so a request by one organisation never blocks another (nobody can squat a tenant
 * ID), and a request nobody confirms simply expires with its consent link.
 */
export interface TenantRequestDoc {
  _id: string; // {orgId}|{tenantId}
  orgId: string;
  tenantId: string;
  requestedBy: ActorRef;
  requestedAt: Date;
  expiresAt: Date;
  /** Denied: the admin cancelled Entra's consent; the request stays visible with the reason until it expires. */
  consent: { state: 'pending' | 'denied'; at: Date | null; error: string | null };
}

export const tenantRequests = (db: Db) => db.collection<TenantRequestDoc>('tenantRequests');

export const tenantRequestId = (orgId: string, tenantId: string) => `${orgId}|${tenantId}`;

export interface JoinRequest {
  orgId: string;
  /** A new request, or a renewed one (the tenant is pending or already belongs to the organisation). */
  created: boolean;
  /** The tenant already belongs to the organisation: the flow only refreshes its consent. */
  member: boolean;
}

/**
 * Asks for a tenant to join the caller's organisation, or to found one with the caller's own
 * tenant. Organisation admins may request any tenant; someone whose tenant is in no organisation
 * may only request their own (its confirming sign-in then decides whether they are its admin).
 */
export async function requestJoin(
  db: Db,
  principal: Principal,
  membership: Membership | null,
  tenantId: string,
  ttlMs: number,
): Promise<JoinRequest> {
  if (!membership && principal.tenantId !== tenantId) {
    throw forbidden(
      'register_own_tenant_first',
      'Register your own directory first: your tenant is not part of an organisation yet. Sign in as an administrator of the directory you want to start with.',
    );
  }
  const orgId = membership?.org._id ?? organizationIdFor(tenantId);
  const existing = await getTenant(db, tenantId);
  if (existing && existing.orgId !== orgId && existing.ownershipProven !== false) {
    throw conflict(
      'tenant_registered_elsewhere',
      'This directory (tenant) already belongs to another organisation. Only an administrator of that directory can detach it.',
    );
  }
  await sweepExpiredRequests(db);
  const now = new Date();
  const requestedBy = actorOf(principal);
  const before = await tenantRequests(db).findOneAndUpdate(
    { _id: tenantRequestId(orgId, tenantId) },
    {
      $set: {
        orgId,
        tenantId,
        requestedBy,
        requestedAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
        consent: { state: 'pending', at: null, error: null },
      },
    },
    { upsert: true, returnDocument: 'before' },
  );
  const member = existing?.orgId === orgId;
  const created = !member && (!before || before.expiresAt < now);
  if (created) {
    await recordAudit(db, { orgId, actor: requestedBy, action: 'tenant.registered', target: { tenantId } });
  }
  return { orgId, created, member };
}

/** The organisation's open requests (expired ones are left out; they are swept with new requests). */
export async function openRequests(db: Db, orgId: string): Promise<TenantRequestDoc[]> {
  const now = new Date();
  const all = await tenantRequests(db).find({ orgId }).toArray();
  return all.filter((r) => r.expiresAt > now);
}

export async function openRequest(db: Db, orgId: string, tenantId: string): Promise<TenantRequestDoc | null> {
  const request = await tenantRequests(db).findOne({ _id: tenantRequestId(orgId, tenantId) });
  return request && request.expiresAt > new Date() ? request : null;
}

/** Other organisations' open requests for a tenant, for its own admin to see. A small collection: scanned. */
export async function requestsForTenant(db: Db, tenantId: string): Promise<TenantRequestDoc[]> {
  const now = new Date();
  return (await tenantRequests(db).find({ tenantId }).toArray()).filter((r) => r.expiresAt > now);
}

export async function markRequestDenied(
  db: Db,
  orgId: string,
  tenantId: string,
  reason: string,
): Promise<void> {
  await tenantRequests(db).updateOne(
    { _id: tenantRequestId(orgId, tenantId) },
    { $set: { consent: { state: 'denied', at: new Date(), error: reason } } },
  );
}

export async function closeRequest(db: Db, orgId: string, tenantId: string): Promise<void> {
  await tenantRequests(db).deleteOne({ _id: tenantRequestId(orgId, tenantId) });
}

/** Drops long-expired requests; called now and then (a TTL index, where the server has one, does it too). */
export async function sweepExpiredRequests(db: Db): Promise<void> {
  await tenantRequests(db).deleteMany({ expiresAt: { $lt: new Date(Date.now() - 24 * 3600_000) } });
}
