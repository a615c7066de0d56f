import type { Db } from 'mongodb';
import type { ColleagueHit, CompanySummary, PersonHit, RelationshipHit, SearchKind } from '../../shared/api';
import {
  companyTerms,
  lookupKeys,
  personTerms,
  queryMatches,
  type SearchQueryText,
} from '../../shared/search-text';
import { colleaguesOf, companySummaryOf } from '../contacts/views';
import {
  companies,
  companyId,
  contactId,
  contacts,
  undate,
  unrank,
  type ContactDoc,
} from '../extraction/documents';
import { companyNameFromDomain, isInDomains } from '../extraction/domains';
import { totalCounts } from '../extraction/relationships';
import { colleagueNetworkId, colleagueNetworks, type ColleagueNetworkDoc } from './documents';
import { databaseBuckets, lookupPrefix, readingOnce } from './prefix-index';

/**
 * Answers a search from the index: the candidates come from the prefix buckets of the query's
 * lookup keys, best rank first; each page reads its candidates' documents (point reads, at once),
 * keeps those the query really matches as they are now (a renamed person is not found by the old
 * name) and orders the page by relationship strength, then last contact.
 */

export interface SearchScope {
  db: Db;
  orgId: string;
  /** the organisation's own domains (people there are colleagues, never results), read beside the index */
  internalDomains: Promise<Set<string>>;
  /** the organisation's tenants and Workspaces now: a colleague of one that left is nobody's colleague */
  directoryIds: Promise<Set<string>>;
  now: Date;
}

export interface SearchPage<T> {
  hits: T[];
  /** where the next page starts among the candidates, or null on the last page */
  next: number | null;
  complete: boolean;
}

/** Candidates read per page beyond its size at most (those the query turns out not to match). */
const maxReadRounds = 3;

export async function searchKind<T>(
  scope: SearchScope,
  kind: SearchKind,
  query: SearchQueryText,
  offset: number,
  limit: number,
): Promise<SearchPage<T>> {
  const store = readingOnce(databaseBuckets(scope.db));
  const lookups = await Promise.all(
    lookupKeys(query).map((key) => lookupPrefix(store, scope.orgId, kind, key)),
  );
  const best = new Map<string, number>();
  for (const { entries } of lookups)
    for (const e of entries) if (e.rank > (best.get(e.ref) ?? -1)) best.set(e.ref, e.rank);
  const ordered = [...best.entries()]
    .sort(([refA, a], [refB, b]) => b - a || (refA < refB ? -1 : refA > refB ? 1 : 0))
    .map(([ref]) => ref);
  const read = readers[kind];
  const hits: Array<{ hit: T; order: [number, string] }> = [];
  let position = offset;
  for (let round = 0; round < maxReadRounds && hits.length < limit && position < ordered.length; round++) {
    const chunk = ordered.slice(position, position + limit - hits.length);
    position += chunk.length;
    const found = await Promise.all(chunk.map((ref) => read(scope, ref, query)));
    for (const f of found) if (f) hits.push(f as { hit: T; order: [number, string] });
  }
  hits.sort(
    (a, b) => b.order[0] - a.order[0] || (a.order[1] < b.order[1] ? 1 : a.order[1] > b.order[1] ? -1 : 0),
  );
  return {
    hits: hits.map((h) => h.hit),
    next: position < ordered.length ? position : null,
    complete: lookups.every((l) => l.complete),
  };
}

type Reader = (
  scope: SearchScope,
  ref: string,
  query: SearchQueryText,
) => Promise<{ hit: unknown; order: [number, string] } | null>;

const readers: Record<SearchKind, Reader> = {
  async person(scope, email, query) {
    if (isInDomains(email.split('@')[1] ?? '', await scope.internalDomains)) return null;
    const doc = await contacts(scope.db).findOne({ _id: contactId(scope.orgId, email) });
    if (!doc || !queryMatches(query, personTerms(undate(doc.name)?.value, doc.email))) return null;
    const hit = personHit(doc, scope.now);
    return { hit, order: [hit.strength, hit.lastContactAt ?? ''] };
  },
  async company(scope, domain, query) {
    // A directory that joined later makes its domain the organisation's own: no company of outsiders.
    if (isInDomains(domain, await scope.internalDomains)) return null;
    const doc = await companies(scope.db).findOne({ _id: companyId(scope.orgId, domain) });
    const names = [companyNameFromDomain(domain), unrank(doc?.name)?.value];
    if (!doc || !queryMatches(query, companyTerms(names, domain))) return null;
    // Companies keep the index's order (their most active person's rank).
    return { hit: companySummaryOf(doc) satisfies CompanySummary, order: [0, ''] };
  },
  async colleague(scope, userId, query) {
    const doc = await colleagueNetworks(scope.db).findOne({ _id: colleagueNetworkId(scope.orgId, userId) });
    if (!doc || !queryMatches(query, personTerms(doc.name, doc.email ?? ''))) return null;
    if (!(await scope.directoryIds).has(doc.tenantId)) return null;
    return { hit: colleagueHitOf(doc), order: [0, ''] };
  },
};

export function colleagueHitOf(doc: ColleagueNetworkDoc): ColleagueHit {
  return {
    userId: doc.userId,
    name: doc.name,
    email: doc.email,
    contactPoints: Object.values(doc.months ?? {}).reduce((n, m) => n + m, 0),
  };
}

function personBasics(doc: ContactDoc) {
  return {
    email: doc.email,
    name: undate(doc.name)?.value ?? undate(doc.signature?.name)?.value ?? null,
    company: unrank(doc.company)?.value ?? null,
    domain: doc.domain,
    title: undate(doc.signature?.title)?.value ?? null,
  };
}

/** A person found: the organisation's totals and the colleague who knows them best. */
export function personHit(doc: ContactDoc, now: Date): PersonHit {
  const strongest = colleaguesOf(doc, now)[0];
  return {
    ...personBasics(doc),
    ...totalCounts(doc.months, doc.before),
    strength: strongest?.strength ?? 0,
    lastContactAt: doc.lastContactAt?.toISOString() ?? null,
    knownBestBy: strongest ? { userId: strongest.userId, name: strongest.name } : null,
  };
}

/** A person as one colleague knows them: that colleague's strength and counts. */
export function relationshipWith(doc: ContactDoc, userId: string, now: Date): RelationshipHit | null {
  const mine = colleaguesOf(doc, now).find((c) => c.userId === userId);
  if (!mine) return null;
  return {
    ...personBasics(doc),
    strength: mine.strength,
    sent: mine.sent,
    received: mine.received,
    lastContactAt: mine.lastContactAt,
  };
}
