import type { Db } from 'mongodb';
import type { SearchKind } from '../../shared/api';
import { codePoints, companyTerms, personTerms } from '../../shared/search-text';
import { dated, undate, unrank } from '../../server/extraction/documents';
import { companyNameFromDomain, isFreeMailDomain } from '../../server/extraction/domains';
import {
  activityRank,
  bucketCapacity,
  compareEntries,
  networkCompanies,
  networkPeople,
  type IndexEntry,
} from '../../server/search/documents';
import { bestOf } from '../../server/search/index-batch';
import { databaseBuckets, lookupPrefix } from '../../server/search/prefix-index';

/**
 * What relationship search must hold, worked out from the stored contact points alone (plus
 * colleagues' names from their integrations and the names companies sign with): the entries of
 * every person, company and colleague with their rank, and each colleague's strongest people.
 */
export interface SearchTruth {
  entries: Record<SearchKind, IndexEntry[]>;
  /** per colleague: their best `networkPeople` addresses, with rank */
  networks: Map<string, Array<{ rank: number; ref: string }>>;
}

interface StoredPoint {
  orgId: string;
  userId: string;
  occurredAt: Date;
  external: Array<{ email: string; name: string; domain: string }>;
}

const countBy = (map: Map<string, Map<string, number>>, key: string, month: string) => {
  const months = map.get(key) ?? new Map<string, number>();
  months.set(month, (months.get(month) ?? 0) + 1);
  map.set(key, months);
};

export async function searchTruth(db: Db, orgId: string): Promise<SearchTruth> {
  const points = (await db.collection('contactPoints').find({ orgId }).toArray()) as unknown as StoredPoint[];
  const personMonths = new Map<string, Map<string, number>>();
  const pairMonths = new Map<string, Map<string, number>>();
  const colleagueMonths = new Map<string, Map<string, number>>();
  const names = new Map<string, string>();
  const domains = new Map<string, string>();
  for (const p of points) {
    const month = p.occurredAt.toISOString().slice(0, 7);
    countBy(colleagueMonths, p.userId, month);
    for (const person of p.external) {
      countBy(personMonths, person.email, month);
      countBy(pairMonths, `${p.userId} ${person.email}`, month);
      domains.set(person.email, person.domain);
      if (person.name && person.name.toLowerCase() !== person.email) {
        const named = dated(p.occurredAt, person.name);
        if (named > (names.get(person.email) ?? '')) names.set(person.email, named);
      }
    }
  }
  const personRank = new Map([...personMonths].map(([email, months]) => [email, activityRank(months)]));
  const entries: SearchTruth['entries'] = { person: [], company: [], colleague: [] };
  const companyRank = new Map<string, number>();
  for (const [email, rank] of personRank) {
    for (const term of personTerms(undate(names.get(email))?.value, email))
      entries.person.push({ rank, term, ref: email });
    const domain = domains.get(email)!;
    if (!isFreeMailDomain(domain)) companyRank.set(domain, Math.max(rank, companyRank.get(domain) ?? 0));
  }
  for (const [domain, rank] of companyRank) {
    const company = await db.collection('companies').findOne({ _id: `${orgId}|${domain}` as never });
    const signed = unrank(company?.name as string | undefined)?.value;
    for (const term of companyTerms([companyNameFromDomain(domain), signed], domain))
      entries.company.push({ rank, term, ref: domain });
  }
  const networks: SearchTruth['networks'] = new Map();
  for (const integration of await db.collection('integrations').find({ orgId }).toArray()) {
    const userId = integration.userId as string;
    const months = colleagueMonths.get(userId);
    if (!months) continue;
    const rank = activityRank(months);
    for (const term of personTerms(
      integration.displayName as string,
      (integration.mail ?? integration.userPrincipalName) as string,
    ))
      entries.colleague.push({ rank, term, ref: userId });
    const theirs = [...pairMonths]
      .filter(([key]) => key.startsWith(`${userId} `))
      .map(([key, m]) => ({ rank: activityRank(m), ref: key.slice(userId.length + 1) }))
      .sort((a, b) => b.rank - a.rank || (a.ref < b.ref ? -1 : 1))
      .slice(0, networkPeople);
    networks.set(userId, theirs);
  }
  return { entries, networks };
}

/** The best `bucketCapacity` entries starting with `prefix`, as the index must answer. */
export function expectedLookup(truth: SearchTruth, kind: SearchKind, prefix: string): IndexEntry[] {
  return truth.entries[kind]
    .filter((e) => e.term.startsWith(prefix))
    .sort(compareEntries)
    .slice(0, bucketCapacity);
}

/** Prefixes worth checking: every prefix of up to three characters and every whole term. */
export function prefixesOf(truth: SearchTruth, kind: SearchKind): string[] {
  const prefixes = new Set<string>();
  for (const { term } of truth.entries[kind]) {
    const chars = codePoints(term);
    for (let n = 1; n <= Math.min(3, chars.length); n++) prefixes.add(chars.slice(0, n).join(''));
    prefixes.add(term);
  }
  return [...prefixes].sort();
}

/** Differences between what the index answers and the truth: [] when every prefix is exact. */
export async function indexDifferences(db: Db, orgId: string, truth: SearchTruth): Promise<string[]> {
  const store = databaseBuckets(db);
  const problems: string[] = [];
  for (const kind of ['person', 'company', 'colleague'] as const) {
    for (const prefix of prefixesOf(truth, kind)) {
      const { entries } = await lookupPrefix(store, orgId, kind, prefix);
      const want = expectedLookup(truth, kind, prefix);
      const show = (xs: IndexEntry[]) => xs.map((e) => `${e.rank} ${e.term} ${e.ref}`).join(', ');
      if (show(entries) !== show(want))
        problems.push(`${kind} "${prefix}": got [${show(entries)}] want [${show(want)}]`);
    }
  }
  for (const [userId, want] of truth.networks) {
    const doc = await db.collection('colleagueNetworks').findOne({ _id: `${orgId}|${userId}` as never });
    const got = bestOf(doc?.people as Record<string, 1> | undefined, networkPeople);
    const show = (xs: Array<{ rank: number; ref: string }>) => xs.map((x) => `${x.rank} ${x.ref}`).join(', ');
    if (show(got) !== show(want))
      problems.push(`network of ${userId}: got [${show(got)}] want [${show(want)}]`);
    if (Object.keys(doc?.companies ?? {}).length > networkCompanies * 1.5)
      problems.push(`network of ${userId}: too many companies`);
  }
  return problems;
}
