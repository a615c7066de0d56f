import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import type { ExternalParticipant } from './contact-points';
import type { ClosedMonths, LegacyColleague } from './relationships';

/**
 * The stored shapes of extraction: the append-only contact points, and the read models the task
 * pane answers from. Every document is addressed by a composite `_id` (ARCHITECTURE.md §4), and
 * every derived value is written with operators that give the same result however often, and in
 * whatever order, the same batch is stored ($addToSet of identical entries, $min/$max of
 * monotonic values).
 *
 * Read models are compact: many small values inside one document cost the embedded server
 * (FerretDB) about 50 µs each on every update and 25 µs on every read, so timeline entries,
 * people and key sets are strings in arrays, counts are packed into one number, and dated values
 * are strings that sort by time.
 */

/** One colleague's contact with external people through one message. Never updated or deleted. */
export interface ContactPointDoc {
  _id: string; // {orgId}|{userId}|{messageKey}
  orgId: string;
  tenantId: string;
  userId: string;
  messageKey: string;
  graphMessageId: string;
  internetMessageId: string | null;
  conversationId: string | null;
  occurredAt: Date;
  direction: 'sent' | 'received';
  external: ExternalParticipant[];
  subject: string | null;
  storedAt: Date;
}

/** All contact points with one external person in one quarter (MongoDB's bucket pattern). */
export interface TimelineDoc {
  _id: string; // {orgId}|{email}|{yyyy-Qn}
  orgId: string;
  email: string;
  quarter: string;
  /** timeline entries (see timelineEntry): the same contact point always gives the same string */
  entries: string[];
}

export interface TimelineEntry {
  at: Date;
  userId: string;
  messageKey: string;
  direction: 'sent' | 'received';
  subject: string | null;
}

export interface ContactDoc {
  _id: string; // {orgId}|{email}
  orgId: string;
  email: string;
  domain: string;
  /** dated string (see dated): the newest display name seen */
  name?: string;
  /** "{rank}|" + dated string: rank 1 = from a signature, 0 = guessed from the domain */
  company?: string;
  firstContactAt: Date;
  lastContactAt: Date;
  /** per month (yyyy-mm): packed counts (see packCounts) across the organisation, for the open months */
  months: Record<string, number>;
  /** the months too old to change, rolled up (see relationships.ts) */
  before?: ClosedMonths;
  /**
   * per colleague (user id): a summary of their relationship with the person (see relationships.ts),
   * for the colleagues in touch most recently; legacy documents held an object with the months
   */
  colleagues: Record<string, string | LegacyColleague>;
  /** colleagues in touch longest ago were dropped from `colleagues` (their relationships stay) */
  colleaguesDropped?: boolean;
  /** signature fields as dated strings; phones as a dated JSON array */
  signature?: Partial<
    Record<'name' | 'title' | 'department' | 'company' | 'phones' | 'address' | 'url', string>
  >;
  /** the newest entries of the newest timeline bucket (see recentOfBucket): the task pane's timeline without reading buckets */
  recent?: string;
  /** time of the newest message whose body was already read for a signature */
  signatureCheckedAt?: Date;
}

export interface CompanyDoc {
  _id: string; // {orgId}|{domain}
  orgId: string;
  domain: string;
  /** "{rank}|" + dated string, as on contacts */
  name: string;
  /** per part of companyPeople: how many people it holds, kept with `$max` (a part only grows) */
  peopleCounts?: Record<string, number>;
  /** before the people were split into parts: their number then */
  peopleCount?: number;
  firstContactAt: Date;
  lastContactAt: Date;
  /** the search rank of its most active person (a maximum of monotonic ranks, kept with `$max`) */
  searchRank?: number;
}

/**
 * The people of one company, apart from the company document (a company of thousands of people
 * would otherwise make every task-pane lookup of anyone there read all their addresses), and in
 * `companyPeopleParts` parts by a hash of the address, so no document holds more than a
 * thirty-second of a company however many of its people the organisation meets over the years, and
 * a batch rewrites only the parts of the people in it.
 */
export interface CompanyPeopleDoc {
  _id: string; // {orgId}|{domain}|{part}; before parts: {orgId}|{domain}
  orgId: string;
  domain: string;
  part?: number;
  /** per person (key: personKey of the address): their last contact, kept with `$max` */
  seen: Record<string, Date>;
}

export const companyPeopleParts = 32;
export const companyPeoplePartOf = (email: string) =>
  createHash('sha1').update(email).digest().readUInt32BE(0) % companyPeopleParts;
export const companyPeopleId = (orgId: string, domain: string, part: number) => `${orgId}|${domain}|${part}`;

/** How many people a company has: the sum of its parts' sizes. */
export const peopleCountOf = (company: Pick<CompanyDoc, 'peopleCounts' | 'peopleCount'>) =>
  Math.max(
    company.peopleCount ?? 0,
    Object.values(company.peopleCounts ?? {}).reduce((a, b) => a + b, 0),
  );

/** An address as a field name: `.` would be a path and `$` an operator, so both are escaped. */
export const personKey = (email: string) =>
  email.replaceAll('%', '%25').replaceAll('.', '%2E').replaceAll('$', '%24');
