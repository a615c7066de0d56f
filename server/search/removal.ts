import type { Db } from 'mongodb';
import type { SearchKind } from '../../shared/api';
import { codePoints, companyTerms, personTerms } from '../../shared/search-text';
import { forEachLimited } from '../db/upserts';
import {
  companies,
  companyId,
  contactId,
  contacts,
  undate,
  unrank,
  type ContactPointDoc,
} from '../extraction/documents';
import { companyNameFromDomain, isFreeMailDomain } from '../extraction/domains';
import { colleagueNetworkId, colleagueNetworks } from './documents';
import { colleaguePlacements, companyPlacements, personPlacements } from './index-batch';
import { databaseBuckets, placeEntries, removeEntries, type Placement, type Removal } from './prefix-index';

/**
 * Relationship search after contact points leave an organisation (a tenant detached by its own
 * administrator: extraction/remove-tenant-points.ts). Everything else in search only grows, so
 * this is the one place entries are taken out: the people, companies and colleagues concerned
 * lose every entry they had, at any rank, and are placed again as the recomputed documents now
 * say (or not at all, when nothing remains of them). Full buckets that lost entries are then
 * offered again what their prefix holds, so they keep their best entries. Repeatable: run again,
 * it removes and places the same.
 */

export interface SearchBeforeRemoval {
  orgId: string;
  /** per kind, each ref concerned → the terms it may be indexed under */
  terms: Record<SearchKind, Map<string, Set<string>>>;
}

const concurrency = 8;

const addTerms = (map: Map<string, Set<string>>, ref: string, terms: string[]) => {
  const known = map.get(ref) ?? new Set<string>();
  for (const t of terms) known.add(t);
  map.set(ref, known);
};

/**
 * What search holds of the people, companies and colleagues of contact points about to be
 * removed: their terms under their names now and the names those contact points gave them.
 * Read before the read models are recomputed (which may change a name).
 */
export async function searchBeforeRemoval(
  db: Db,
  orgId: string,
  removed: ContactPointDoc[],
): Promise<SearchBeforeRemoval> {
  const terms: SearchBeforeRemoval['terms'] = { person: new Map(), company: new Map(), colleague: new Map() };
  const domains = new Set<string>();
  for (const p of removed) {
    for (const person of p.external) {
      addTerms(terms.person, person.email, personTerms(person.name, person.email));
      if (!isFreeMailDomain(person.domain)) domains.add(person.domain);
    }
  }
  await forEachLimited([...terms.person.keys()], concurrency, async (email) => {
    const doc = await contacts(db).findOne({ _id: contactId(orgId, email) });
    addTerms(terms.person, email, personTerms(undate(doc?.name)?.value, email));
  });
  await forEachLimited([...domains], concurrency, async (domain) => {
    const doc = await companies(db).findOne({ _id: companyId(orgId, domain) });
    addTerms(
      terms.company,
      domain,
      companyTerms([companyNameFromDomain(domain), unrank(doc?.name)?.value], domain),
    );
  });
  await forEachLimited([...new Set(removed.map((p) => p.userId))], concurrency, async (userId) => {
    const network = await colleagueNetworks(db).findOne({ _id: colleagueNetworkId(orgId, userId) });
    addTerms(terms.colleague, userId, network ? personTerms(network.name, network.email ?? '') : []);
  });
  return { orgId, terms };
}

/** The people and companies concerned as they are now (a colleague whose points left is gone). */
async function placementsNow(db: Db, before: SearchBeforeRemoval): Promise<Placement[]> {
  const { orgId } = before;
  const placements: Placement[] = [];
  await forEachLimited([...before.terms.person.keys()], concurrency, async (email) => {
    const doc = await contacts(db).findOne({ _id: contactId(orgId, email) });
    if (doc) placements.push(...personPlacements(doc));
  });
  await forEachLimited([...before.terms.company.keys()], concurrency, async (domain) => {
    const doc = await companies(db).findOne({ _id: companyId(orgId, domain) });
    if (doc) placements.push(...companyPlacements(doc));
  });
  return placements;
}

/**
 * Brings search in line with the recomputed read models: the colleagues concerned leave it, the
 * people and companies are taken out and placed again at their rank now. Their current terms are
 * taken out too, and the documents read again after that, so a rank a concurrent batch raised in
 * between is placed, not lost.
 */
export async function correctSearchAfterRemoval(db: Db, before: SearchBeforeRemoval): Promise<void> {
  const { orgId } = before;
  const store = databaseBuckets(db);
  await forEachLimited([...before.terms.colleague.keys()], concurrency, async (userId) => {
    await colleagueNetworks(db).deleteOne({ _id: colleagueNetworkId(orgId, userId) });
  });
  for (const p of await placementsNow(db, before))
    addTerms(before.terms[p.kind], p.entry.ref, [p.entry.term]);

  const removals: Removal[] = (['person', 'company', 'colleague'] as const).flatMap((kind) =>
    [...before.terms[kind]].flatMap(([ref, terms]) => [...terms].map((term) => ({ orgId, kind, term, ref }))),
  );
  const emptied = await removeEntries(store, removals);
  await placeEntries(store, await placementsNow(db, before));
  await offerAgain(db, orgId, emptied);
}

/** Entries placed per write round when offering a whole kind again. */
const chunk = 5000;

/**
 * Offers the index again every entry of the organisation under prefixes whose full bucket lost
 * entries: what that bucket once sent down may now be among its best, and placing from the top
 * puts it back there (a copy below is merged by readers, as after a crash). One read of each
 * kind's documents concerned, only when a crowded bucket lost entries.
 */
async function offerAgain(
  db: Db,
  orgId: string,
  emptied: Array<{ kind: SearchKind; prefix: string }>,
): Promise<void> {
  const sources: Record<SearchKind, () => AsyncIterable<Placement[]>> = {
    person: () => mapped(contacts(db).find({ orgId }, { batchSize: chunk }), personPlacements),
    company: () => mapped(companies(db).find({ orgId }, { batchSize: chunk }), companyPlacements),
    colleague: () => mapped(colleagueNetworks(db).find({ orgId }), colleaguePlacements),
  };
  for (const kind of ['person', 'company', 'colleague'] as const) {
    const prefixes = new Set(emptied.filter((e) => e.kind === kind).map((e) => e.prefix));
    if (prefixes.size === 0) continue;
    const deepest = Math.max(...[...prefixes].map((p) => codePoints(p).length));
    const under = (term: string) => {
      const chars = codePoints(term);
      for (let n = 1; n <= Math.min(deepest, chars.length); n++)
        if (prefixes.has(chars.slice(0, n).join(''))) return true;
      return false;
    };
    let pending: Placement[] = [];
    for await (const placements of sources[kind]()) {
      pending.push(...placements.filter((p) => under(p.entry.term)));
      if (pending.length >= chunk) {
        await placeEntries(databaseBuckets(db), pending);
        pending = [];
      }
    }
    await placeEntries(databaseBuckets(db), pending);
  }
}

async function* mapped<T>(docs: AsyncIterable<T>, placements: (doc: T) => Placement[]) {
  for await (const doc of docs) yield placements(doc);
}
