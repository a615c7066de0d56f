import type { Message, Recipient } from '@microsoft/microsoft-graph-types';
import type { FolderName, Mailbox, MessageRef } from '../scenario/mailbox';
import type { Address } from '../scenario/messages';
import { hash32 } from '../scenario/prng';
import { htmlToText, textToHtml } from '../scenario/render';
import { GraphError } from './http';

/** A mailbox's message in Graph's `message` shape, honouring $select and the body-type Prefer. */

export const DEFAULT_MESSAGE_PROPERTIES = [
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
];
export const MESSAGE_PROPERTIES = [
  ...DEFAULT_MESSAGE_PROPERTIES,
  'id',
  'uniqueBody',
  'internetMessageHeaders',
];

export const badMessageProperty = (p: string) =>
  new GraphError(
    400,
    'RequestBroker--ParseUri',
    `Could not find a property named '${p}' on type 'Microsoft.OutlookServices.Message'.`,
  );

export function folderId(mailbox: Mailbox, folder: FolderName): string {
  const buf = Buffer.alloc(5);
  buf.writeUInt32BE(mailbox.key, 0);
  buf.writeUInt8(folder === 'inbox' ? 1 : 2, 4);
  return `AQMkAD${buf.toString('base64url')}AAAAAEMAAAA=`;
}

/** `inbox`, `sentitems` (any case) or a folder id of this mailbox. */
export function resolveFolder(mailbox: Mailbox, idOrName: string): FolderName {
  const lower = idOrName.toLowerCase();
  if (lower === 'inbox' || idOrName === folderId(mailbox, 'inbox')) return 'inbox';
  if (lower === 'sentitems' || idOrName === folderId(mailbox, 'sentitems')) return 'sentitems';
  throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

const recipient = (a: Address): Recipient => ({ emailAddress: { name: a.name, address: a.address } });

/** `outlook.body-content-type="text"` or `"html"` from a Prefer header, else null (as stored). */
export function preferredBodyType(prefer: string | undefined): 'text' | 'html' | null {
  const m = /outlook\.body-content-type\s*=\s*"?(text|html)"?/i.exec(prefer ?? '');
  return m ? (m[1]!.toLowerCase() as 'text' | 'html') : null;
}

export function messageJson(
  mailbox: Mailbox,
  ref: MessageRef,
  folder: FolderName,
  select: string[] | null,
  bodyType: 'text' | 'html' | null,
): Message & Record<string, unknown> {
  const id = mailbox.idOf(ref);
  const m = mailbox.message(ref);
  const st = mailbox.states.get(id);
  const received = new Date(m.receivedAt).toISOString().replace(/\.\d+Z$/, 'Z');
  const modified = st ? new Date(st.lastModifiedAt).toISOString().replace(/\.\d+Z$/, 'Z') : received;
  const changeKey = `CQAAABYAAAA${Buffer.from(hash32(id, modified).toString(16).padStart(8, '0'), 'hex').toString('base64')}`;
  const wanted = new Set(select ?? DEFAULT_MESSAGE_PROPERTIES);
  const body = (content: string) => {
    if (bodyType === 'text' && m.contentType === 'html')
      return { contentType: 'text', content: htmlToText(content) };
    if (bodyType === 'html' && m.contentType === 'text')
      return { contentType: 'html', content: textToHtml(content) };
    return { contentType: m.contentType, content };
  };
  const recentUnread =
    folder === 'inbox' && m.receivedAt > mailbox.world.now - 3 * 86400_000 && hash32(id) % 3 === 0;
  const all: Record<string, () => unknown> = {
    createdDateTime: () => received,
    lastModifiedDateTime: () => modified,
    changeKey: () => changeKey,
    categories: () => [],
    receivedDateTime: () => received,
    sentDateTime: () => new Date(m.sentAt).toISOString().replace(/\.\d+Z$/, 'Z'),
    hasAttachments: () => false,
    internetMessageId: () => m.internetMessageId,
    subject: () => st?.subject ?? m.subject,
    bodyPreview: () => m.preview,
    importance: () => 'normal',
    parentFolderId: () => folderId(mailbox, folder),
    conversationId: () => m.conversationId,
    conversationIndex: () => Buffer.from(m.conversationId.slice(0, 22)).toString('base64'),
    isDeliveryReceiptRequested: () => false,
    isReadReceiptRequested: () => false,
    isRead: () => st?.isRead ?? !recentUnread,
    isDraft: () => false,
    webLink: () =>
      `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: () => (m.list || m.automated ? 'other' : 'focused'),
    body: () => body(m.body),
    uniqueBody: () => body(m.uniqueBody),
    sender: () => recipient(m.from),
    from: () => recipient(m.from),
    toRecipients: () => m.to.map(recipient),
    ccRecipients: () => m.cc.map(recipient),
    bccRecipients: () => [],
    replyTo: () => [],
    flag: () => ({ flagStatus: 'notFlagged' }),
    internetMessageHeaders: () => m.headers,
  };
  const json: Record<string, unknown> = { '@odata.etag': `W/"${changeKey}"`, id };
  for (const p of wanted) if (p !== 'id') json[p] = all[p]!();
  return json as Message & Record<string, unknown>;
}
