import type { Request } from 'express';
import type { DirectoryUser } from '../scenario/directory';
import { FOLDERS, type FolderName, type MessageRef } from '../scenario/mailbox';
import { Rng } from '../scenario/prng';
import { trafficOf } from '../graph/throttle';
import type { EmulatorState } from '../state';
import { GoogleApiError, insufficientScopes, invalidArgument, notFound } from './errors';
import {
  currentHistoryId,
  folderOfLabel,
  gmailIdOf,
  gmailMessage,
  historyBase,
  labelOfFolder,
  refOfGmailId,
  threadIdOf,
  type Format,
} from './gmail-messages';
import { accessGrantOf, workspaceUser } from './oauth';

/**
 * The Gmail API v1 calls the product makes, each answered as one request of `users/{userId}/…`:
 * getProfile, messages.list, messages.get and history.list. One function per call so the batch
 * endpoint runs exactly the same code for each of its parts.
 */

const readScopes = [
  'https://mail.google.com/',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/gmail.readonly',
];
const metadataScope = 'https://www.googleapis.com/auth/gmail.metadata';
/** Quota units per method (Gmail API "Usage limits"). */
const units = { getProfile: 1, 'messages.list': 5, 'messages.get': 5, 'history.list': 2 } as const;
const faultRng = new Rng(20240502);

export interface GmailCall {
  method: keyof typeof units;
  userKey: string;
  messageId?: string;
  query: Record<string, string | string[]>;
  authorization: string | undefined;
}

export interface GmailAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The connection is dropped without an answer (fault injection). */
  drop?: boolean;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function pageSize(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw invalidArgument(`Invalid value for maxResults: ${value}`);
  return Math.min(n, 500);
}

