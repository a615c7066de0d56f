import type { Db } from 'mongodb';
import type { TenantView } from '../../shared/api';
import type { ActorRef } from '../audit/log';
import type { TenantRequestDoc } from './join-requests';
import { workspacesOf } from '../workspaces/store';

/**
 * One Entra directory of an organisation. `_id` is the tenant GUID: a tenant belongs to one
 * organisation only, and only after an administrator of that very tenant confirmed it in a
 * signed-in, browser-bound step (tenants/consent-flow.ts). Requests that are not confirmed yet
 * live apart, per organisation (tenants/join-requests.ts), so they lock nothing.
 */
export interface TenantDoc {
  _id: string;
  orgId: string;
  displayName: string | null;
  verifiedDomains: string[];
  registeredAt: Date;
  registeredBy: ActorRef;
  /** The tenant's own administrator who confirmed the joining (null for tenants joined before confirmation existed). */
  confirmedBy?: ActorRef | null;
  confirmedAt?: Date | null;
  /** False only in data written before confirmation existed, for registrations never proven: not members. */
  ownershipProven?: boolean;
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

/** Who counts as the organisation's own people now, whichever provider their directory is at. */
export interface OrganisationDirectories {
  /** Entra tenant IDs and Google Workspace customer IDs: their users are colleagues */
  ids: Set<string>;
  /** verified domains of every consented tenant and the domains of every Workspace: mail among them is internal */
  internalDomains: Set<string>;
}

export async function directoriesOf(db: Db, orgId: string): Promise<OrganisationDirectories> {
  const [all, spaces] = await Promise.all([tenantsOf(db, orgId), workspacesOf(db, orgId)]);
  return {
    ids: new Set([...all.map((t) => t._id), ...spaces.map((w) => w._id)]),
    internalDomains: new Set([...internalDomainsAmong(all), ...spaces.flatMap((w) => w.domains)]),
  };
}

export async function internalDomainsOf(db: Db, orgId: string): Promise<string[]> {
  return [...(await directoriesOf(db, orgId)).internalDomains];
}

export function internalDomainsAmong(all: TenantDoc[]): string[] {
  return [...new Set(all.filter((t) => t.consent.state === 'granted').flatMap((t) => t.verifiedDomains))];
}

export function tenantView(t: TenantDoc, counts: Record<string, number>): TenantView {
  return {
    id: t._id,
    membership: 'confirmed',
    displayName: t.displayName,
    verifiedDomains: t.verifiedDomains,
    registeredAt: t.registeredAt.toISOString(),
    registeredBy: t.registeredBy.userPrincipalName,
    confirmedBy: t.confirmedBy?.userPrincipalName ?? null,
    pendingUntil: null,
    detached: null,
    consent: {
      state: t.consent.state,
      at: t.consent.at?.toISOString() ?? null,
      by: t.consent.by,
      error: t.consent.error,
    },
    counts,
  };
}

/** A requested tenant, as the admin pane lists it until its admin confirms (or the request expires). */
export function requestView(r: TenantRequestDoc): TenantView {
  return {
    id: r.tenantId,
    membership: 'awaiting_confirmation',
    displayName: null,
    verifiedDomains: [],
    registeredAt: r.requestedAt.toISOString(),
    registeredBy: r.requestedBy.userPrincipalName,
    confirmedBy: null,
    pendingUntil: r.expiresAt.toISOString(),
    detached: null,
    consent: {
      state: r.consent.state,
      at: r.consent.at?.toISOString() ?? null,
      by: null,
      error: r.consent.error,
    },
    counts: {},
  };
}
