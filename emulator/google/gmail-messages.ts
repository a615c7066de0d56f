import { hash32 } from '../scenario/prng';
import type { FolderName, Mailbox, MessageRef } from '../scenario/mailbox';

/**
 * A generated mailbox seen through Gmail: hexadecimal message ids, thread ids from the
 * conversation, labels instead of folders (INBOX, SENT), and history ids. A mailbox's history ids
 * start at a base that moves up whenever its history is expired (expire-delta), so every id handed
 * out before is then older than the oldest history Gmail keeps.
 */

export const labelOfFolder: Record<FolderName, string> = { inbox: 'INBOX', sentitems: 'SENT' };
export const folderOfLabel: Record<string, FolderName> = { INBOX: 'inbox', SENT: 'sentitems' };

export function gmailIdOf(mailbox: Mailbox, ref: MessageRef): string {
  const buf = Buffer.alloc(9);
  buf.writeUInt32BE(mailbox.key, 0);
  buf.writeUInt8(ref.stream, 4);
  buf.writeUInt32BE(ref.index, 5);
  return buf.toString('hex');
}

/** The mailbox's message behind a Gmail id, if it is one of its live messages. */
export function refOfGmailId(mailbox: Mailbox, id: string): MessageRef | undefined {
  if (!/^[0-9a-f]{18}$/.test(id)) return undefined;
  const buf = Buffer.from(id, 'hex');
  if (buf.readUInt32BE(0) !== mailbox.key) return undefined;
  const ref = mailbox.refOf(
    mailbox.idOf({ stream: buf.readUInt8(4) as 0 | 1 | 2, index: buf.readUInt32BE(5) }),
  );
  if (!ref || mailbox.deleted.has(mailbox.idOf(ref))) return undefined;
  return ref;
}

/** History ids of the current epoch begin here; ids below it have expired. */
export function historyBase(mailbox: Mailbox): number {
  return (mailbox.epoch + 1) * 10_000_000;
}

export function currentHistoryId(mailbox: Mailbox): number {
  return historyBase(mailbox) + mailbox.seq;
}

export function threadIdOf(conversationId: string): string {
  return (
    hash32('thread', conversationId).toString(16).padStart(8, '0') +
    hash32('thread-b', conversationId).toString(16).padStart(8, '0')
  );
}

const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
const addressList = (as: Array<{ name: string; address: string }>) =>
  as
    .map((a) =>
      a.name && a.name !== a.address ? `"${a.name.replace(/["\\]/g, '')}" <${a.address}>` : a.address,
    )
    .join(', ');
/** Headers of the generated mail that are not about its addressing (lists, automation, MIME). */
const kept = new Set([
  'mime-version',
  'content-type',
  'list-id',
  'list-unsubscribe',
  'precedence',
  'auto-submitted',
]);

export type Format = 'full' | 'metadata' | 'minimal';

/** users.messages resource (format full, metadata or minimal) of one message of the mailbox. */
export function gmailMessage(
  mailbox: Mailbox,
  ref: MessageRef,
  format: Format,
  metadataHeaders: string[],
): Record<string, unknown> {
  const m = mailbox.message(ref);
  const id = gmailIdOf(mailbox, ref);
  const folder = mailbox.folderOf(ref);
  const delivered = ref.stream === 2 ? mailbox.delivered[ref.index]! : null;
  const subject = mailbox.states.get(mailbox.idOf(ref))?.subject ?? m.subject;
  const headers = [
    ...m.headers.filter((h) => kept.has(h.name.toLowerCase())),
    { name: 'Message-ID', value: m.internetMessageId },
    { name: 'Date', value: rfc2822(m.sentAt) },
    { name: 'From', value: addressList([m.from]) },
    { name: 'To', value: addressList(m.to) },
    ...(m.cc.length > 0 ? [{ name: 'Cc', value: addressList(m.cc) }] : []),
    { name: 'Subject', value: subject },
  ];
  const resource: Record<string, unknown> = {
    id,
    threadId: threadIdOf(m.conversationId),
    labelIds: folder === 'inbox' ? ['INBOX', 'CATEGORY_PERSONAL'] : ['SENT'],
    snippet: m.preview.slice(0, 200),
    historyId: String(historyBase(mailbox) + (delivered ? delivered.seq : 0)),
    // Milliseconds since the epoch; whole seconds here, as the other views of the mailbox show.
    internalDate: String(Math.floor(m.receivedAt / 1000) * 1000),
    sizeEstimate: 1_200 + Buffer.byteLength(m.body),
  };
  if (format === 'minimal') return resource;
  const mimeType = m.contentType === 'html' ? 'text/html' : 'text/plain';
  if (format === 'metadata') {
    const wanted = new Set(metadataHeaders.map((h) => h.toLowerCase()));
    resource.payload = {
      partId: '',
      mimeType,
      filename: '',
      headers: wanted.size > 0 ? headers.filter((h) => wanted.has(h.name.toLowerCase())) : headers,
    };
    return resource;
  }
  const data = Buffer.from(m.body, 'utf8');
  resource.payload = {
    partId: '',
    mimeType,
    filename: '',
    headers,
    body: { size: data.length, data: data.toString('base64url') },
  };
  return resource;
}
