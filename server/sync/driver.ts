import type { ErrorAction, ImmediateErrorKind } from '../../shared/integration-status';
import type { MailMessage } from '../extraction/message';

/**
 * What the sync engine needs from a mail provider. Each provider implements it in its own folder
 * (server/providers/microsoft: Graph; server/providers/google: Gmail), classifying its failures
 * into the outcomes below with its own error table; extraction and storage do not change.
 */

/**
 * What a provider failure means for a mailbox integration (ARCHITECTURE.md §5):
 *
 * - an immediate error kind (shared/integration-status.ts): shown at once; nothing will change
 *   until someone acts.
 * - `throttled`: wait Retry-After (or back off with jitter) and try again; no status change and no
 *   attempt counted against the mailbox.
 * - `resync`: the change cursor is gone; drop the folder's cursor and read it again from scratch.
 * - `retry`: probably transient; retried with backoff, and only after the retry budget (several
 *   attempts over at least an hour) does it become a Linkage error.
 */
export type FailureOutcome =
  | { kind: ImmediateErrorKind; action: ErrorAction }
  | { kind: 'throttled' }
  | { kind: 'resync' }
  | { kind: 'retry' };

export type SyncedFolder = 'inbox' | 'sentitems';

export interface ChangesPage {
  messages: MailMessage[];
  /** `more`: call again with `cursor` for the next page; `done`: the folder is current, `cursor` continues later. */
  next: { kind: 'more' | 'done'; cursor: string };
}

export interface MessageBody {
  contentType: 'html' | 'text';
  content: string;
}

export interface SubscriptionInfo {
  id: string;
  expiresAt: Date;
}

export interface MailboxDriver {
  /** False for providers whose push is not used (Gmail's needs Cloud Pub/Sub): polling alone. */
  readonly pushNotifications?: boolean;
  /** One page of new or changed messages of a folder, from a saved cursor or from the folder's start. */
  readChanges(folder: SyncedFolder, cursor: string | null, signal: AbortSignal): Promise<ChangesPage>;
  /** How many messages a folder holds now, for progress; null (or no method) where the provider cannot tell. */
  countMessages?(folder: SyncedFolder, signal: AbortSignal): Promise<number | null>;
  /**
   * Bodies (only the message's own part where the provider can tell) of some messages. A message
   * absent from the answer was not read (gone, or still throttled after the wait budget); one
   * read without a body has empty content.
   */
  readBodies(messageIds: string[], signal: AbortSignal): Promise<Map<string, MessageBody>>;
  /** The internet headers of some messages (lower-case names); absent from the answer = not read. */
  readHeaders(messageIds: string[], signal: AbortSignal): Promise<Map<string, Record<string, string>>>;
  subscribe(request: {
    notificationUrl: string;
    lifecycleUrl: string;
    clientState: string;
    expiresAt: Date;
  }): Promise<SubscriptionInfo>;
  renewSubscription(id: string, expiresAt: Date): Promise<SubscriptionInfo>;
  unsubscribe(id: string): Promise<void>;
}

/** A provider failure, already classified by the provider's error table. */
export class DriverError extends Error {
  constructor(
    readonly outcome: FailureOutcome,
    readonly detail: {
      code: string | null;
      httpStatus: number | null;
      message: string;
      retryAfterMs: number | null;
    },
  ) {
    super(`${detail.code ?? detail.httpStatus ?? 'error'}: ${detail.message}`);
    this.name = 'DriverError';
  }
}
