import { gmail, type gmail_v1 } from '@googleapis/gmail';
import type { MailMessage } from '../../extraction/message';
import { graphThrottleWait } from '../../observability/metrics';
import {
  DriverError,
  type ChangesPage,
  type MailboxDriver,
  type MessageBody,
  type SubscriptionInfo,
  type SyncedFolder,
} from '../../sync/driver';
import { backoffMs, Semaphore, sleep } from '../../sync/limits';
import type { GoogleSettings, ServiceAccount } from './config';
import { DelegatedCredentials, gmailReadScope } from './credentials';
import { classifyGoogleFailure } from './error-table';
import { describeGoogleFailure, failureFromBody, type GoogleErrorBody, type GoogleFailure } from './failures';
import { postBatch } from './gmail-batch';
import { bodyOf, metadataHeaders, toMailMessage } from './gmail-message';

/** The Gmail labels of the folders the sync reads. */
const labelOf: Record<SyncedFolder, string> = { inbox: 'INBOX', sentitems: 'SENT' };
/** Calls per batch: Gmail allows 100 but advises 50 at most, to stay clear of rate limiting. */
const batchSize = 50;
const concurrency = 4;

export interface GmailDriverOptions {
  pageSize: number;
  /** Longest total wait for backoff on one request before giving the job back. */
  maxThrottleWaitMs: number;
}

/**
 * Where a folder's reading stands. A full pass lists the label page by page and remembers the
 * mailbox's historyId from before it started; after it, history.list continues from there.
 */
type GmailCursor =
  | { kind: 'list'; historyId: string; pageToken: string | null }
  | { kind: 'history'; historyId: string; pageToken: string | null };

const encode = (c: GmailCursor) => `gmail:${c.kind}:${c.historyId}:${c.pageToken ?? ''}`;

function decode(cursor: string): GmailCursor | null {
  const [prefix, kind, historyId, ...token] = cursor.split(':');
  if (prefix !== 'gmail' || (kind !== 'list' && kind !== 'history') || !/^\d{1,20}$/.test(historyId ?? ''))
    return null;
  return { kind, historyId: historyId!, pageToken: token.join(':') || null };
}

/**
 * One Gmail mailbox through the Gmail API, as the service account acting for the mailbox's owner
 * (domain-wide delegation): labels INBOX and SENT read by messages.list, then history.list from
 * the stored historyId; message headers through batched messages.get (format=metadata), bodies
 * (format=full) only when a signature is wanted. Quota answers (429, 403 rateLimitExceeded /
 * userRateLimitExceeded) and Google's 5xx are waited out with backoff; every other failure leaves
 * as a DriverError classified by Google's error table.
 */
export class GmailMailboxDriver implements MailboxDriver {
  readonly pushNotifications = false;
  private readonly gate = new Semaphore(concurrency);
  private readonly credentials: DelegatedCredentials;
  private readonly api: gmail_v1.Gmail;

  constructor(
    private readonly settings: GoogleSettings,
    account: ServiceAccount,
    /** The mailbox owner's primary email: the user the service account acts for. */
    user: string,
    private readonly options: GmailDriverOptions,
  ) {
    this.credentials = new DelegatedCredentials(settings, account, user, [gmailReadScope]);
    this.api = gmail({
      version: 'v1',
      auth: this.credentials,
      ...(settings.apiRootUrl ? { rootUrl: settings.apiRootUrl } : {}),
      retry: false,
      fetchImplementation: fetch,
    });
  }

  private get batchUrl(): string {
    return `${this.settings.apiRootUrl ?? 'https://www.googleapis.com/'}batch/gmail/v1`;
  }

