import type { Db } from 'mongodb';
import { packCounts, unpackCounts } from './documents';

/**
 * Keeping every read model bounded, exactly, without transactions.
 *
 * Time: counts are kept per month, and a month stops changing once it is older than the longest
 * backfill window (no sync ever stores a contact point before `now − backfill`, see mailbox-sync),
 * plus two months for clocks that disagree. Such closed months are rolled up into one `before`
 * total by a compare-and-set on the document (the roll-up can only race another roll-up, never a
 * writer), so a document holds at most the window's ~122 months, however long the relationship.
 *
 * Colleagues: a colleague's exact history with a person lives in its own relationship document
 * ({orgId}|{email}|{userId}); the contact keeps, per colleague, one summary string derived from it,
 * and only for the `colleagueCap` colleagues in touch most recently. Summaries begin with the total
 * number of contact points, so of two views of the same relationship the fuller one is the larger
 * string and `$max` keeps it, in any order and under replay; a colleague dropped from the contact
 * and heard from again comes back with a summary of the whole relationship.
 */

export const longestBackfillDays = 3650;
const closingMarginDays = 62;
export const colleagueCap = 50;
/** Dropping colleagues waits until this many more have gathered, so most writes need no compaction. */
const colleagueSlack = 10;

/** Months of the past whose counts can no longer change (yyyy-mm strictly before the returned month). */
export function closedBefore(now: Date): string {
  const d = new Date(now.getTime() - (longestBackfillDays + closingMarginDays) * 24 * 3600_000);
  return d.toISOString().slice(0, 7);
}

/** Contact points before the window: one packed count, and the months it covers end before `through`. */
export interface ClosedMonths {
  through: string;
  counts: number;
}

export interface RelationshipDoc {
  _id: string; // {orgId}|{email}|{userId}
  orgId: string;
  email: string;
  userId: string;
  name: string;
  tenantId: string;
  first: Date;
  last: Date;
  /** per month (yyyy-mm): packed counts of this colleague's contact points with the person */
  months: Record<string, number>;
  before?: ClosedMonths;
}

export const relationships = (db: Db) => db.collection<RelationshipDoc>('relationships');
export const relationshipId = (orgId: string, email: string, userId: string) => `${orgId}|${email}|${userId}`;

/** Sent and received counts of months plus the rolled-up ones. */
export function totalCounts(months: Record<string, number> | undefined, before?: ClosedMonths) {
  let sent = 0;
  let received = 0;
  for (const packed of [...Object.values(months ?? {}), before?.counts ?? 0]) {
    const c = unpackCounts(packed);
    sent += c.sent;
    received += c.received;
  }
  return { sent, received };
}

const monthIndex = (yyyyMm: string) => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;

/** What the task pane needs of one colleague's relationship with a person, as one comparable string. */
export interface ColleagueSummary {
  name: string;
  tenantId: string;
  sent: number;
  received: number;
  first: Date;
  last: Date;
  /** Σ (sent + received) · ½^(age / 6 months) at the month `atMonth` (see contacts/strength.ts) */
  activity: number;
  /** year · 12 + month − 1 of the relationship's newest month */
  atMonth: number;
}

export function summarise(rel: RelationshipDoc): string {
  const { sent, received } = totalCounts(rel.months, rel.before);
  const months = Object.keys(rel.months ?? {});
  const atMonth =
    months.length > 0 ? Math.max(...months.map(monthIndex)) : monthIndex(rel.last.toISOString());
  let activity = 0;
  for (const [month, packed] of Object.entries(rel.months ?? {})) {
    const c = unpackCounts(packed);
    activity += (c.sent + c.received) * 0.5 ** ((atMonth - monthIndex(month)) / 6);
  }
  // Closed months are over ten years old: ½^20 of their weight is below what the strength rounds off.
  return [
    String(sent + received).padStart(9, '0'),
    atMonth,
    activity.toFixed(6),
    sent,
    received,
    rel.first.getTime(),
    rel.last.getTime(),
    rel.tenantId,
    rel.name,
  ].join('|');
}

