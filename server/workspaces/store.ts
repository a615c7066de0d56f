import type { Db } from 'mongodb';
import type { WorkspaceView } from '../../shared/workspaces';
import type { ActorRef } from '../audit/log';

/**
 * One Google Workspace (customer) of an organisation. `_id` is the customer ID: a Workspace
 * belongs to one organisation only. It is stored only after one of its admins signed in with
 * Google and the service account, acting as that admin, read the Workspace (delegation proven).
 */
export interface WorkspaceDoc {
  _id: string;
  orgId: string;
  primaryDomain: string;
  domains: string[];
  /** The admin who proved the Workspace; the Directory API is read acting as them. */
  adminEmail: string;
  registeredAt: Date;
  /** The organisation's admin who started the registration. */
  registeredBy: ActorRef;
  /** Delegated scopes the token endpoint still refused when last checked. */
  missingScopes: string[];
}

export const workspaces = (db: Db) => db.collection<WorkspaceDoc>('workspaces');

export function workspacesOf(db: Db, orgId: string): Promise<WorkspaceDoc[]> {
  return workspaces(db).find({ orgId }).sort({ registeredAt: 1 }).toArray();
}

export function workspaceView(w: WorkspaceDoc, counts: Record<string, number>): WorkspaceView {
  return {
    id: w._id,
    primaryDomain: w.primaryDomain,
    domains: w.domains,
    adminEmail: w.adminEmail,
    registeredAt: w.registeredAt.toISOString(),
    registeredBy: w.registeredBy.userPrincipalName,
    missingScopes: w.missingScopes,
    counts,
  };
}
