import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { FOLDERS, type FolderName, type MessageRef } from '../scenario/mailbox';
import type { GeneratedMessage } from '../scenario/messages';
import { htmlToText } from '../scenario/render';
import { notifyChange } from './notifications';
import { parseReceivedFilter, parseSelect, parseTop } from './odata';
import {
  badMessageProperty,
  folderId,
  messageJson,
  MESSAGE_PROPERTIES,
  preferredBodyType,
  resolveFolder,
} from './message-json';
import { GraphError, odataContext, requirePermission, type GraphResponse, type RouteContext } from './http';

/** Mail folders, message reads and sendMail. */

export const MAIL_READ = {
  roles: ['Mail.Read', 'Mail.ReadWrite', 'Mail.ReadBasic.All'],
  scopes: ['Mail.Read'],
};

export function requireMailRead(ctx: RouteContext): void {
  requirePermission(ctx.principal, MAIL_READ.roles, MAIL_READ.scopes);
}

const FOLDER_NAMES: Record<FolderName, string> = { inbox: 'Inbox', sentitems: 'Sent Items' };

function folderJson(ctx: RouteContext, folder: FolderName): MailFolder {
  const mailbox = ctx.state.mailbox(ctx.user);
  const total = mailbox.count(folder);
  return {
    id: folderId(mailbox, folder),
    displayName: FOLDER_NAMES[folder],
    parentFolderId: `AQMkAD${Buffer.from(String(mailbox.key)).toString('base64url')}AAAAAEIAAAA=`,
    childFolderCount: 0,
    unreadItemCount: folder === 'inbox' ? Math.min(total, 3) : 0,
    totalItemCount: total,
    isHidden: false,
  };
}

export function getMailFolder(ctx: RouteContext): GraphResponse {
  requireMailRead(ctx);
  const folder = resolveFolder(ctx.state.mailbox(ctx.user), ctx.params[1]!);
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx.state, `users('${ctx.user.id}')/mailFolders/$entity`),
      ...folderJson(ctx, folder),
    },
  };
}

export function listMailFolders(ctx: RouteContext): GraphResponse {
  requireMailRead(ctx);
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx.state, `users('${ctx.user.id}')/mailFolders`),
      value: FOLDERS.map((f) => folderJson(ctx, f)),
    },
  };
}

export function lookupMessage(ctx: RouteContext, id: string): { ref: MessageRef; folder: FolderName } {
  if (!id.startsWith('AAMk')) throw new GraphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
  const mailbox = ctx.state.mailbox(ctx.user);
  const ref = mailbox.refOf(id);
  if (!ref || mailbox.deleted.has(id)) {
    throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  }
  return { ref, folder: mailbox.folderOf(ref) };
}

export function getMessage(ctx: RouteContext): GraphResponse {
  requireMailRead(ctx);
  const id = ctx.params[ctx.params.length - 1]!;
  const { ref, folder } = lookupMessage(ctx, id);
  if (ctx.params.length === 3 && resolveFolder(ctx.state.mailbox(ctx.user), ctx.params[1]!) !== folder) {
    throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  }
  const select = parseSelect(ctx.req.query.get('$select'), MESSAGE_PROPERTIES, badMessageProperty);
  const json = messageJson(
    ctx.state.mailbox(ctx.user),
    ref,
    folder,
    select,
    preferredBodyType(ctx.req.headers.prefer),
  );
  return {
    status: 200,
    body: { '@odata.context': odataContext(ctx.state, `users('${ctx.user.id}')/messages/$entity`), ...json },
  };
}

