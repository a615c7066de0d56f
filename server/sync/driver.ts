import type { FailureOutcome } from '../integrations/error-table';

/**
 * What the sync engine needs from a mail provider. Microsoft Graph implements it today
 * (./microsoft); another provider (Google Workspace) would implement the same, and extraction and
 * storage would not change.
 */

export interface MailAddress {
  address: string;
  name: string;
}

/** A message as extraction sees it: headers only, never a body. */
export interface MailMessage {
  id: string;
  internetMessageId: string | null;
  conversationId: string | null;
  subject: string | null;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  receivedAt: string | null;
  sentAt: string | null;
  isDraft: boolean;
  /**
   * Internet headers the provider returned (lower-case names), e.g. list-id, precedence,
   * auto-submitted; null when the change feed carried no headers at all (they are then unknown,
   * not absent, and the sync reads them separately: see sender-headers.ts).
   */
  headers: Record<string, string> | null;
}

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
