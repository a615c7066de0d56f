import type { Db } from 'mongodb';
import { companyTerms, personTerms } from '../../shared/search-text';
import { retryDuplicateUpsert } from '../db/upserts';
import { undate, unpackCounts, unrank, type CompanyDoc, type ContactDoc } from '../extraction/documents';
import { companyNameFromDomain, isFreeMailDomain } from '../extraction/domains';
import {
  activityRank,
  colleagueNetworkId,
  colleagueNetworks,
  networkCompanies,
  networkKey,
  networkPeople,
  parseNetworkKey,
  type ColleagueNetworkDoc,
} from './documents';
import { databaseBuckets, placeEntries, type Placement } from './prefix-index';

/**
 * Keeps relationship search up to date with a stored batch. Called by storePage after the
 * contacts and companies are written, with their documents as they are now, so the ranks come
 * from exact, monotonic counts: the last writer of a contact sees its final counts, and the
 * index keeps the highest rank written.
 */

/** The organisation's activity with a person (all colleagues), as the index ranks it. */
export const personRank = (contact: Pick<ContactDoc, 'months'>) => activityRank(packedTotals(contact.months));

/**
 * One colleague's months with a person: their relationship document (extraction/relationships.ts),
 * since a contact keeps only a summary per colleague.
 */
export interface ColleagueRelation {
  email: string;
  domain: string;
  months?: Record<string, number>;
}

/** One colleague's activity with a person. */
export const colleagueRank = (relation: Pick<ColleagueRelation, 'months'>) =>
  activityRank(packedTotals(relation.months));

function packedTotals(months: Record<string, number> | undefined): Array<[string, number]> {
  return Object.entries(months ?? {}).map(([m, packed]) => {
    const { sent, received } = unpackCounts(packed);
    return [m, sent + received];
  });
}

/** A person's entries: their terms at the organisation's rank with them. */
export function personPlacements(contact: ContactDoc): Placement[] {
  const rank = personRank(contact);
  if (rank === 0) return [];
  return personTerms(undate(contact.name)?.value, contact.email).map((term) => ({
    orgId: contact.orgId,
    kind: 'person' as const,
    entry: { rank, term, ref: contact.email },
  }));
}

/** A company is found by the name guessed from its domain, the name its people sign with, and its domain. */
export function companyPlacements(company: CompanyDoc): Placement[] {
  const rank = company.searchRank ?? 0;
  if (rank === 0) return [];
  const names = [companyNameFromDomain(company.domain), unrank(company.name)?.value];
  return companyTerms(names, company.domain).map((term) => ({
    orgId: company.orgId,
    kind: 'company' as const,
    entry: { rank, term, ref: company.domain },
  }));
}

export function colleaguePlacements(network: ColleagueNetworkDoc): Placement[] {
  const rank = activityRank(Object.entries(network.months ?? {}));
  if (rank === 0) return [];
  return personTerms(network.name, network.email ?? '').map((term) => ({
    orgId: network.orgId,
    kind: 'colleague' as const,
    entry: { rank, term, ref: network.userId },
  }));
}

/**
 * Places entries in the index. Entries it already holds at their rank cost a read of their
 * path and no write, so a batch simply offers everyone it touched; a crash half-way is repaired
 * by the replay offering them again.
 */
export async function indexEntries(db: Db, placements: Placement[]): Promise<void> {
  if (placements.length > 0) await placeEntries(databaseBuckets(db), placements);
}

/**
 * Brings search up to date with a stored batch of one colleague's mailbox: the colleague's own
 * document, then every person, company and the colleague in the index.
 */
export async function indexStoredBatch(
  db: Db,
  colleague: ColleagueOfBatch,
  monthTotals: Record<string, number>,
  people: ContactDoc[],
  relations: ColleagueRelation[],
  companies: CompanyDoc[],
): Promise<void> {
  const network = await storeColleagueNetwork(db, colleague, monthTotals, networkOffers(relations));
  await indexEntries(db, [
    ...people.flatMap(personPlacements),
    ...companies.flatMap(companyPlacements),
    ...(network ? colleaguePlacements(network) : []),
  ]);
}

