import type { Client } from '@microsoft/microsoft-graph-client';
import type { Message, Recipient } from '@microsoft/microsoft-graph-types';
import { classifyFailure } from '../../integrations/error-table';
import { describeFailure } from '../../microsoft/failures';
import { graphThrottleWait } from '../../observability/metrics';
import {
  DriverError,
  type ChangesPage,
  type MailAddress,
  type MailboxDriver,
  type MailMessage,
  type MessageBody,
  type SubscriptionInfo,
  type SyncedFolder,
} from '../driver';
import { backoffMs, Semaphore, sleep } from '../limits';
import type { RequestBudget } from '../request-budget';

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

function address(r: Recipient | null | undefined): MailAddress | null {
  const a = r?.emailAddress;
  return a?.address ? { address: a.address, name: a.name ?? '' } : null;
}

function toMailMessage(m: Message): MailMessage {
  const headers: Record<string, string> = {};
  for (const h of m.internetMessageHeaders ?? []) {
    const name = h.name?.toLowerCase();
    if (name && interestingHeaders.has(name) && h.value) headers[name] = h.value;
  }
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
    headers,
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
    // would silently cut large mailboxes short. The sync applies the backfill window to what comes back.
    const url =
      cursor ?? `/users/${this.userId}/mailFolders/${folder}/messages/delta?$select=${selectFields}`;
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

  async readBodies(messageIds: string[], signal: AbortSignal): Promise<Map<string, MessageBody>> {
    const bodies = new Map<string, MessageBody>();
    for (let i = 0; i < messageIds.length; i += 20) {
      const chunk = messageIds.slice(i, i + 20);
      const requests = chunk.map((id, n) => ({
        id: String(n),
        method: 'GET',
        url: `/users/${this.userId}/messages/${encodeURIComponent(id)}?$select=body,uniqueBody`,
      }));
      const answer = (await this.call(
        signal,
        () => this.client.api('/$batch').post({ requests }),
        requests.length,
      )) as {
        responses: Array<{ id: string; status: number; body?: Message }>;
      };
      for (const r of answer.responses) {
        const body =
          r.status === 200 ? (r.body?.uniqueBody?.content ? r.body.uniqueBody : r.body?.body) : null;
        if (body?.content)
          bodies.set(chunk[Number(r.id)]!, {
            contentType: body.contentType === 'html' ? 'html' : 'text',
            content: body.content,
          });
      }
    }
    return bodies;
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
        return await this.gate.run(request);
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
