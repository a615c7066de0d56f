import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { ActorRef } from '../audit/log';

/**
 * The `state` of one admin-consent round trip: proves the answer coming back to our callback
 * belongs to a request we started, for which organisation and tenant. Single use: consumed
 * atomically. Expiry is checked in code (a TTL index, where the server has one, only cleans up).
 */
export interface ConsentRequestDoc {
  _id: string;
  orgId: string;
  tenantId: string;
  requestedBy: ActorRef;
  createdAt: Date;
  expiresAt: Date;
}

const consentRequests = (db: Db) => db.collection<ConsentRequestDoc>('consentRequests');

export const statePattern = /^[A-Za-z0-9_-]{43}$/;

export async function createConsentRequest(
  db: Db,
  request: { orgId: string; tenantId: string; requestedBy: ActorRef; ttlMs: number },
): Promise<string> {
  const now = new Date();
  await consentRequests(db).deleteMany({ expiresAt: { $lt: now } });
  const state = randomBytes(32).toString('base64url');
  await consentRequests(db).insertOne({
    _id: state,
    orgId: request.orgId,
    tenantId: request.tenantId,
    requestedBy: request.requestedBy,
    createdAt: now,
    expiresAt: new Date(now.getTime() + request.ttlMs),
  });
  return state;
}

/** Takes the request out of the store; a second use of the same state finds nothing. */
export async function consumeConsentRequest(
  db: Db,
  state: string,
): Promise<ConsentRequestDoc | 'unknown' | 'expired'> {
  if (!statePattern.test(state)) return 'unknown';
  const request = await consentRequests(db).findOneAndDelete({ _id: state });
  if (!request) return 'unknown';
  return request.expiresAt.getTime() < Date.now() ? 'expired' : request;
}
