import type { Message, Recipient } from '@microsoft/microsoft-graph-types';
import type { StandInMessage } from './office-stand-in';

/** The signed-in user's newest emails, read with their own delegated Graph token (Mail.Read). */
export async function recentMessages(
  graphBaseUrl: string,
  token: string,
  top = 40,
): Promise<StandInMessage[]> {
  const select = 'id,subject,from,toRecipients,ccRecipients,internetMessageId,receivedDateTime';
  const response = await fetch(`${graphBaseUrl}/v1.0/me/messages?$top=${top}&$select=${select}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`Graph answered ${response.status} for the mailbox`);
  const body = (await response.json()) as { value: Message[] };
  const person = (r: Recipient | null | undefined) =>
    r?.emailAddress?.address
      ? { name: r.emailAddress.name ?? r.emailAddress.address, address: r.emailAddress.address }
      : null;
  const people = (list: Recipient[] | null | undefined) =>
    (list ?? []).map(person).filter((p): p is { name: string; address: string } => p !== null);
  return body.value.map((m) => ({
    itemId: m.id ?? '',
    internetMessageId: m.internetMessageId ?? '',
    subject: m.subject ?? '',
    from: person(m.from),
    to: people(m.toRecipients),
    cc: people(m.ccRecipients),
  }));
}
