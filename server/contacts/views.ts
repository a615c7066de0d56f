import type { Db } from 'mongodb';
import type {
  ColleagueRelationship,
  CompanySummary,
  ExternalContactView,
  SignatureView,
  TimelineItem,
} from '../../shared/api';
import {
  companies,
  companyId,
  contactId,
  contacts,
  timelineId,
  timelines,
  type CompanyDoc,
  type ContactDoc,
  type MonthCounts,
  type TimelineEntry,
} from '../extraction/documents';
import { relationshipStrength } from './strength';

/**
 * Read models for the task pane, answered by point reads of pre-aggregated documents: one contact
 * document per person, its newest month buckets, one company document per domain.
 */

export const recentItems = 5;

function sum(months: Record<string, MonthCounts> | undefined): MonthCounts {
  let s = 0;
  let r = 0;
  for (const c of Object.values(months ?? {})) {
    s += c.s;
    r += c.r;
  }
  return { s, r };
}

export function colleaguesOf(doc: ContactDoc, now: Date): ColleagueRelationship[] {
  return Object.entries(doc.colleagues ?? {})
    .map(([userId, c]) => {
      const total = sum(c.months);
      return {
        userId,
        name: c.name,
        sent: total.s,
        received: total.r,
        firstContactAt: c.first.toISOString(),
        lastContactAt: c.last.toISOString(),
        strength: relationshipStrength(c.months ?? {}, now),
      };
    })
    .sort((a, b) => b.strength - a.strength || b.lastContactAt.localeCompare(a.lastContactAt));
}

function signatureOf(doc: ContactDoc): SignatureView | null {
  const s = doc.signature;
  if (!s) return null;
  const times = Object.values(s).map((f) => f?.at?.getTime() ?? 0);
  return {
    name: s.name?.value ?? null,
    title: s.title?.value ?? null,
    department: s.department?.value ?? null,
    company: s.company?.value ?? null,
    phones: s.phones?.value ?? [],
    address: s.address?.value ?? null,
    url: s.url?.value ?? null,
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
    colleague: { userId: e.u, name: names[e.u]?.name ?? '' },
    direction: e.d === 's' ? 'sent' : 'received',
    subject: keepSubjects ? (e.s ?? null) : null,
  };
}

/** Months that have contact points, newest first. */
export const monthsNewestFirst = (doc: ContactDoc) =>
  Object.keys(doc.months ?? {})
    .sort()
    .reverse();

/** The newest `limit` entries from the newest buckets: usually one or two point reads. */
async function newestEntries(db: Db, doc: ContactDoc, limit: number): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (const month of monthsNewestFirst(doc)) {
    const bucket = await timelines(db).findOne({ _id: timelineId(doc.orgId, doc.email, month) });
    if (bucket) entries.push(...Object.values(bucket.points).sort((a, b) => b.at.getTime() - a.at.getTime()));
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
    name: doc.name?.value ?? signature?.name ?? null,
    domain: doc.domain,
    company: doc.company?.value ?? null,
    signature,
    totals: {
      sent: total.s,
      received: total.r,
      firstContactAt: doc.firstContactAt.toISOString(),
      lastContactAt: doc.lastContactAt.toISOString(),
    },
    colleagues: colleaguesOf(doc, now),
    recent: recent.map((e) => toTimelineItem(e, doc.colleagues ?? {}, keepSubjects)),
    months: Object.entries(doc.months ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, c]) => ({ month, sent: c.s, received: c.r })),
  };
}

export function companySummaryOf(doc: CompanyDoc): CompanySummary {
  return {
    domain: doc.domain,
    name: doc.name.value,
    people: Object.keys(doc.people ?? {}).length,
    firstContactAt: doc.firstContactAt.toISOString(),
    lastContactAt: doc.lastContactAt.toISOString(),
  };
}

export async function companySummary(db: Db, orgId: string, domain: string): Promise<CompanySummary | null> {
  const doc = await companies(db).findOne({ _id: companyId(orgId, domain) });
  return doc ? companySummaryOf(doc) : null;
}
