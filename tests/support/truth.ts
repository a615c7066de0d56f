import type { TruthMessage } from '../../emulator';
import { control, type ScenarioUser, type TestEmulator } from './emulator';

export interface ExpectedContactPoint {
  internetMessageId: string;
  direction: 'sent' | 'received';
  at: string;
  external: string[];
}

/**
 * What the product must store for a mailbox, worked out from the emulator's ground truth alone:
 * one contact point per message (copies in several folders count once) that has an external
 * person on it and is neither automated nor list mail, within the backfill window.
 */
export async function expectedContactPoints(
  emulator: TestEmulator,
  owner: ScenarioUser,
  since = new Date(0),
): Promise<Map<string, ExpectedContactPoint>> {
  const truth = await control<{ messages: TruthMessage[] }>(emulator, 'GET', `mailboxes/${owner.id}/truth`);
  const own = new Set([owner.mail.toLowerCase(), owner.userPrincipalName.toLowerCase()]);
  const expected = new Map<string, ExpectedContactPoint>();
  for (const m of truth.messages) {
    if (m.automated || m.list || new Date(m.receivedDateTime) < since) continue;
    const external = m.participants.filter((p) => p.external && !own.has(p.address)).map((p) => p.address);
    if (external.length === 0) continue;
    const sent = own.has(m.from.address.toLowerCase());
    expected.set(m.internetMessageId, {
      internetMessageId: m.internetMessageId,
      direction: sent ? 'sent' : 'received',
      at: sent ? m.sentDateTime : m.receivedDateTime,
      external: [...new Set(external)].sort(),
    });
  }
  return expected;
}

/** Per external person: how many contact points the mailbox has with them, by direction. */
export function totalsByPerson(
  points: Iterable<ExpectedContactPoint>,
): Map<string, { sent: number; received: number }> {
  const totals = new Map<string, { sent: number; received: number }>();
  for (const p of points) {
    for (const email of p.external) {
      const t = totals.get(email) ?? { sent: 0, received: 0 };
      t[p.direction]++;
      totals.set(email, t);
    }
  }
  return totals;
}