/** GET …/messages: newest first, `$top` (default 10) and `$skip` paging as Outlook does. */
export function listMessages(ctx: RouteContext): GraphResponse {
  requireMailRead(ctx);
  const { state, req, user } = ctx;
  const mailbox = state.mailbox(user);
  const folders = ctx.params.length === 2 ? [resolveFolder(mailbox, ctx.params[1]!)] : FOLDERS;
  const select = parseSelect(req.query.get('$select'), MESSAGE_PROPERTIES, badMessageProperty);
  const top = parseTop(req.query.get('$top'), 1000, 'ErrorInvalidUrlQuery') ?? 10;
  const skip = Number(req.query.get('$skip') ?? 0);
  const filter = parseReceivedFilter(req.query.get('$filter'), ['ge', 'gt', 'le', 'lt']);
  const all: Array<[number, MessageRef, FolderName]> = [];
  for (const folder of folders) {
    for (const [position, ref] of mailbox.refs(folder)) {
      const at = mailbox.receivedAt(ref, folder, position);
      if (mailbox.deleted.has(mailbox.idOf(ref)) || (filter && !filter(at))) continue;
      all.push([at, ref, folder]);
    }
  }
  all.sort((a, b) => b[0] - a[0]);
  const bodyType = preferredBodyType(req.headers.prefer);
  const value = all
    .slice(skip, skip + top)
    .map(([, ref, folder]) => messageJson(mailbox, ref, folder, select, bodyType));
  const next = new URLSearchParams(req.query);
  next.set('$skip', String(skip + top));
  const path = req.path.replace(/^\//, '');
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(state, `users('${user.id}')/messages`),
      value,
      ...(skip + top < all.length
        ? { '@odata.nextLink': `${state.baseUrl}/v1.0/${path}?${next.toString()}` }
        : {}),
    },
  };
}

type Recipients = Array<{ emailAddress?: { address?: string; name?: string } }> | undefined;

interface SendMailBody {
  message?: {
    subject?: string;
    body?: { contentType?: string; content?: string };
    toRecipients?: Recipients;
    ccRecipients?: Recipients;
  };
  saveToSentItems?: boolean;
}

/** POST /users/{id}/sendMail: 202, recorded, copied to Sent Items and to emulated recipients. */
export function sendMail(ctx: RouteContext): GraphResponse {
  const { state, req, user, principal } = ctx;
  requirePermission(principal, ['Mail.Send'], ['Mail.Send']);
  const body = (req.body ?? {}) as SendMailBody;
  const message = body.message;
  if (!message || typeof message !== 'object') {
    throw new GraphError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
  }
  const recipients = (list: Recipients) =>
    (list ?? []).map((r) => ({
      address: r.emailAddress?.address ?? '',
      name: r.emailAddress?.name ?? r.emailAddress?.address ?? '',
    }));
  const to = recipients(message.toRecipients);
  const cc = recipients(message.ccRecipients);
  if (to.length + cc.length === 0 || [...to, ...cc].some((r) => !/^[^@\s]+@[^@\s]+$/.test(r.address))) {
    throw new GraphError(
      400,
      'ErrorInvalidRecipients',
      'At least one recipient is not valid., Recipient is not valid.',
    );
  }
  const saveToSentItems = body.saveToSentItems !== false;
  state.sentMail.push({
    at: new Date().toISOString(),
    tenantId: user.tenantId,
    appId: principal.appId,
    userId: user.id,
    from: user.mail,
    message: message as Record<string, unknown>,
    saveToSentItems,
  });
  const now = Date.now();
  const html = (message.body?.contentType ?? 'text').toLowerCase() === 'html';
  const content = message.body?.content ?? '';
  const generated: GeneratedMessage = {
    internetMessageId: `<${now.toString(16).toUpperCase()}.${state.sentMail.length}@${user.mail.split('@')[1]}>`,
    conversationId: `AAQkA${Buffer.from(`${now}`).toString('base64url')}=`,
    subject: message.subject ?? '',
    from: { name: user.displayName, address: user.mail },
    to,
    cc,
    sentAt: now,
    receivedAt: now,
    contentType: html ? 'html' : 'text',
    body: content,
    uniqueBody: content,
    preview: (html ? htmlToText(content) : content).replace(/\s+/g, ' ').slice(0, 255),
    headers: [],
    automated: false,
    list: false,
    senderSignature: null,
  };
  if (saveToSentItems) deliverTo(ctx, user.id, generated, 'sentitems');
  for (const r of [...to, ...cc]) {
    const recipient = state.liveUser(r.address);
    if (recipient && recipient.plantedError === null) deliverTo(ctx, recipient.id, generated, 'inbox');
  }
  return { status: 202 };
}

function deliverTo(ctx: RouteContext, userId: string, message: GeneratedMessage, folder: FolderName): void {
  const user = ctx.state.liveUser(userId)!;
  const id = ctx.state.mailbox(user).deliver(message, folder);
  notifyChange(ctx.state, user, id, folder, 'created');
}