export function parseSummary(s: string): ColleagueSummary {
  const [, atMonth, activity, sent, received, first, last, tenantId, ...name] = s.split('|');
  return {
    atMonth: Number(atMonth),
    activity: Number(activity),
    sent: Number(sent),
    received: Number(received),
    first: new Date(Number(first)),
    last: new Date(Number(last)),
    tenantId: tenantId!,
    name: name.join('|'),
  };
}

/** Contacts stored before summaries kept each colleague's months in the contact itself. */
export interface LegacyColleague {
  name: string;
  tenantId: string;
  first: Date;
  last: Date;
  months: Record<string, number>;
}

export function colleagueSummaryOf(value: string | LegacyColleague): ColleagueSummary {
  if (typeof value === 'string') return parseSummary(value);
  return parseSummary(
    summarise({
      _id: '',
      orgId: '',
      email: '',
      userId: '',
      name: value.name,
      tenantId: value.tenantId,
      first: value.first,
      last: value.last,
      months: value.months ?? {},
    }),
  );
}

/** The roll-up of a document's closed months, or null when it has none. */
export function rollUp(
  months: Record<string, number> | undefined,
  before: ClosedMonths | undefined,
  now: Date,
): { closed: string[]; before: ClosedMonths } | null {
  const cutoff = closedBefore(now);
  const closed = Object.keys(months ?? {}).filter((m) => m < cutoff);
  if (closed.length === 0) return null;
  const sums = totalCounts(Object.fromEntries(closed.map((m) => [m, months![m]!])), before);
  return {
    closed,
    before: {
      through: before && before.through > cutoff ? before.through : cutoff,
      counts: packCounts(sums.sent, sums.received),
    },
  };
}

/**
 * Rolls a document's closed months up, if it has any: a compare-and-set on its current roll-up,
 * so of two roll-ups at once one applies and the other finds the document changed. Writers never
 * touch closed months, so nothing else can interfere. Returns the document as it now is.
 */
export async function rollUpClosedMonths<T extends { _id: string }>(
  collection: import('mongodb').Collection<T>,
  doc: T,
  now = new Date(),
  fields = { months: 'months', before: 'before' },
): Promise<T> {
  const months = (doc as Record<string, unknown>)[fields.months] as Record<string, number> | undefined;
  const before = (doc as Record<string, unknown>)[fields.before] as ClosedMonths | undefined;
  const roll = rollUp(months, before, now);
  if (!roll) return doc;
  const guard = before
    ? { [`${fields.before}.through`]: before.through }
    : { [fields.before]: { $exists: false } };
  const unset = Object.fromEntries(roll.closed.map((m) => [`${fields.months}.${m}`, '']));
  const updated = await collection.findOneAndUpdate(
    { _id: doc._id, ...guard } as never,
    { $set: { [fields.before]: roll.before }, $unset: unset } as never,
    { returnDocument: 'after' },
  );
  return (updated as T | null) ?? doc;
}

/**
 * Drops the colleagues in touch longest ago from a contact holding more than the cap. Each dropped
 * entry is part of the filter, so a colleague whose summary changed meanwhile is never dropped on
 * a stale view (the compaction then waits for the next write).
 */
export async function capColleagues(
  collection: import('mongodb').Collection<{ _id: string; colleagues?: Record<string, unknown> }>,
  doc: { _id: string; colleagues?: Record<string, string | LegacyColleague> },
): Promise<void> {
  const entries = Object.entries(doc.colleagues ?? {});
  if (entries.length <= colleagueCap + colleagueSlack) return;
  const byRecency = entries
    .map(([userId, value]) => ({ userId, value, last: colleagueSummaryOf(value).last.getTime() }))
    .sort((a, b) => b.last - a.last || (a.userId < b.userId ? -1 : 1));
  const dropped = byRecency.slice(colleagueCap).filter((e) => typeof e.value === 'string');
  if (dropped.length === 0) return;
  await collection.updateOne(
    { _id: doc._id, ...Object.fromEntries(dropped.map((e) => [`colleagues.${e.userId}`, e.value])) },
    {
      $unset: Object.fromEntries(dropped.map((e) => [`colleagues.${e.userId}`, ''])),
      $set: { colleaguesDropped: true },
    },
  );
}
