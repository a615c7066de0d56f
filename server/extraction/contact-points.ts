import { createHash } from 'node:crypto';
import type { MailAddress, MailMessage } from './message';
import { isInDomains } from './domains';

/**
 * Turns one message of a colleague's mailbox into that colleague's contact point with the
 * external people on it — or into a reason it is not one. Pure: no I/O, so it is cheap to test and
 * to run on every message.
 */

export interface ExternalParticipant {
  email: string;
  name: string;
  domain: string;
}

export interface ExtractedContactPoint {
  /** Stable per message across folders, moves and mailboxes: a hash of the Internet message id. */
  messageKey: string;
  graphMessageId: string;
  internetMessageId: string | null;
  conversationId: string | null;
  occurredAt: Date;
  direction: 'sent' | 'received';
  external: ExternalParticipant[];
  /** The external sender of a received message: the person whose signature the body may carry. */
  externalSender: ExternalParticipant | null;
  subject: string | null;
}

export type SkipReason =
  | 'draft'
  | 'missing_sender'
  | 'invalid_date'
  | 'automated'
  | 'too_many_recipients'
  | 'internal_only'
  | 'excluded';

export interface ExtractionContext {
  /** The colleague's own addresses (mail, user principal name), lower-case. */
  ownAddresses: ReadonlySet<string>;
  /** Verified domains of the organisation's tenants: everyone there is a colleague. */
  internalDomains: ReadonlySet<string>;
  excludedDomains: ReadonlySet<string>;
  excludedAddresses: ReadonlySet<string>;
  keepSubjects: boolean;
}

export const maxRecipients = 200;

const addressPattern = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const automatedLocalPart =
  /^(no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?|notifications?|notify|alerts?|auto-?confirm|automated|system|daemon)([+._-].*)?$/;

function normalise(a: MailAddress | null | undefined): { email: string; name: string } | null {
  const email = a?.address?.trim().toLowerCase();
  if (!email || !addressPattern.test(email)) return null;
  return { email, name: (a?.name ?? '').trim().replace(/^['"]|['"]$/g, '') };
}

/** Mailing lists, bulk mail and machines: no person to have a relationship with. */
export function isAutomated(message: Pick<MailMessage, 'headers'>, senderEmail: string): boolean {
  return automatedLocalPart.test(senderEmail.split('@')[0]!) || hasBulkHeaders(message.headers ?? {});
}

/** List-Id, List-Unsubscribe, Precedence: bulk/list/junk, Auto-Submitted other than "no". */
export function hasBulkHeaders(headers: Record<string, string>): boolean {
  if (headers['list-id'] || headers['list-unsubscribe']) return true;
  const precedence = headers['precedence']?.toLowerCase();
  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk') return true;
  const autoSubmitted = headers['auto-submitted']?.toLowerCase();
  return autoSubmitted !== undefined && autoSubmitted !== 'no';
}

export function messageKeyOf(message: MailMessage): string {
  const basis = message.internetMessageId?.trim() || `id:${message.id}`;
  return createHash('sha256').update(basis).digest('base64url').slice(0, 22);
}

export function extractContactPoint(
  message: MailMessage,
  ctx: ExtractionContext,
): ExtractedContactPoint | SkipReason {
  if (message.isDraft) return 'draft';
  const from = normalise(message.from);
  if (!from) return 'missing_sender';
  const direction = ctx.ownAddresses.has(from.email) ? 'sent' : 'received';
  const when =
    direction === 'sent' ? (message.sentAt ?? message.receivedAt) : (message.receivedAt ?? message.sentAt);
  const occurredAt = when ? new Date(when) : null;
  if (!occurredAt || Number.isNaN(occurredAt.getTime())) return 'invalid_date';
  if (direction === 'received' && isAutomated(message, from.email)) return 'automated';

  const recipients = [...message.to, ...message.cc, ...(direction === 'sent' ? message.bcc : [])];
  if (recipients.length > maxRecipients) return 'too_many_recipients';

  const external = new Map<string, ExternalParticipant>();
  let excluded = false;
  for (const person of [from, ...recipients.map(normalise)]) {
    if (!person || ctx.ownAddresses.has(person.email) || external.has(person.email)) continue;
    const domain = person.email.split('@')[1]!;
    if (isInDomains(domain, ctx.internalDomains)) continue;
    if (ctx.excludedAddresses.has(person.email) || isInDomains(domain, ctx.excludedDomains)) {
      excluded = true;
      continue;
    }
    external.set(person.email, { email: person.email, name: person.name, domain });
  }
  if (external.size === 0) return excluded ? 'excluded' : 'internal_only';

  return {
    messageKey: messageKeyOf(message),
    graphMessageId: String(message.id),
    internetMessageId: message.internetMessageId ?? null,
    conversationId: message.conversationId ?? null,
    occurredAt,
    direction,
    external: [...external.values()],
    externalSender: direction === 'received' ? (external.get(from.email) ?? null) : null,
    subject: ctx.keepSubjects ? (message.subject ?? '').slice(0, 500) : null,
  };
}