export interface ColleagueOfBatch {
  orgId: string;
  tenantId: string;
  userId: string;
  name: string;
  email: string | null;
}

/** A colleague's people and companies with their rank, offered to the colleague's document. */
export interface NetworkOffers {
  people: Map<string, number>;
  companies: Map<string, number>;
}

/** What a batch offers: each person at the colleague's own rank with them, each company at its best person's. */
export function networkOffers(relations: ColleagueRelation[], into?: NetworkOffers): NetworkOffers {
  const offers = into ?? { people: new Map(), companies: new Map() };
  for (const relation of relations) {
    const rank = colleagueRank(relation);
    if (rank === 0) continue;
    const { email, domain } = relation;
    offers.people.set(email, Math.max(rank, offers.people.get(email) ?? 0));
    if (!isFreeMailDomain(domain))
      offers.companies.set(domain, Math.max(rank, offers.companies.get(domain) ?? 0));
  }
  return offers;
}

/** The best `limit` of a map of ranks, as a colleague's document keeps them. */
export function bestOffers(ranks: Map<string, number>, limit: number): Map<string, number> {
  return new Map(
    [...ranks.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit),
  );
}

/**
 * The colleague's own document: their monthly totals (`$max` of exact totals), and their
 * strongest people and companies by their own activity with each. A write offers at most as many
 * as the document keeps (the best `networkPeople`, `networkCompanies`); once it holds half as many
 * again, stale ranks and everything below are dropped with `$unset` of exact fields, so a
 * concurrent raise of someone's rank (another field) survives.
 */
export async function storeColleagueNetwork(
  db: Db,
  colleague: ColleagueOfBatch,
  monthTotals: Record<string, number>,
  offers: NetworkOffers,
): Promise<ColleagueNetworkDoc | null> {
  const set: Record<string, unknown> = { name: colleague.name, email: colleague.email };
  for (const [email, rank] of bestOffers(offers.people, networkPeople))
    set[`people.${networkKey(rank, email)}`] = 1;
  for (const [domain, rank] of bestOffers(offers.companies, networkCompanies))
    set[`companies.${networkKey(rank, domain)}`] = 1;
  const max = Object.fromEntries(Object.entries(monthTotals).map(([m, n]) => [`months.${m}`, n]));
  const id = colleagueNetworkId(colleague.orgId, colleague.userId);
  const after = await retryDuplicateUpsert(() =>
    colleagueNetworks(db).findOneAndUpdate(
      { _id: id },
      {
        $set: set,
        $setOnInsert: { orgId: colleague.orgId, userId: colleague.userId, tenantId: colleague.tenantId },
        ...(Object.keys(max).length > 0 ? { $max: max } : {}),
      },
      { upsert: true, returnDocument: 'after' },
    ),
  );
  if (!after) return null;
  const unset = [
    ...overflow(after.people, networkPeople).map((k) => `people.${k}`),
    ...overflow(after.companies, networkCompanies).map((k) => `companies.${k}`),
  ];
  if (unset.length > 0)
    await colleagueNetworks(db).updateOne(
      { _id: id },
      { $unset: Object.fromEntries(unset.map((k) => [k, ''])) },
    );
  return after;
}

/** The best `limit` refs of a network list, highest rank first. */
export function bestOf(
  list: Record<string, 1> | undefined,
  limit: number,
): Array<{ rank: number; ref: string }> {
  const best = new Map<string, number>();
  for (const key of Object.keys(list ?? {})) {
    const parsed = parseNetworkKey(key);
    if (parsed && parsed.rank > (best.get(parsed.ref) ?? -1)) best.set(parsed.ref, parsed.rank);
  }
  return [...best.entries()]
    .map(([ref, rank]) => ({ rank, ref }))
    .sort((a, b) => b.rank - a.rank || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
    .slice(0, limit);
}

/** Fields to drop once a list holds half as many again as it keeps: stale ranks and everything below the best `limit`. */
function overflow(list: Record<string, 1> | undefined, limit: number): string[] {
  const keys = Object.keys(list ?? {});
  if (keys.length <= limit * 1.5) return [];
  const kept = new Set(bestOf(list, limit).map((b) => networkKey(b.rank, b.ref)));
  return keys.filter((k) => !kept.has(k));
}
