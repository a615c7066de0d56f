import type { DirectoryUser } from '../scenario/directory';
import { FOLDERS } from '../scenario/mailbox';
import type { SignatureTruth } from '../scenario/signatures';
import type { EmulatorState } from '../state';

/** GET /_emulator/mailboxes/{userId}/truth: what every message of a mailbox really is. */

export interface TruthMessage {
  id: string;
  internetMessageId: string;
  conversationId: string;
  folder: 'inbox' | 'sentitems';
  receivedDateTime: string;
  sentDateTime: string;
  subject: string;
  from: { name: string; address: string };
  to: Array<{ name: string; address: string }>;
  cc: Array<{ name: string; address: string }>;
  participants: Array<{ address: string; name: string; external: boolean }>;
  automated: boolean;
  list: boolean;
  senderSignature: SignatureTruth | null;
}

export function mailboxTruth(
  state: EmulatorState,
  user: DirectoryUser,
): { userId: string; messages: TruthMessage[] } {
  const mailbox = state.mailbox(user);
  const internal = state.world.internalDomains(user.tenantId);
  const messages: TruthMessage[] = [];
  for (const folder of FOLDERS) {
    for (const [, ref] of mailbox.refs(folder)) {
      const id = mailbox.idOf(ref);
      if (mailbox.deleted.has(id)) continue;
      const m = mailbox.message(ref);
      const seen = new Map<string, { address: string; name: string; external: boolean }>();
      for (const a of [m.from, ...m.to, ...m.cc]) {
        const address = a.address.toLowerCase();
        if (!seen.has(address)) {
          // An address without a domain reaches nobody, so it is no outside person either.
          const domain = address.split('@')[1] ?? '';
          seen.set(address, { address, name: a.name, external: domain !== '' && !internal.has(domain) });
        }
      }
      messages.push({
        id,
        internetMessageId: m.internetMessageId,
        conversationId: m.conversationId,
        folder,
        receivedDateTime: new Date(m.receivedAt).toISOString().replace(/\.\d+Z$/, 'Z'),
        sentDateTime: new Date(m.sentAt).toISOString().replace(/\.\d+Z$/, 'Z'),
        subject: mailbox.states.get(id)?.subject ?? m.subject,
        from: m.from,
        to: m.to,
        cc: m.cc,
        participants: [...seen.values()],
        automated: m.automated,
        list: m.list,
        senderSignature: m.senderSignature,
      });
    }
  }
  return { userId: user.id, messages };
}