  async readChanges(folder: SyncedFolder, cursor: string | null, signal: AbortSignal): Promise<ChangesPage> {
    const position = cursor ? decode(cursor) : null;
    if (cursor && !position) {
      throw new DriverError(
        { kind: 'resync' },
        {
          code: null,
          httpStatus: null,
          message: 'stored cursor is not a Gmail position',
          retryAfterMs: null,
        },
      );
    }
    const label = labelOf[folder];
    if (!position || position.kind === 'list') {
      // The historyId is taken before listing, so mail arriving meanwhile is read by history later.
      const historyId =
        position?.historyId ??
        String(
          (await this.call(signal, 'other', () => this.api.users.getProfile({ userId: 'me' }, { signal })))
            .data.historyId,
        );
      const listed = await this.call(signal, 'other', () =>
        this.api.users.messages.list(
          {
            userId: 'me',
            labelIds: [label],
            maxResults: this.options.pageSize,
            includeSpamTrash: false,
            ...(position?.pageToken ? { pageToken: position.pageToken } : {}),
          },
          { signal },
        ),
      );
      const ids = (listed.data.messages ?? []).map((m) => m.id!).filter(Boolean);
      const messages = await this.readMetadata(ids, signal);
      const next = listed.data.nextPageToken;
      return next
        ? { messages, next: { kind: 'more', cursor: encode({ kind: 'list', historyId, pageToken: next }) } }
        : {
            messages,
            next: { kind: 'done', cursor: encode({ kind: 'history', historyId, pageToken: null }) },
          };
    }
    const page = await this.call(signal, 'history', () =>
      this.api.users.history.list(
        {
          userId: 'me',
          startHistoryId: position.historyId,
          labelId: label,
          historyTypes: ['messageAdded', 'labelAdded'],
          maxResults: this.options.pageSize,
          ...(position.pageToken ? { pageToken: position.pageToken } : {}),
        },
        { signal },
      ),
    );
    const ids = new Set<string>();
    for (const record of page.data.history ?? []) {
      for (const added of record.messagesAdded ?? []) if (added.message?.id) ids.add(added.message.id);
      for (const added of record.labelsAdded ?? [])
        if (added.message?.id && added.labelIds?.includes(label)) ids.add(added.message.id);
    }
    // Messages added and deleted since are gone (404): contact points are never deleted anyway.
    const messages = (await this.readMetadata([...ids], signal)).filter((m) => m.labelIds.includes(label));
    const next = page.data.nextPageToken;
    const latest = String(page.data.historyId ?? position.historyId);
    return next
      ? {
          messages,
          next: {
            kind: 'more',
            cursor: encode({ kind: 'history', historyId: position.historyId, pageToken: next }),
          },
        }
      : {
          messages,
          next: { kind: 'done', cursor: encode({ kind: 'history', historyId: latest, pageToken: null }) },
        };
  }

  async readBodies(messageIds: string[], signal: AbortSignal): Promise<Map<string, MessageBody>> {
    const bodies = new Map<string, MessageBody>();
    const { read } = await this.getMessages(messageIds, 'format=full', signal);
    for (const [id, message] of read) bodies.set(id, bodyOf(message));
    return bodies;
  }

  async readHeaders(messageIds: string[], signal: AbortSignal): Promise<Map<string, Record<string, string>>> {
    const headers = new Map<string, Record<string, string>>();
    const { read } = await this.getMessages(messageIds, metadataQuery, signal);
    for (const [id, message] of read) headers.set(id, toMailMessage(message).headers ?? {});
    return headers;
  }

  subscribe(): Promise<SubscriptionInfo> {
    return Promise.reject(
      new Error('Gmail push notifications (Cloud Pub/Sub) are not used: Gmail mailboxes are polled'),
    );
  }

  renewSubscription(): Promise<SubscriptionInfo> {
    return this.subscribe();
  }

  async unsubscribe(): Promise<void> {}

  /**
   * Headers of every listed message. A message gone since it was listed (404) is left out; one
   * that could not be read in the wait budget fails the page, so its cursor is not saved.
   */
  private async readMetadata(
    ids: string[],
    signal: AbortSignal,
  ): Promise<Array<MailMessage & { labelIds: string[] }>> {
    const { read, failed } = await this.getMessages(ids, metadataQuery, signal);
    if (failed) {
      const outcome = classifyGoogleFailure(failed);
      throw new DriverError(outcome, {
        code: failed.code,
        httpStatus: failed.httpStatus,
        message: failed.message,
        retryAfterMs: failed.retryAfterMs,
      });
    }
    return ids
      .filter((id) => read.has(id))
      .map((id) => ({ ...toMailMessage(read.get(id)!), labelIds: read.get(id)!.labelIds ?? [] }));
  }

