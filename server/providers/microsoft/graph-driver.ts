import type { Client } from '@microsoft/microsoft-graph-client';
import type { MailFolder, Message, Recipient } from '@microsoft/microsoft-graph-types';
import type { MailAddress, MailMessage } from '../../extraction/message';
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
import type { RequestBudget } from '../../sync/request-budget';
import { classifyFailure } from './error-table';
import { describeFailure } from './failures';
import { readMessages, type BatchItemResponse, type MessageReads } from './message-reads';

/** Graph allows 4 concurrent requests per app and mailbox. */
export const mailboxConcurrency = 4;

const selectFields = [
  'id',
  'internetMessageId',
  'conversationId',
  'subject',
  'from',
  'sender',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'receivedDateTime',
  'sentDateTime',
  'isDraft',
  'internetMessageHeaders',
].join(',');

const interestingHeaders = new Set(['list-id', 'list-unsubscribe', 'precedence', 'auto-submitted']);

/** The headers that tell list and automated mail, or null when Graph returned none at all. */
function interesting(headers: Message['internetMessageHeaders']): Record<string, string> | null {
  if (!headers) return null;
  const found: Record<string, string> = {};
  for (const h of headers) {
    const name = h.name?.toLowerCase();
    if (name && interestingHeaders.has(name) && h.value) found[name] = h.value;
  }
  return found;
}

function address(r: Recipient | null | undefined): MailAddress | null {
  const a = r?.emailAddress;
  return a?.address ? { address: a.address, name: a.name ?? '' } : null;
}

function toMailMessage(m: Message): MailMessage {
  const list = (rs: Recipient[] | null | undefined) =>
    (rs ?? []).map(address).filter((a): a is MailAddress => a !== null);
  return {
    id: String(m.id),
    internetMessageId: m.internetMessageId ?? null,
    conversationId: m.conversationId ?? null,
    subject: m.subject ?? null,
    from: address(m.from) ?? address(m.sender),
    to: list(m.toRecipients),
    cc: list(m.ccRecipients),
    bcc: list(m.bccRecipients),
    receivedAt: m.receivedDateTime ?? null,
    sentAt: m.sentDateTime ?? null,
    isDraft: m.isDraft === true,
    // Whether delta returns internetMessageHeaders is not settled by Graph's documentation.
    headers: interesting(m.internetMessageHeaders),
  };
}

export interface GraphDriverOptions {
  graphBaseUrl: string;
  pageSize: number;
  /** Longest total wait for Retry-After/backoff on one request before giving the job back. */
  maxThrottleWaitMs: number;
  /** Graph's request limits shared with every other worker; every attempt spends from it. */
  budget?: RequestBudget;
}

/**
 * One mailbox through Microsoft Graph: delta queries on the synced folders, bodies through JSON
 * batching, change-notification subscriptions. Every request goes through one semaphore of 4 (the
 * per-mailbox limit), waits out 429/503/504 with Retry-After or jittered backoff, and leaves as a
 * DriverError classified by the error table.
 */
export class GraphMailboxDriver implements MailboxDriver {
  private readonly gate = new Semaphore(mailboxConcurrency);

  constructor(
    private readonly client: Client,
    private readonly userId: string,
    private readonly options: GraphDriverOptions,
  ) {}

