import { createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { ActorRef } from '../audit/log';
import type { Locale } from './consent-text';

/**
 * One admin-consent round trip, from the link the admin pane opens to the confirmation. Its `_id`
 * is the OAuth `state`. The flow is bound to the browser that first opens the link (the hash of a
 * random secret in an HttpOnly, Secure, SameSite=Lax cookie), moves forward one step at a time,
 * each step an atomic update that only the bound browser can make, and is consumed at the end;
 * it expires after CONSENT_STATE_TTL_MINUTES (checked in code; a TTL index only cleans up).
 *
 *   issued ──open link──▶ consenting ──Entra admin consent──▶ signing-in ──sign-in of the
 *   tenant's admin──▶ confirming ──"Add … to …" answered──▶ done (kept until it expires, so a
 *   replayed answer is told it was used)
 */

export type FlowStep = 'issued' | 'consenting' | 'signing-in' | 'confirming' | 'done';

export interface ConsentFlowDoc {
  _id: string;
  orgId: string;
  tenantId: string;
  /** The organisation admin who asked (shown on the confirmation page, audited). */
  requestedBy: ActorRef;
  createdAt: Date;
  expiresAt: Date;
  step: FlowStep;
  /** SHA-256 of the browser's secret (cookie), set when the link is first opened. */
  browser: string | null;
  locale: Locale;
  /** PKCE verifier and nonce of the confirming sign-in. */
  signIn: { verifier: string; nonce: string } | null;
  /** The tenant's administrator who signed in to confirm. */
  confirmer: (ActorRef & { name: string }) | null;
}

export const consentFlows = (db: Db) => db.collection<ConsentFlowDoc>('consentRequests');

export const statePattern = /^[A-Za-z0-9_-]{43}$/;
export const browserSecretPattern = /^[A-Za-z0-9_-]{43}$/;

export const newSecret = () => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export async function createFlow(
  db: Db,
  flow: { orgId: string; tenantId: string; requestedBy: ActorRef; ttlMs: number },
): Promise<{ id: string; expiresAt: Date }> {
  const now = new Date();
  await consentFlows(db).deleteMany({ expiresAt: { $lt: now } });
  const id = newSecret();
  const expiresAt = new Date(now.getTime() + flow.ttlMs);
  await consentFlows(db).insertOne({
    _id: id,
    orgId: flow.orgId,
    tenantId: flow.tenantId,
    requestedBy: flow.requestedBy,
    createdAt: now,
    expiresAt,
    step: 'issued',
    browser: null,
    locale: 'en',
    signIn: null,
    confirmer: null,
  });
  return { id, expiresAt };
}

export type FlowProblem = 'unknown' | 'expired' | 'used' | 'other_browser';

/** Why a flow cannot take a step: gone or never issued, expired, past this step, or another browser's. */
async function problemWith(db: Db, id: string, browser: string | null, step: FlowStep): Promise<FlowProblem> {
  const doc = statePattern.test(id) ? await consentFlows(db).findOne({ _id: id }) : null;
  if (!doc) return 'unknown';
  if (doc.step === 'done') return 'used';
  if (doc.expiresAt.getTime() < Date.now()) return 'expired';
  if (doc.step !== step) return 'used';
  return doc.browser !== null && doc.browser !== browser ? 'other_browser' : 'used';
}

/** Binds a freshly issued flow to this browser. Single use: a second opening of the link fails. */
export async function bindBrowser(
  db: Db,
  id: string,
  browserSecret: string,
  locale: Locale,
): Promise<ConsentFlowDoc | FlowProblem> {
  if (!statePattern.test(id)) return 'unknown';
  const bound = await consentFlows(db).findOneAndUpdate(
    { _id: id, step: 'issued', expiresAt: { $gt: new Date() } },
    { $set: { step: 'consenting', browser: hashSecret(browserSecret), locale } },
    { returnDocument: 'after' },
  );
  return bound ?? problemWith(db, id, null, 'issued');
}

/** Moves the flow from one step to the next, for the browser it is bound to. */
export async function advance(
  db: Db,
  id: string,
  browserSecret: string | null,
  from: FlowStep,
  to: FlowStep,
  set: Partial<Pick<ConsentFlowDoc, 'signIn' | 'confirmer'>> = {},
): Promise<ConsentFlowDoc | FlowProblem> {
  const browser = browserSecret ? hashSecret(browserSecret) : null;
  if (!statePattern.test(id) || !browser) return problemWith(db, id, browser, from);
  const moved = await consentFlows(db).findOneAndUpdate(
    { _id: id, step: from, browser, expiresAt: { $gt: new Date() } },
    { $set: { step: to, ...set } },
    { returnDocument: 'after' },
  );
  return moved ?? problemWith(db, id, browser, from);
}

/** Ends the flow at its last step: a second answer is refused as used. */
export async function consume(
  db: Db,
  id: string,
  browserSecret: string | null,
  at: FlowStep,
): Promise<ConsentFlowDoc | FlowProblem> {
  const browser = browserSecret ? hashSecret(browserSecret) : null;
  if (!statePattern.test(id) || !browser) return problemWith(db, id, browser, at);
  const taken = await consentFlows(db).findOneAndUpdate(
    { _id: id, step: at, browser, expiresAt: { $gt: new Date() } },
    { $set: { step: 'done', signIn: null } },
    { returnDocument: 'before' },
  );
  return taken ?? problemWith(db, id, browser, at);
}

/** A flow's locale without a browser check (for messages about a flow that cannot continue). */
export async function flowLocale(db: Db, id: string): Promise<Locale | null> {
  if (!statePattern.test(id)) return null;
  return (await consentFlows(db).findOne({ _id: id }, { projection: { locale: 1 } }))?.locale ?? null;
}
