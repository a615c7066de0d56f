/**
 * A message as extraction sees it, whichever provider it came from: each provider's driver maps
 * its own message resource to this shape, and the sync engine passes it on unchanged.
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
   * not absent, and the sync reads them separately: sync/sender-headers.ts).
   */
  headers: Record<string, string> | null;
}
