import type { gmail_v1 } from '@googleapis/gmail';
import type { MailAddress, MailMessage } from '../../extraction/message';
import type { MessageBody } from '../../sync/driver';

/**
 * Gmail's message resource (format=metadata or full) → the message extraction reads. Header
 * values come from strangers: the address parser is a single bounded scan, no regular expressions
 * over the text, and a header is read only up to a fixed length.
 */

/** The headers messages.get returns with format=metadata: what extraction and list detection need. */
export const metadataHeaders = [
  'From',
  'Sender',
  'To',
  'Cc',
  'Bcc',
  'Date',
  'Subject',
  'Message-ID',
  'List-Id',
  'List-Unsubscribe',
  'Precedence',
  'Auto-Submitted',
];

const maxHeaderLength = 64 * 1024;
const maxAddresses = 1000;
const interesting = new Set(['list-id', 'list-unsubscribe', 'precedence', 'auto-submitted']);

/** RFC 5322 address lists as mail clients write them: `Name <a@x>, "Last, First" <b@y>, c@z`. */
export function parseAddressList(value: string | undefined): MailAddress[] {
  if (!value) return [];
  const text = value.slice(0, maxHeaderLength);
  const addresses: MailAddress[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  let comment = 0;
  const flush = () => {
    const parsed = parseMailbox(current);
    if (parsed && addresses.length < maxAddresses) addresses.push(parsed);
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '\\' && i + 1 < text.length) {
        current += text[++i];
        continue;
      }
      if (c === '"') quoted = false;
      current += c;
    } else if (comment > 0) {
      if (c === '(') comment++;
      else if (c === ')') comment--;
    } else if (c === '"') {
      quoted = true;
      current += c;
    } else if (c === '(' && !angle) {
      comment = 1;
    } else if (c === '<') {
      angle = true;
      current += c;
    } else if (c === '>') {
      angle = false;
      current += c;
    } else if ((c === ',' || c === ';') && !angle) {
      flush();
    } else current += c;
  }
  flush();
  return addresses;
}

function parseMailbox(text: string): MailAddress | null {
  const open = text.lastIndexOf('<');
  const close = text.lastIndexOf('>');
  if (open >= 0 && close > open) {
    const address = text.slice(open + 1, close).trim();
    const name = unquote(text.slice(0, open).trim());
    return address ? { address, name } : null;
  }
  const address = text.trim();
  // A group name ("undisclosed-recipients:") or an empty item is no mailbox.
  return address && address.includes('@') && !address.includes(' ') ? { address, name: '' } : null;
}

function unquote(name: string): string {
  return name.length >= 2 && name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}

function headerMap(message: gmail_v1.Schema$Message): Map<string, string> {
  const headers = new Map<string, string>();
  for (const h of message.payload?.headers ?? []) {
    const name = h.name?.toLowerCase();
    // The first occurrence wins, as for From; later copies of a header add nothing we read.
    if (name && h.value != null && !headers.has(name)) headers.set(name, h.value.slice(0, maxHeaderLength));
  }
  return headers;
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

export function toMailMessage(message: gmail_v1.Schema$Message): MailMessage {
  const headers = headerMap(message);
  const found: Record<string, string> = {};
  for (const [name, value] of headers) if (interesting.has(name)) found[name] = value;
  const internal = Number(message.internalDate);
  const from = parseAddressList(headers.get('from'))[0] ?? parseAddressList(headers.get('sender'))[0] ?? null;
  return {
    id: String(message.id),
    internetMessageId: headers.get('message-id')?.trim() || null,
    conversationId: message.threadId ?? null,
    subject: headers.get('subject') ?? null,
    from,
    to: parseAddressList(headers.get('to')),
    cc: parseAddressList(headers.get('cc')),
    bcc: parseAddressList(headers.get('bcc')),
    // Gmail's internalDate is when the message reached the mailbox (milliseconds since the epoch).
    receivedAt: Number.isFinite(internal) && internal > 0 ? new Date(internal).toISOString() : null,
    sentAt: isoDate(headers.get('date')),
    isDraft: message.labelIds?.includes('DRAFT') === true,
    // format=metadata always carries the headers asked for: absent ones are absent, not unknown.
    headers: found,
  };
}

/** The message's own text from format=full: the plain part if any, else the HTML part. */
export function bodyOf(message: gmail_v1.Schema$Message): MessageBody {
  let html: string | null = null;
  let plain: string | null = null;
  const visit = (part: gmail_v1.Schema$MessagePart | undefined, depth: number) => {
    if (!part || depth > 8) return;
    const data = part.body?.data;
    if (data && part.mimeType === 'text/plain' && plain === null) plain = decode(data);
    if (data && part.mimeType === 'text/html' && html === null) html = decode(data);
    for (const child of part.parts ?? []) visit(child, depth + 1);
  };
  visit(message.payload, 0);
  if (plain !== null) return { contentType: 'text', content: plain };
  if (html !== null) return { contentType: 'html', content: html };
  return { contentType: 'text', content: '' };
}

function decode(data: string): string {
  return Buffer.from(data, 'base64url').toString('utf8');
}
