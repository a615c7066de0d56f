import type { DirectoryUser } from '../scenario/directory';
import type { FolderName } from '../scenario/mailbox';
import { generateOwnKind, type Address, type GeneratedMessage } from '../scenario/messages';
import { Rng } from '../scenario/prng';
import { htmlToText } from '../scenario/render';
import type { EmulatorState } from '../state';

/**
 * New mail for POST /_emulator/mailboxes/{userId}/messages: either a realistic external message
 * (empty body) or one built from the fields given.
 */

type AddressInput =
  string | { name?: string; address?: string; emailAddress?: { name?: string; address?: string } };

export interface DeliveryInput {
  from?: AddressInput;
  to?: AddressInput[];
  cc?: AddressInput[];
  subject?: string;
  body?: string | { contentType?: string; content?: string };
  receivedDateTime?: string;
  folder?: FolderName;
}

function address(input: AddressInput): Address {
  if (typeof input === 'string') return { name: input, address: input };
  const a = input.emailAddress ?? input;
  return { name: a.name ?? a.address ?? '', address: a.address ?? '' };
}

export function buildDelivery(
  state: EmulatorState,
  user: DirectoryUser,
  input: DeliveryInput,
): { message: GeneratedMessage; folder: FolderName } {
  const mailbox = state.mailbox(user);
  const counter = mailbox.delivered.length;
  const receivedAt = input.receivedDateTime ? Date.parse(input.receivedDateTime) : Date.now();
  if (Number.isNaN(receivedAt)) throw new Error('receivedDateTime is not a date');
  const folder = input.folder ?? 'inbox';
  if (!['inbox', 'sentitems'].includes(folder)) throw new Error("folder must be 'inbox' or 'sentitems'");
  const generated = generateOwnKind(
    state.world,
    Rng.of(state.world.seed, 'delivered', user.id, counter, receivedAt),
    user,
    `delivered|${user.id}|${counter}|${receivedAt}`,
    receivedAt,
    folder === 'sentitems' ? 'ext-out' : 'ext-in',
  );
  const custom = Object.keys(input).some((k) => k !== 'receivedDateTime' && k !== 'folder');
  if (!custom) return { message: generated, folder };
  const body = typeof input.body === 'string' ? { contentType: 'text', content: input.body } : input.body;
  const html = (body?.contentType ?? 'text').toLowerCase() === 'html';
  const content = body?.content ?? generated.body;
  const message: GeneratedMessage = {
    ...generated,
    from: input.from ? address(input.from) : generated.from,
    to: input.to ? input.to.map(address) : generated.to,
    cc: input.cc ? input.cc.map(address) : generated.cc,
    subject: input.subject ?? generated.subject,
    contentType: body ? (html ? 'html' : 'text') : generated.contentType,
    body: content,
    uniqueBody: body ? content : generated.uniqueBody,
    preview: body
      ? (html ? htmlToText(content) : content).replace(/\s+/g, ' ').slice(0, 255)
      : generated.preview,
    senderSignature: body || input.from ? null : generated.senderSignature,
  };
  return { message, folder };
}