  async readChanges(folder: SyncedFolder, cursor: string | null, signal: AbortSignal): Promise<ChangesPage> {
    // No $filter on receivedDateTime: Graph caps filtered delta rounds at 5,000 messages, which
    // would silently cut large mailboxes short. The sync applies the backfill window to what comes
    // back, in whatever order. Newest first is the one order delta supports, and without it "the
    // return order is not guaranteed" (message-delta.md); it must be asked in the first request.
    const url =
      cursor ??
      `/users/${this.userId}/mailFolders/${folder}/messages/delta?$select=${selectFields}&$orderby=receivedDateTime desc`;
    if (cursor && !cursor.startsWith(`${this.options.graphBaseUrl}/`)) {
      throw new DriverError(
        { kind: 'resync' },
        {
          code: null,
          httpStatus: null,
          message: 'stored delta link is not on the Graph endpoint',
          retryAfterMs: null,
        },
      );
    }
    const page = (await this.call(signal, () =>
      this.client.api(url).header('Prefer', `odata.maxpagesize=${this.options.pageSize}`).get(),
    )) as { value?: Message[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    // @removed entries (deleted or moved messages) change nothing: contact points are never deleted.
    const messages = (page.value ?? [])
      .filter((m) => !(m as { '@removed'?: unknown })['@removed'])
      .map(toMailMessage);
    const next = page['@odata.nextLink'];
    const delta = page['@odata.deltaLink'];
    if (next) return { messages, next: { kind: 'more', cursor: next } };
    if (delta) return { messages, next: { kind: 'done', cursor: delta } };
    throw new DriverError(
      { kind: 'retry' },
      {
        code: null,
        httpStatus: 200,
        message: 'delta page without nextLink or deltaLink',
        retryAfterMs: null,
      },
    );
  }

  /** The folder's `totalItemCount` (mailFolder resource), read once when its initial sync starts. */
  async countMessages(folder: SyncedFolder, signal: AbortSignal): Promise<number | null> {
    const answer = (await this.call(signal, () =>
      this.client.api(`/users/${this.userId}/mailFolders/${folder}`).select('totalItemCount').get(),
    )) as MailFolder;
    return typeof answer.totalItemCount === 'number' ? answer.totalItemCount : null;
  }

  async readBodies(messageIds: string[], signal: AbortSignal): Promise<Map<string, MessageBody>> {
    const bodies = new Map<string, MessageBody>();
    for (const [id, m] of await readMessages(this.reads, messageIds, 'body,uniqueBody', signal)) {
      const body = m.uniqueBody?.content ? m.uniqueBody : m.body;
      bodies.set(id, {
        contentType: body?.contentType === 'html' ? 'html' : 'text',
        content: body?.content ?? '',
      });
    }
    return bodies;
  }

  async readHeaders(messageIds: string[], signal: AbortSignal): Promise<Map<string, Record<string, string>>> {
    const headers = new Map<string, Record<string, string>>();
    for (const [id, m] of await readMessages(this.reads, messageIds, 'internetMessageHeaders', signal))
      headers.set(id, interesting(m.internetMessageHeaders) ?? {});
    return headers;
  }

  /**
   * Single-message reads, batched; a batch of n requests holds n of the mailbox's 4 places, and
   * takes only the places free, so reads beside the paging never hold a delta request back.
   */
  private get reads(): MessageReads {
    return {
      userId: this.userId,
      perBatch: () => this.gate.free,
      maxThrottleWaitMs: this.options.maxThrottleWaitMs,
      post: async (requests, signal) => {
        const answer = (await this.call(
          signal,
          () => this.client.api('/$batch').post({ requests }),
          requests.length,
        )) as { responses?: BatchItemResponse[] };
        return answer.responses ?? [];
      },
    };
  }

  async subscribe(request: {
    notificationUrl: string;
    lifecycleUrl: string;
    clientState: string;
    expiresAt: Date;
  }): Promise<SubscriptionInfo> {
    const created = await this.call(undefined, () =>
      this.client.api('/subscriptions').post({
        changeType: 'created',
        notificationUrl: request.notificationUrl,
        lifecycleNotificationUrl: request.lifecycleUrl,
        resource: `users/${this.userId}/messages`,
        expirationDateTime: request.expiresAt.toISOString(),
        clientState: request.clientState,
      }),
    );
    return { id: created.id, expiresAt: new Date(created.expirationDateTime) };
  }

  async renewSubscription(id: string, expiresAt: Date): Promise<SubscriptionInfo> {
    const renewed = await this.call(undefined, () =>
      this.client
        .api(`/subscriptions/${encodeURIComponent(id)}`)
        .patch({ expirationDateTime: expiresAt.toISOString() }),
    );
    return { id, expiresAt: new Date(renewed.expirationDateTime) };
  }

  async unsubscribe(id: string): Promise<void> {
    try {
      await this.call(undefined, () => this.client.api(`/subscriptions/${encodeURIComponent(id)}`).delete());
    } catch (err) {
      if (err instanceof DriverError && err.detail.httpStatus === 404) return; // already gone
      throw err;
    }
  }

  /** One request (of `weight` requests to the mailbox) under its concurrency limit, waiting out throttling. */
  private async call<T>(signal: AbortSignal | undefined, request: () => Promise<T>, weight = 1): Promise<T> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      await this.options.budget?.spend(weight, signal);
      try {
        return await this.gate.run(request, weight);
      } catch (err) {
        const failure = describeFailure(err);
        const outcome = classifyFailure(failure);
        const detail = {
          code: failure.code,
          httpStatus: failure.httpStatus,
          message: failure.message,
          retryAfterMs: failure.retryAfterMs,
        };
        const transientNetwork = failure.source === 'network' && attempt < 3;
        if (outcome.kind !== 'throttled' && !transientNetwork) throw new DriverError(outcome, detail);
        const wait = failure.retryAfterMs ?? backoffMs(attempt, 1_000, 30_000);
        if (waited + wait > this.options.maxThrottleWaitMs) throw new DriverError(outcome, detail);
        waited += wait;
        graphThrottleWait.inc(wait / 1000);
        await sleep(wait, signal);
      }
    }
  }
}
