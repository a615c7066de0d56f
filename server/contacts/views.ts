import type { Db } from 'mongodb';
import type {
  ColleagueRelationship,
  CompanySummary,
  ExternalContactView,
  SignatureView,
  TimelineItem,
} from '../../shared/api';
import {
  bucketEntries,
  companies,
  companyId,
  contactId,
  contacts,
  parseRecent,
  quarterOfMonth,
  recentKept,
  timelineId,
  timelines,
  undate,
  unpackCounts,
  unrank,
  type CompanyDoc,
  type ContactDoc,
  type TimelineEntry,
} from '../extraction/documents';
import { relationshipStrength } from './strength';

/**
 * Read models for the task pane, answered by point reads of pre-aggregated documents: one contact
 * document per person, its newest month buckets, one company document per domain.
 */

export const recentItems = 5;

function sum(months: Record<string, number> | undefined): { sent: number; received: number } {
  let sent = 0;
  let received = 0;
  for (const packed of Object.values(months ?? {})) {
    const c = unpackCounts(packed);
    sent += c.sent;
    received += c.received;
  }
  return { sent, received };
}

/** Packed month counts as the strength formula takes them. */
function monthCounts(months: Record<string, number> | undefined) {
  return Object.fromEntries(
    Object.entries(months ?? {}).map(([m, packed]) => {
      const c = unpackCounts(packed);
      return [m, { s: c.sent, r: c.received }];
    }),
  );
}

export function colleaguesOf(doc: ContactDoc, now: Date): ColleagueRelationship[] {
  return (
    Object.entries(doc.colleagues ?? {})
      // Another colleague's page may already have written this colleague's monthly counts while
      // their own page (first and last contact) is still being stored: not shown until it is.
      .filter(([, c]) => c.first instanceof Date && c.last instanceof Date)
      .map(([userId, c]) => {
        const total = sum(c.months);
        return {
          userId,
          name: c.name,
          sent: total.sent,
          received: total.received,
          firstContactAt: c.first.toISOString(),
          lastContactAt: c.last.toISOString(),
          strength: relationshipStrength(monthCounts(c.months), now),
        };
      })
      .sort((a, b) => b.strength - a.strength || b.lastContactAt.localeCompare(a.lastContactAt))
  );
}

function signatureOf(doc: ContactDoc): SignatureView | null {
  const s = doc.signature;
  if (!s || Object.keys(s).length === 0) return null;
  const field = (key: keyof NonNullable<ContactDoc['signature']>) => undate(s[key]);
  const fields = (['name', 'title', 'department', 'company', 'address', 'url', 'phones'] as const).map(field);
  const times = fields.flatMap((f) => (f ? [f.at.getTime()] : []));
  let phones: SignatureView['phones'] = [];
  try {
    phones = JSON.parse(field('phones')?.value ?? '[]');
  } catch {
    phones = [];
  }
  return {
    name: field('name')?.value ?? null,
    title: field('title')?.value ?? null,
    department: field('department')?.value ?? null,
    company: field('company')?.value ?? null,
    phones,
    address: field('address')?.value ?? null,
    url: field('url')?.value ?? null,
    seenAt: times.length ? new Date(Math.max(...times)).toISOString() : null,
  };
}

export function toTimelineItem(
  e: TimelineEntry,
  names: Record<string, { name: string }>,
  keepSubjects: boolean,
): TimelineItem {
  return {
    at: e.at.toISOString(),
    colleague: { userId: e.userId, name: names[e.userId]?.name ?? '' },
    direction: e.direction,
    subject: keepSubjects ? e.subject : null,
  };
}

/** Quarters (timeline buckets) that have contact points, newest first. */
export const quartersNewestFirst = (doc: ContactDoc) =>
  [...new Set(Object.keys(doc.months ?? {}).map(quarterOfMonth))].sort().reverse();

/**
 * The newest `limit` entries. Usually no read at all: the contact keeps its newest bucket's newest
 * entries; older buckets are read only when that bucket holds fewer than `limit` contact points.
 */
async function newestEntries(db: Db, doc: ContactDoc, limit: number): Promise<TimelineEntry[]> {
  const quarters = quartersNewestFirst(doc);
  const kept = parseRecent(doc.recent);
  let entries: TimelineEntry[] = [];
  let older = quarters;
  if (kept && kept.quarter === quarters[0]) {
    entries = bucketEntries(kept.entries);
    if (entries.length >= limit) return entries.slice(0, limit);
    if (kept.entries.length < recentKept)
      older = quarters.slice(1); // the whole bucket was kept
    else entries = []; // repeats crowded the kept entries out: read the bucket itself
  }
  for (const quarter of older) {
    const bucket = await timelines(db).findOne({ _id: timelineId(doc.orgId, doc.email, quarter) });
    if (bucket) entries.push(...bucketEntries(bucket.entries));
    if (entries.length >= limit) break;
  }
  return entries.slice(0, limit);
}

export function unknownContact(email: string): ExternalContactView {
  return {
    email,
    internal: false,
    known: false,
    name: null,
    domain: email.split('@')[1]!,
    company: null,
    signature: null,
    totals: { sent: 0, received: 0, firstContactAt: null, lastContactAt: null },
    colleagues: [],
    recent: [],
    months: [],
  };
}

export async function contactView(
  db: Db,
  orgId: string,
  email: string,
  keepSubjects: boolean,
  now: Date,
): Promise<ExternalContactView> {
  const doc = await contacts(db).findOne({ _id: contactId(orgId, email) });
  if (!doc) return unknownContact(email);
  const total = sum(doc.months);
  const signature = signatureOf(doc);
  const recent = await newestEntries(db, doc, recentItems);
  return {
    email,
    internal: false,
    known: true,
    name: undate(doc.name)?.value ?? signature?.name ?? null,
    domain: doc.domain,
    company: unrank(doc.company)?.value ?? null,
    signature,
    totals: {
      sent: total.sent,
      received: total.received,
      firstContactAt: doc.firstContactAt.toISOString(),
      lastContactAt: doc.lastContactAt.toISOString(),
    },
    colleagues: colleaguesOf(doc, now),
    recent: recent.map((e) => toTimelineItem(e, doc.colleagues ?? {}, keepSubjects)),
    months: Object.entries(doc.months ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, packed]) => ({ month, ...unpackCounts(packed) })),
  };
}

export function companySummaryOf(doc: CompanyDoc): CompanySummary {
  return {
    domain: doc.domain,
    name: unrank(doc.name)?.value ?? doc.domain,
    people: doc.peopleCount ?? 0,
    firstContactAt: doc.firstContactAt.toISOString(),
    lastContactAt: doc.lastContactAt.toISOString(),
  };
}

export async function companySummary(db: Db, orgId: string, domain: string): Promise<CompanySummary | null> {
  const doc = await companies(db).findOne({ _id: companyId(orgId, domain) });
  return doc ? companySummaryOf(doc) : null;
}
