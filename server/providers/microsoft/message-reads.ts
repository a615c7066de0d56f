import type { Message } from '@microsoft/microsoft-graph-types';
import { classifyFailure } from './error-table';
import { retryAfter } from './failures';
import { backoffMs, sleep } from '../../sync/limits';

/** One answer inside a JSON batch response. */
export interface BatchItemResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: Message & { error?: { code?: string; message?: string } };
}

export interface MessageReads {
  userId: string;
  /** Requests for the next batch: no more than the mailbox has free, since each one counts. */
  perBatch(): number;
  maxThrottleWaitMs: number;
  /** Posts one batch (waiting out throttling of the batch as a whole). */
  post(
    requests: Array<{ id: string; method: 'GET'; url: string }>,
    signal: AbortSignal,
  ): Promise<BatchItemResponse[]>;
}

const header = (headers: Record<string, string> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;

/**
 * Reads single messages (`$select`ed) through JSON batching. Graph evaluates each request of a
 * batch against the throttling limits on its own (json-batching.md), so an item can answer 429
 * with its own Retry-After while its neighbours succeed. Throttled items are asked again after
 * the longest Retry-After among them, as long as the wait budget lasts; an item still unread
 * then, or answered with an error, is left out of the result: the caller never takes it as read.
 */
export async function readMessages(
  reads: MessageReads,
  messageIds: string[],
  select: string,
  signal: AbortSignal,
): Promise<Map<string, Message>> {
  const read = new Map<string, Message>();
  let pending = [...new Set(messageIds)];
  let waited = 0;
  for (let round = 0; pending.length > 0; round++) {
    const throttled: string[] = [];
    let retryAfterMs = 0;
    for (let i = 0; i < pending.length;) {
      const chunk = pending.slice(i, i + Math.max(1, reads.perBatch()));
      i += chunk.length;
      const responses = await reads.post(
        chunk.map((id, n) => ({
          id: String(n),
          method: 'GET',
          url: `/users/${reads.userId}/messages/${encodeURIComponent(id)}?$select=${select}`,
        })),
        signal,
      );
      // Responses may come in any order: they are matched by id.
      for (const response of responses) {
        const id = chunk[Number(response.id)];
        if (id === undefined) continue;
        if (response.status === 200 && response.body) {
          read.set(id, response.body);
          continue;
        }
        const wait = retryAfter(header(response.headers, 'retry-after'));
        const outcome = classifyFailure({
          source: 'graph',
          httpStatus: response.status,
          code: response.body?.error?.code ?? null,
          message: response.body?.error?.message ?? `HTTP ${response.status}`,
          retryAfterMs: wait,
        });
        if (outcome.kind !== 'throttled') continue; // e.g. 404: the message is gone
        throttled.push(id);
        retryAfterMs = Math.max(retryAfterMs, wait ?? 0);
      }
    }
    if (throttled.length === 0) break;
    const wait = retryAfterMs || backoffMs(round, 1_000, 30_000);
    if (waited + wait > reads.maxThrottleWaitMs) break;
    waited += wait;
    await sleep(wait, signal);
    pending = throttled;
  }
  return read;
}
