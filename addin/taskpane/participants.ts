import type { MailItem, Participant } from '../common/office';

/** The API answers at most this many addresses per lookup (GET /api/contacts). */
export const maxLookup = 50;

/**
 * The people to look up for a message, sender first, each once, without the signed-in person.
 * Internal colleagues are filtered by the server (it knows the organisation's domains).
 */
export function lookupCandidates(item: MailItem, ownEmail: string | null): Participant[] {
  const seen = new Set<string>(ownEmail ? [ownEmail.toLowerCase()] : []);
  const result: Participant[] = [];
  for (const p of [...(item.from ? [item.from] : []), ...item.to, ...item.cc]) {
    const email = p.email.toLowerCase();
    if (seen.has(email) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) continue;
    seen.add(email);
    result.push({ name: p.name, email });
  }
  return result.slice(0, maxLookup);
}
