import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { ActorRef } from '../audit/log';

/**
 * The `state` (and `nonce`) of one Google sign-in round trip for registering a Workspace: binds
 * the answer to the organisation and the admin who started it, and to the domain asked for.
 * Single use, consumed atomically; expiry checked in code.
 */
export interface WorkspaceSignInDoc {
  _id: string;
  orgId: string;
  domain: string;
  nonce: string;
  requestedBy: ActorRef;
  expiresAt: Date;
}

const signIns = (db: Db) => db.collection<WorkspaceSignInDoc>('workspaceSignIns');
const statePattern = /^[A-Za-z0-9_-]{43}$/;

export async function createWorkspaceSignIn(
  db: Db,
  request: { orgId: string; domain: string; requestedBy: ActorRef; ttlMs: number },
): Promise<{ state: string; nonce: string }> {
  const now = new Date();
  await signIns(db).deleteMany({ expiresAt: { $lt: now } });
  const state = randomBytes(32).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  await signIns(db).insertOne({
    _id: state,
    orgId: request.orgId,
    domain: request.domain,
    nonce,
    requestedBy: request.requestedBy,
    expiresAt: new Date(now.getTime() + request.ttlMs),
  });
  return { state, nonce };
}

export async function consumeWorkspaceSignIn(
  db: Db,
  state: string,
): Promise<WorkspaceSignInDoc | 'unknown' | 'expired'> {
  if (!statePattern.test(state)) return 'unknown';
  const request = await signIns(db).findOneAndDelete({ _id: state });
  if (!request) return 'unknown';
  return request.expiresAt.getTime() < Date.now() ? 'expired' : request;
}

/** The open request of a state, without consuming it (the dialog's first page redirects with it). */
export async function findWorkspaceSignIn(db: Db, state: string): Promise<WorkspaceSignInDoc | null> {
  if (!statePattern.test(state)) return null;
  const request = await signIns(db).findOne({ _id: state });
  return request && request.expiresAt.getTime() >= Date.now() ? request : null;
}
