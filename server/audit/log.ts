import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { AuditEntry } from '../../shared/api';
import type { Principal } from '../auth/token-validator';

/** Who did something, as recorded: enough to recognise them later even if they leave. */
export interface ActorRef {
  userId: string;
  userPrincipalName: string;
  tenantId: string;
}

export const actorOf = (p: Principal): ActorRef => ({
  userId: p.userId,
  userPrincipalName: p.userPrincipalName,
  tenantId: p.tenantId,
});

export type AuditAction =
  | 'tenant.registered'
  | 'tenant.consent_granted'
  | 'tenant.consent_denied'
  | 'tenant.joined'
  | 'tenant.join_declined'
  | 'tenant.detached'
  | 'workspace.registered'
  | 'workspace.detached'
  | 'activity_management.enabled'
  | 'activity_management.disabled'
  | 'integration.started'
  | 'integration.unlinked'
  | 'integration.retried'
  | 'settings.changed';

export interface AuditDoc {
  _id: string;
  orgId: string;
  at: Date;
  actor: ActorRef;
  action: AuditAction;
  target: { tenantId?: string; userId?: string };
  details: Record<string, unknown>;
}

export const auditLog = (db: Db) => db.collection<AuditDoc>('auditLog');

export async function recordAudit(
  db: Db,
  entry: {
    orgId: string;
    actor: ActorRef;
    action: AuditAction;
    target?: AuditDoc['target'];
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await auditLog(db).insertOne({
    // Time-ordered ids let the audit page by _id alone.
    _id: `${Date.now().toString(36).padStart(9, '0')}-${randomUUID()}`,
    orgId: entry.orgId,
    at: new Date(),
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? {},
    details: entry.details ?? {},
  });
}

const pageSize = 50;

/** Newest first; the cursor is the last entry's id. */
export async function readAudit(
  db: Db,
  orgId: string,
  cursor?: string,
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  const filter = cursor ? { orgId, _id: { $lt: cursor } } : { orgId };
  const docs = await auditLog(db)
    .find(filter)
    .sort({ _id: -1 })
    .limit(pageSize + 1)
    .toArray();
  const page = docs.slice(0, pageSize);
  return {
    entries: page.map((d) => ({
      at: d.at.toISOString(),
      actor: d.actor,
      action: d.action,
      target: d.target,
      details: d.details,
    })),
    nextCursor: docs.length > pageSize ? page[page.length - 1]!._id : null,
  };
}