  /**
   * messages.get for each id through the batch endpoint. Calls answered with quota errors are
   * asked again after backoff while the wait budget lasts; 404s are gone; anything else (or a
   * call still throttled when the budget runs out) is reported as `failed`.
   */
  private async getMessages(
    messageIds: string[],
    query: string,
    signal: AbortSignal,
  ): Promise<{ read: Map<string, gmail_v1.Schema$Message>; failed: GoogleFailure | null }> {
    const read = new Map<string, gmail_v1.Schema$Message>();
    let pending = [...new Set(messageIds)];
    let permanent: GoogleFailure | null = null;
    let throttled: GoogleFailure | null = null;
    let waited = 0;
    for (let round = 0; pending.length > 0; round++) {
      const again: string[] = [];
      let retryAfterMs = 0;
      throttled = null;
      const chunks: string[][] = [];
      for (let i = 0; i < pending.length; i += batchSize) chunks.push(pending.slice(i, i + batchSize));
      await Promise.all(
        chunks.map(async (chunk) => {
          const answers = await this.call(signal, 'other', async () => {
            const token = (await this.credentials.getAccessToken()).token!;
            return postBatch(
              this.batchUrl,
              token,
              chunk.map((id) => `/gmail/v1/users/me/messages/${encodeURIComponent(id)}?${query}`),
              signal,
            );
          });
          chunk.forEach((id, n) => {
            const answer = answers.get(n);
            if (answer?.status === 200 && answer.body) {
              read.set(id, answer.body as gmail_v1.Schema$Message);
              return;
            }
            if (answer?.status === 404) return; // deleted since it was listed
            const failure = answer
              ? failureFromBody(
                  answer.status,
                  answer.body as GoogleErrorBody,
                  answer.headers['retry-after'] ?? null,
                )
              : failureFromBody(502, null, null);
            if (classifyGoogleFailure(failure).kind === 'throttled' || !answer) {
              again.push(id);
              retryAfterMs = Math.max(retryAfterMs, failure.retryAfterMs ?? 0);
              throttled ??= failure;
            } else permanent ??= failure;
          });
        }),
      );
      if (again.length === 0) break;
      const wait = retryAfterMs || backoffMs(round, 1_000, 30_000);
      if (waited + wait > this.options.maxThrottleWaitMs) break;
      waited += wait;
      graphThrottleWait.inc(wait / 1000);
      await sleep(wait, signal);
      pending = again;
    }
    return { read, failed: permanent ?? throttled };
  }

  /** One request under the mailbox's concurrency limit, waiting out quota errors and Google's 5xx. */
  private async call<T>(
    signal: AbortSignal,
    operation: GoogleFailure['operation'],
    request: () => Promise<T>,
  ): Promise<T> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      signal.throwIfAborted();
      try {
        return await this.gate.run(request);
      } catch (err) {
        if (signal.aborted) throw err;
        const failure = describeGoogleFailure(err, operation);
        const outcome = classifyGoogleFailure(failure);
        const detail = {
          code: failure.code,
          httpStatus: failure.httpStatus,
          message: failure.message,
          retryAfterMs: failure.retryAfterMs,
        };
        const transientNetwork = failure.source === 'network' && attempt < 3;
        if (outcome.kind !== 'throttled' && !transientNetwork) throw new DriverError(outcome, detail);
        // Gmail's quota answers carry no Retry-After: exponential backoff, as its guide advises.
        const wait = failure.retryAfterMs ?? backoffMs(attempt, 1_000, 32_000);
        if (waited + wait > this.options.maxThrottleWaitMs) throw new DriverError(outcome, detail);
        waited += wait;
        graphThrottleWait.inc(wait / 1000);
        await sleep(wait, signal);
      }
    }
  }
}

const metadataQuery = `format=metadata&${metadataHeaders.map((h) => `metadataHeaders=${encodeURIComponent(h)}`).join('&')}`;