/** Per-user rate limit: units spent over the last 60 seconds. */
function spend(state: EmulatorState, user: DirectoryUser, cost: number): void {
  const second = Math.floor(Date.now() / 1000);
  const spent = (state.google.usage.get(user.id) ?? []).filter(([s]) => s > second - 60);
  const total = spent.reduce((n, [, u]) => n + u, 0);
  const traffic = trafficOf(state, state.google.serviceAccount.clientId, user.id);
  traffic.requests++;
  if (total + cost > state.google.limits.unitsPerUserMinute) {
    traffic.throttled++;
    throw new GoogleApiError(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded', 'usageLimits');
  }
  const last = spent[spent.length - 1];
  if (last && last[0] === second) last[1] += cost;
  else spent.push([second, cost]);
  state.google.usage.set(user.id, spent);
}

/** Injected trouble (PUT /_emulator/faults), in Gmail's words. */
async function fault(state: EmulatorState, user: DirectoryUser): Promise<'drop' | null> {
  const faults = state.faults;
  if (!faults || (faults.mailboxes && !faults.mailboxes.includes(user.id))) return null;
  if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
  const roll = faultRng.next();
  const drop = faults.rateDrop ?? 0;
  const r429 = faults.rate429 ?? 0;
  const r503 = faults.rate503 ?? 0;
  if (roll < drop) return 'drop';
  if (roll < drop + r429) {
    trafficOf(state, state.google.serviceAccount.clientId, user.id).throttled++;
    throw new GoogleApiError(
      429,
      'rateLimitExceeded',
      'Too many concurrent requests for user',
      'usageLimits',
    );
  }
  if (roll < drop + r429 + r503) throw new GoogleApiError(503, 'backendError', 'Backend Error');
  return null;
}

export async function gmailCall(state: EmulatorState, call: GmailCall): Promise<GmailAnswer> {
  try {
    const grant = accessGrantOf(state, { headers: { authorization: call.authorization } } as Request);
    const user = workspaceUser(state, grant.userId)!;
    const named = call.userKey === 'me' ? user : workspaceUser(state, call.userKey);
    if (!named || named.id !== user.id)
      throw new GoogleApiError(403, 'forbidden', `Delegation denied for ${user.mail}`);
    const format = (one(call.query.format) ?? 'full') as Format;
    const full = call.method === 'messages.get' && format === 'full';
    const allowed = [...readScopes, ...(full ? [] : [metadataScope])];
    if (!allowed.some((s) => grant.scopes.has(s))) throw insufficientScopes();
    if (user.plantedError === 'no-gmail')
      throw new GoogleApiError(
        400,
        'failedPrecondition',
        'Mail service not enabled',
        'global',
        'FAILED_PRECONDITION',
      );
    if (user.plantedError === 'suspended')
      throw new GoogleApiError(
        400,
        'failedPrecondition',
        'Precondition check failed.',
        'global',
        'FAILED_PRECONDITION',
      );
    if ((await fault(state, user)) === 'drop') return { status: 0, body: null, drop: true };
    spend(state, user, units[call.method]);
    return { status: 200, body: answer(state, user, call, format) };
  } catch (err) {
    if (err instanceof GoogleApiError) return { status: err.status, body: err.body, headers: err.headers };
    throw err;
  }
}

function answer(state: EmulatorState, user: DirectoryUser, call: GmailCall, format: Format): unknown {
  const mailbox = state.mailbox(user);
  switch (call.method) {
    case 'getProfile':
      return {
        emailAddress: user.mail,
        messagesTotal: FOLDERS.reduce((n, f) => n + mailbox.count(f), 0),
        threadsTotal: FOLDERS.reduce((n, f) => n + mailbox.count(f), 0),
        historyId: String(currentHistoryId(mailbox)),
      };
    case 'messages.get': {
      const ref = refOfGmailId(mailbox, call.messageId ?? '');
      if (!ref) throw notFound();
      if (!['full', 'metadata', 'minimal'].includes(format))
        throw invalidArgument(`Invalid format: ${format}`);
      return gmailMessage(mailbox, ref, format, many(call.query.metadataHeaders));
    }
    case 'messages.list': {
      const labels = many(call.query.labelIds);
      const folders: FolderName[] =
        labels.length > 0 ? labels.map((l) => folderOfLabel[l]!).filter(Boolean) : FOLDERS;
      if (labels.length > 0 && folders.length !== labels.length) return { resultSizeEstimate: 0 };
      // Newest first, as Gmail lists.
      const entries: Array<[number, MessageRef]> = [];
      for (const folder of new Set(folders))
        for (const [position, ref] of mailbox.refs(folder)) {
          if (mailbox.deleted.has(mailbox.idOf(ref))) continue;
          entries.push([mailbox.receivedAt(ref, folder, position), ref]);
        }
      entries.sort((a, b) => b[0] - a[0]);
      const size = pageSize(one(call.query.maxResults), 100);
      const offset = decodePageToken(one(call.query.pageToken));
      const page = entries.slice(offset, offset + size);
      return {
        messages: page.map(([, ref]) => ({
          id: gmailIdOf(mailbox, ref),
          threadId: threadIdOf(mailbox.message(ref).conversationId),
        })),
        ...(offset + size < entries.length ? { nextPageToken: encodePageToken(offset + size) } : {}),
        resultSizeEstimate: entries.length,
      };
    }
    case 'history.list': {
      const start = Number(one(call.query.startHistoryId));
      if (!Number.isSafeInteger(start) || start <= 0) throw invalidArgument('Invalid startHistoryId');
      // History older than the mailbox keeps: 404, and the client must sync fully (sync guide).
      if (start < historyBase(mailbox)) throw notFound();
      const label = one(call.query.labelId);
      const folder = label ? folderOfLabel[label] : undefined;
      const types = many(call.query.historyTypes);
      const records = mailbox.changes
        .filter((c) => historyBase(mailbox) + c.seq > start && (!label || c.folder === folder))
        .filter((c) => c.type === 'created' || c.type === 'deleted')
        .filter(
          (c) =>
            types.length === 0 || types.includes(c.type === 'created' ? 'messageAdded' : 'messageDeleted'),
        );
      const size = pageSize(one(call.query.maxResults), 100);
      const offset = decodePageToken(one(call.query.pageToken));
      const page = records.slice(offset, offset + size);
      return {
        history: page.map((c) => {
          const ref = mailbox.refOf(c.id)!;
          const message = {
            id: gmailIdOf(mailbox, ref),
            threadId: threadIdOf(mailbox.message(ref).conversationId),
            labelIds: [labelOfFolder[c.folder]],
          };
          return {
            id: String(historyBase(mailbox) + c.seq),
            messages: [{ id: message.id, threadId: message.threadId }],
            ...(c.type === 'created' ? { messagesAdded: [{ message }] } : { messagesDeleted: [{ message }] }),
          };
        }),
        ...(offset + size < records.length ? { nextPageToken: encodePageToken(offset + size) } : {}),
        historyId: String(currentHistoryId(mailbox)),
      };
    }
  }
}

function encodePageToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match) throw invalidArgument('Invalid pageToken');
  return Number(match[1]);
}

/** `GET /gmail/v1/users/{userId}/…` → the call it names, or null. */
export function gmailCallOf(
  path: string,
  query: Record<string, string | string[]>,
  authorization: string | undefined,
): GmailCall | null {
  const m = /^\/gmail\/v1\/users\/([^/]+)\/(profile|messages|history)(?:\/([^/]+))?$/.exec(path);
  if (!m) return null;
  const userKey = decodeURIComponent(m[1]!);
  if (m[2] === 'profile' && !m[3]) return { method: 'getProfile', userKey, query, authorization };
  if (m[2] === 'history' && !m[3]) return { method: 'history.list', userKey, query, authorization };
  if (m[2] === 'messages')
    return m[3]
      ? { method: 'messages.get', userKey, messageId: decodeURIComponent(m[3]), query, authorization }
      : { method: 'messages.list', userKey, query, authorization };
  return null;
}