export const personOfKey = (key: string) =>
  key.replaceAll('%2E', '.').replaceAll('%24', '$').replaceAll('%25', '%');

/** The contact points of one colleague in one month, as a key set: exact counts under replay. */
export interface ColleagueMonthDoc {
  _id: string; // {orgId}|{userId}|{yyyy-mm}
  keys: string[];
}

export const contactPoints = (db: Db) => db.collection<ContactPointDoc>('contactPoints');
export const timelines = (db: Db) => db.collection<TimelineDoc>('timelines');
export const contacts = (db: Db) => db.collection<ContactDoc>('contacts');
export const companies = (db: Db) => db.collection<CompanyDoc>('companies');
export const companyPeople = (db: Db) => db.collection<CompanyPeopleDoc>('companyPeople');
export const colleagueMonths = (db: Db) => db.collection<ColleagueMonthDoc>('colleagueMonths');

export const contactId = (orgId: string, email: string) => `${orgId}|${email}`;
export const companyId = (orgId: string, domain: string) => `${orgId}|${domain}`;
export const timelineId = (orgId: string, email: string, quarter: string) => `${orgId}|${email}|${quarter}`;
export const contactPointId = (orgId: string, userId: string, messageKey: string) =>
  `${orgId}|${userId}|${messageKey}`;
export const colleagueMonthId = (orgId: string, userId: string, month: string) =>
  `${orgId}|${userId}|${month}`;

/** yyyy-mm in UTC. */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** yyyy-Qn of a month (yyyy-mm): timelines are bucketed by quarter, counts kept by month. */
export const quarterOfMonth = (month: string) =>
  `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

// ---- compact encodings ----

const stamp = (at: Date) => String(Math.max(0, at.getTime())).padStart(15, '0');

/** A value with its time, as a string that sorts by time: `$max` keeps the newest. */
export const dated = (at: Date, value: string) => `${stamp(at)}|${value}`;

export function undate(s: string | undefined): { at: Date; value: string } | null {
  if (!s) return null;
  const bar = s.indexOf('|');
  return { at: new Date(Number(s.slice(0, bar))), value: s.slice(bar + 1) };
}

/** A company name that a signature (rank 1) beats a guess from the domain (rank 0), then newest wins. */
export const ranked = (rank: 0 | 1, at: Date, value: string) => `${rank}|${dated(at, value)}`;

export function unrank(s: string | undefined): { rank: number; at: Date; value: string } | null {
  if (!s) return null;
  const d = undate(s.slice(2))!;
  return { rank: Number(s[0]), ...d };
}

/**
 * Sent and received counts in one number, so one `$max` keeps both. Counts come from a bucket that
 * only grows, so of two views of it one contains the other: the later view is larger in both
 * counts, and so in the packed number.
 */
export const packCounts = (sent: number, received: number) => sent * 1_000_000 + received;
export const unpackCounts = (n: number | undefined) => ({
  sent: Math.floor((n ?? 0) / 1_000_000),
  received: (n ?? 0) % 1_000_000,
});

export function timelineEntry(e: TimelineEntry): string {
  // Control characters carry no meaning in a subject and would break the separator of recentOfBucket.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const subject = (e.subject ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ');
  return [stamp(e.at), e.userId, e.messageKey, e.direction === 'sent' ? 's' : 'r', subject].join('|');
}

/** How many of a bucket's newest entries a contact keeps in `recent`: room for the pane's five and some repeats. */
export const recentKept = 8;
const recentSeparator = '\u0001';

/**
 * The newest entries of one timeline bucket as one string, `{quarter}` then the entries newest
 * first, each after a separator that sorts below every character of an entry. Kept on the contact
 * with `$max`, it is exact under replay and concurrent writers: a bucket only grows, and a grown
 * bucket's string is never smaller (an entry that enters the newest ones is newer than the one it
 * displaces; more entries extend the string); a newer quarter's string is larger than any older one.
 */
export function recentOfBucket(quarter: string, entries: string[] | undefined): string {
  const newest = [...(entries ?? [])].sort().reverse().slice(0, recentKept);
  return [quarter, ...newest].join(recentSeparator);
}

export function parseRecent(s: string | undefined): { quarter: string; entries: string[] } | null {
  if (!s) return null;
  const [quarter, ...entries] = s.split(recentSeparator);
  return { quarter: quarter!, entries };
}

export function parseTimelineEntry(s: string): TimelineEntry {
  const [at, userId, messageKey, d, ...subject] = s.split('|');
  const text = subject.join('|');
  return {
    at: new Date(Number(at)),
    userId: userId!,
    messageKey: messageKey!,
    direction: d === 's' ? 'sent' : 'received',
    subject: text || null,
  };
}

/** Entries of a bucket, one per contact point (a changed subject setting can give one point two strings), newest first. */
export function bucketEntries(entries: string[] | undefined): TimelineEntry[] {
  const seen = new Map<string, TimelineEntry>();
  for (const raw of entries ?? []) {
    const e = parseTimelineEntry(raw);
    const key = `${e.userId}|${e.messageKey}`;
    if (!seen.has(key) || (e.subject && !seen.get(key)!.subject)) seen.set(key, e);
  }
  return [...seen.values()].sort((a, b) => b.at.getTime() - a.at.getTime());
}
