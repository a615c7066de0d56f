import type { Db } from 'mongodb';
import type { ExternalParticipant } from './contact-points';

/**
 * The stored shapes of extraction: the append-only contact points, and the read models the task
 * pane answers from. Every document is addressed by a composite `_id` (ARCHITECTURE.md §4), and
 * every derived value is written with operators that give the same result however often, and in
 * whatever order, the same page is stored ($set of keyed entries, $min/$max of monotonic values).
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

/** A timeline entry in a contact's month bucket: one colleague's contact point with them. */
export interface TimelineEntry {
  at: Date;
  /** colleague (user) id */
  u: string;
  /** 's' sent by the colleague, 'r' received */
  d: 's' | 'r';
  /** subject, when the organisation keeps subjects */
  s?: string | null;
  /** conversation id */
  c?: string | null;
}

/** All contact points with one external person in one month (MongoDB's bucket pattern). */
export interface TimelineDoc {
  _id: string; // {orgId}|{email}|{yyyy-mm}
  orgId: string;
  email: string;
  month: string;
  /** keyed by "{userId}:{messageKey}", so storing the same contact point again changes nothing */
  points: Record<string, TimelineEntry>;
}

export interface MonthCounts {
  s: number;
  r: number;
}

/** A value that the newest observation wins; `at` must stay the first field (BSON compares it first). */
export interface Dated<T> {
  at: Date;
  value: T;
}

export interface SignatureField<T = string> {
  at: Date;
  value: T;
}

export interface ContactDoc {
  _id: string; // {orgId}|{email}
  orgId: string;
  email: string;
  domain: string;
  name?: Dated<string>;
  /** rank 1 = from a signature, 0 = guessed from the domain; higher rank, then newer, wins */
  company?: { rank: number; at: Date; value: string };
  firstContactAt: Date;
  lastContactAt: Date;
  /** per month (yyyy-mm): contact points sent to / received from this person, across the organisation */
  months: Record<string, MonthCounts>;
  /** per colleague (user id): their name and their own per-month counts with this person */
  colleagues: Record<
    string,
    { name: string; tenantId: string; first: Date; last: Date; months: Record<string, MonthCounts> }
  >;
  signature?: {
    title?: SignatureField;
    department?: SignatureField;
    company?: SignatureField;
    phones?: SignatureField<Array<{ type: string; number: string }>>;
    address?: SignatureField;
    url?: SignatureField;
    name?: SignatureField;
  };
  /** Time of the newest message whose body was already parsed for a signature. */
  signatureCheckedAt?: Date;
}

export interface CompanyDoc {
  _id: string; // {orgId}|{domain}
  orgId: string;
  domain: string;
  name: { rank: number; at: Date; value: string };
  /** keyed by fieldKey(email) */
  people: Record<string, { email: string; name: string }>;
  firstContactAt: Date;
  lastContactAt: Date;
}

/** The contact points of one colleague in one month, as a key set: exact counts under replay. */
export interface ColleagueMonthDoc {
  _id: string; // {orgId}|{userId}|{yyyy-mm}
  keys: Record<string, 1>;
}

export const contactPoints = (db: Db) => db.collection<ContactPointDoc>('contactPoints');
export const timelines = (db: Db) => db.collection<TimelineDoc>('timelines');
export const contacts = (db: Db) => db.collection<ContactDoc>('contacts');
export const companies = (db: Db) => db.collection<CompanyDoc>('companies');

export const colleagueMonths = (db: Db) => db.collection<ColleagueMonthDoc>('colleagueMonths');
export const colleagueMonthId = (orgId: string, userId: string, month: string) =>
  `${orgId}|${userId}|${month}`;

export const contactId = (orgId: string, email: string) => `${orgId}|${email}`;
export const companyId = (orgId: string, domain: string) => `${orgId}|${domain}`;
export const timelineId = (orgId: string, email: string, month: string) => `${orgId}|${email}|${month}`;
export const contactPointId = (orgId: string, userId: string, messageKey: string) =>
  `${orgId}|${userId}|${messageKey}`;

/** yyyy-mm in UTC. */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** A document field name for an arbitrary string (emails contain dots; a leading $ is an operator). */
export const fieldKey = (s: string) =>
  s.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
