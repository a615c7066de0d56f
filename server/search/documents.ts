import type { Db } from 'mongodb';
import type { SearchKind } from '../../shared/api';

/**
 * The stored shapes of relationship search. Like every read model they are addressed by `_id`
 * only and written with operators that give the same result however often, and in whatever
 * order, a batch is stored.
 *
 * The index is a trie of prefix buckets per organisation and kind ("{orgId}|p|tan": people with a
 * term starting "tan"). A bucket holds at most `bucketCapacity` entries (plus `bucketSlack` between
 * trims); each entry is one field whose name carries everything — rank, term and what it finds —
 * so adding is `$set` of a new field and removing is `$unset` of that exact field: a concurrent
 * writer raising the same person's rank writes a different field, and nothing it wrote is lost.
 * See prefix-index.ts for how entries move to deeper buckets when a prefix is crowded.
 */

/** One bucket of the trie. */
export interface SearchBucketDoc {
  _id: string; // {orgId}|{kind code}|{prefix}
  orgId: string;
  /** entry keys (see entryKey), each set to 1 */
  e?: Record<string, 1>;
  /** true once the bucket has sent entries deeper: a longer prefix's bucket must be read too */
  full?: boolean;
}

/** One colleague as search sees them: their activity, and the people and companies they are in touch with. */
export interface ColleagueNetworkDoc {
  _id: string; // {orgId}|{userId}
  orgId: string;
  userId: string;
  tenantId: string;
  name: string;
  email: string | null;
  /** contact points per month (yyyy-mm), kept with `$max` of the colleague's exact monthly totals */
  months: Record<string, number>;
  /** their people: `networkKey(rank, email)` → 1, the strongest `networkPeople` by their own activity */
  people?: Record<string, 1>;
  /** their companies: `networkKey(rank, domain)` → 1, the strongest `networkCompanies` */
  companies?: Record<string, 1>;
}

export const searchBuckets = (db: Db) => db.collection<SearchBucketDoc>('searchIndex');
export const colleagueNetworks = (db: Db) => db.collection<ColleagueNetworkDoc>('colleagueNetworks');

const kindCodes: Record<SearchKind, string> = { person: 'p', company: 'c', colleague: 'u' };

export const bucketId = (orgId: string, kind: SearchKind, prefix: string) =>
  `${orgId}|${kindCodes[kind]}|${prefix}`;
export const colleagueNetworkId = (orgId: string, userId: string) => `${orgId}|${userId}`;

/** Most entries a bucket keeps; a trim brings it back to this many once it holds `bucketSlack` more. */
export const bucketCapacity = 128;
export const bucketSlack = 64;
/** How many people and companies a colleague's network keeps (and how far beyond it may grow between trims). */
export const networkPeople = 100;
export const networkCompanies = 50;

/** Something the index finds: by `term`, the person (address), company (domain) or colleague (user id) `ref`. */
export interface IndexEntry {
  rank: number;
  term: string;
  ref: string;
}

/** A field name may not contain "." or start with "$"; "|" separates the parts. */
const escapeKey = (s: string) =>
  s.replaceAll('%', '%25').replaceAll('.', '%2E').replaceAll('$', '%24').replaceAll('|', '%7C');
const unescapeKey = (s: string) =>
  s.replaceAll('%7C', '|').replaceAll('%24', '$').replaceAll('%2E', '.').replaceAll('%25', '%');

const rankWidth = 4;
export const maxRank = 10 ** rankWidth - 1;
const padRank = (rank: number) => String(Math.max(0, Math.min(maxRank, rank))).padStart(rankWidth, '0');

export const entryKey = (e: IndexEntry) => `${padRank(e.rank)}|${escapeKey(e.term)}|${escapeKey(e.ref)}`;

export function parseEntryKey(key: string): IndexEntry | null {
  const [rank, term, ref, ...rest] = key.split('|');
  if (rest.length > 0 || !rank || term === undefined || ref === undefined) return null;
  return { rank: Number(rank), term: unescapeKey(term), ref: unescapeKey(ref) };
}

export const networkKey = (rank: number, ref: string) => `${padRank(rank)}|${escapeKey(ref)}`;

export function parseNetworkKey(key: string): { rank: number; ref: string } | null {
  const [rank, ref, ...rest] = key.split('|');
  if (rest.length > 0 || !rank || !ref) return null;
  return { rank: Number(rank), ref: unescapeKey(ref) };
}

/** Higher rank first, then by term and ref: the one order every bucket and answer uses. */
export function compareEntries(a: IndexEntry, b: IndexEntry): number {
  return (
    b.rank - a.rank ||
    (a.term < b.term ? -1 : a.term > b.term ? 1 : 0) ||
    (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
  );
}

const monthIndex = (month: string) => (Number(month.slice(0, 4)) - 2000) * 12 + Number(month.slice(5, 7)) - 1;
/** Rank steps per doubling of activity: a rank changes when activity grows by about a fifth. */
const stepsPerDoubling = 4;

/**
 * The index's rank: activity with the strength formula's six-month half-life, measured against
 * a fixed origin instead of today — Σ count_m · 2^(month_m / 6) — so it never decreases as time
 * passes (only new contact points change it) and orders people as their current activity does.
 * Counted in quarter-doublings, so it changes now and then, not with every email: the index
 * is rewritten only when a rank changes, and `$max`/exact fields keep it exact under replay.
 */
export function activityRank(counts: Iterable<[month: string, count: number]>): number {
  const list = [...counts].filter(([m, n]) => n > 0 && /^\d{4}-\d{2}$/.test(m));
  if (list.length === 0) return 0;
  list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const top = Math.max(...list.map(([m]) => monthIndex(m)));
  let sum = 0;
  for (const [m, n] of list) sum += n * 2 ** ((monthIndex(m) - top) / 6);
  const log = Math.log2(sum) + top / 6;
  return Math.max(0, Math.min(maxRank, Math.floor(stepsPerDoubling * log) + 1));
}

/** Bumped when terms or ranks are computed differently: the start-up migration then indexes everything again. */
export const indexVersion = 1;
