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
  peopleCountOf,
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
import { colleagueSummaryOf, relationshipId, relationships, totalCounts } from '../extraction/relationships';
import { strengthAt } from './strength';

/**
 * Read models for the task pane, answered by point reads of pre-aggregated documents: one contact
 * document per person, its newest month buckets, one company document per domain.
 */

export const recentItems = 5;

export function colleaguesOf(doc: ContactDoc, now: Date): ColleagueRelationship[] {
  return (
    Object.entries(doc.colleagues ?? {})
      // A legacy entry may hold only the counts another colleague's page wrote (see db/schema.ts).
      .filter(([, value]) => typeof value === 'string' || value.first instanceof Date)
      .map(([userId, value]) => {
        const c = colleagueSummaryOf(value);
        return {
          userId,
          name: c.name,
          sent: c.sent,
          received: c.received,
          firstContactAt: c.first.toISOString(),
          lastContactAt: c.last.toISOString(),
          strength: strengthAt(c.activity, c.atMonth, c.sent, c.received, now),
        };
      })
      .sort((a, b) => b.strength - a.strength || b.lastContactAt.localeCompare(a.lastContactAt))
  );
}

/**
 * Colleagues' names for timeline entries: from the contact's summaries, and for colleagues dropped
 * from it (in touch longest ago) from their relationship documents.
 */
export async function colleagueNames(
  db: Db,
  doc: ContactDoc,
  entries: TimelineEntry[],
): Promise<Record<string, { name: string }>> {
  const names: Record<string, { name: string }> = {};
  for (const [userId, value] of Object.entries(doc.colleagues ?? {}))
    names[userId] = { name: colleagueSummaryOf(value).name };
  const missing = [...new Set(entries.map((e) => e.userId))].filter((u) => !names[u]);
  const found = await Promise.all(
    missing.map((u) => relationships(db).findOne({ _id: relationshipId(doc.orgId, doc.email, u) })),
  );
  for (const rel of found) if (rel) names[rel.userId] = { name: rel.name };
  return names;
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

/**
 * Quarters (timeline buckets) that may have contact points, newest first: those of the open months,
 * then every quarter of the rolled-up closed months back to the first contact.
 */
export function quartersNewestFirst(doc: ContactDoc): string[] {
  const quarters = new Set(Object.keys(doc.months ?? {}).map(quarterOfMonth));
  if (doc.before) {
    const from = doc.firstContactAt.getUTCFullYear() * 12 + doc.firstContactAt.getUTCMonth();
    const through = Number(doc.before.through.slice(0, 4)) * 12 + Number(doc.before.through.slice(5, 7)) - 1;
    for (let i = from; i < through; i += 1) {
      const month = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      quarters.add(quarterOfMonth(month));
    }
  }
  return [...quarters].sort().reverse();
}

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
  const total = totalCounts(doc.months, doc.before);
  const signature = signatureOf(doc);
  const recent = await newestEntries(db, doc, recentItems);
  const names = await colleagueNames(db, doc, recent);
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
    recent: recent.map((e) => toTimelineItem(e, names, keepSubjects)),
    months: Object.entries(doc.months ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, packed]) => ({ month, ...unpackCounts(packed) })),
  };
}

export function companySummaryOf(doc: CompanyDoc): CompanySummary {
  return {
    domain: doc.domain,
    name: unrank(doc.name)?.value ?? doc.domain,
    people: peopleCountOf(doc),
    firstContactAt: doc.firstContactAt.toISOString(),
    lastContactAt: doc.lastContactAt.toISOString(),
  };
}

export async function companySummary(db: Db, orgId: string, domain: string): Promise<CompanySummary | null> {
  const doc = await companies(db).findOne({ _id: companyId(orgId, domain) });
  return doc ? companySummaryOf(doc) : null;
}
