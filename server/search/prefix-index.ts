import type { Db } from 'mongodb';
import type { SearchKind } from '../../shared/api';
import { codePoints } from '../../shared/search-text';
import { forEachLimited, retryDuplicateUpsert } from '../db/upserts';
import {
  bucketCapacity,
  bucketId,
  bucketSlack,
  compareEntries,
  entryKey,
  parseEntryKey,
  searchBuckets,
  type IndexEntry,
  type SearchBucketDoc,
} from './documents';

/**
 * The search index: a trie of bounded prefix buckets.
 *
 * An entry (rank, term, ref) enters at the bucket of its term's first character. A bucket keeps
 * its `bucketCapacity` best entries; once it holds `bucketSlack` more, the ones below are moved one
 * level down (into the bucket of their term's first two characters, and so on) and the bucket is
 * marked `full`. An entry that a full bucket would not keep goes straight down. An entry whose whole
 * term is the bucket's prefix cannot go deeper and is dropped there: no longer query reaches it.
 *
 * So a bucket never holds more than capacity + slack entries (plus what writers add at that
 * very moment), however popular its prefix ("j", "田"), and the trie grows deeper where it is
 * crowded. A query of prefix p reads p's path from the top down to the first bucket that is not
 * full (or to p itself): together they hold the best `bucketCapacity` entries starting with p —
 * an entry moved below p had that many better ones in p's bucket, which keeps at least that many.
 * A query more crowded than that gets those best entries and `complete: false`.
 *
 * Moving is copy first, then `$unset` of the exact fields, so a crash leaves a duplicate (which
 * readers merge, keeping the higher rank), never a gap; a concurrent raise of the same person's
 * rank writes another field and survives.
 */

/** Where buckets are read and written: the database, or (to build an index in bulk) memory. */
export interface BucketStore {
  read(ids: string[]): Promise<Map<string, SearchBucketDoc | null>>;
  /** Sets and unsets entry fields (and `full`), creating the bucket if need be; returns it after. */
  update(
    id: string,
    orgId: string,
    change: { set: string[]; unset: string[]; full?: boolean },
  ): Promise<SearchBucketDoc | null>;
}

export function databaseBuckets(db: Db): BucketStore {
  return {
    async read(ids) {
      const docs = await Promise.all(ids.map((id) => searchBuckets(db).findOne({ _id: id })));
      return new Map(ids.map((id, i) => [id, docs[i] ?? null]));
    },
    update(id, orgId, change) {
      const update: Record<string, unknown> = {};
      if (change.set.length > 0) {
        update.$set = Object.fromEntries(change.set.map((k) => [`e.${k}`, 1]));
        update.$setOnInsert = { orgId };
      }
      if (change.unset.length > 0)
        update.$unset = Object.fromEntries(change.unset.map((k) => [`e.${k}`, '']));
      if (change.full) update.$set = { ...(update.$set as object), full: true };
      return retryDuplicateUpsert(() =>
        searchBuckets(db).findOneAndUpdate({ _id: id }, update, {
          upsert: change.set.length > 0,
          returnDocument: 'after',
        }),
      );
    },
  };
}

/** An entry to place, with the organisation and kind it belongs to. */
export interface Placement {
  orgId: string;
  kind: SearchKind;
  entry: IndexEntry;
}

interface Held {
  entry: IndexEntry;
  /** every field of the bucket for this term and ref (older ranks are stale copies) */
  keys: string[];
}

/** A bucket's entries, one per term and ref at its highest rank, best first. */
function holdings(doc: SearchBucketDoc | null | undefined): { byId: Map<string, Held>; best: Held[] } {
  const byId = new Map<string, Held>();
  for (const key of Object.keys(doc?.e ?? {})) {
    const entry = parseEntryKey(key);
    if (!entry) continue;
    const id = `${entry.term}\u0000${entry.ref}`;
    const held = byId.get(id);
    if (!held) byId.set(id, { entry, keys: [key] });
    else {
      held.keys.push(key);
      if (entry.rank > held.entry.rank) held.entry = entry;
    }
  }
  const best = [...byId.values()].sort((a, b) => compareEntries(a.entry, b.entry));
  return { byId, best };
}

const holdingId = (e: IndexEntry) => `${e.term}\u0000${e.ref}`;
const prefixOf = (term: string, depth: number) => codePoints(term).slice(0, depth).join('');
const termLength = (term: string) => codePoints(term).length;

/**
 * The same store, reading each bucket at most once: the keys of one query share their path
 * ("james" and "james.s" both read "j" … "james").
 */
export function readingOnce(store: BucketStore): BucketStore {
  const reads = new Map<string, Promise<SearchBucketDoc | null>>();
  const readOne = (id: string) => {
    let doc = reads.get(id);
    if (!doc) {
      doc = store.read([id]).then((docs) => docs.get(id) ?? null);
      reads.set(id, doc);
    }
    return doc;
  };
  return {
    async read(ids) {
      const docs = await Promise.all(ids.map(readOne));
      return new Map(ids.map((id, i) => [id, docs[i] ?? null]));
    },
    update: (id, orgId, change) => store.update(id, orgId, change),
  };
}

/** Places entries in the trie from `depth` down; resolves once each is held where a query finds it. */
export async function placeEntries(store: BucketStore, placements: Placement[], depth = 1): Promise<void> {
  const groups = new Map<string, { orgId: string; kind: SearchKind; entries: Map<string, IndexEntry> }>();
  for (const { orgId, kind, entry } of placements) {
    if (termLength(entry.term) < depth) continue;
    const id = bucketId(orgId, kind, prefixOf(entry.term, depth));
    const group = groups.get(id) ?? { orgId, kind, entries: new Map() };
    const known = group.entries.get(holdingId(entry));
    if (!known || entry.rank > known.rank) group.entries.set(holdingId(entry), entry);
    groups.set(id, group);
  }
  if (groups.size === 0) return;
  const docs = await store.read([...groups.keys()]);
  const deeper: Placement[] = [];
  await forEachLimited([...groups.entries()], 8, async ([id, group]) => {
    const doc = docs.get(id);
    const { byId, best } = holdings(doc);
    // A full bucket sends down what it would not keep.
    const cutoff = doc?.full && best.length >= bucketCapacity ? best[bucketCapacity - 1]!.entry : null;
    const goDeeper = (entry: IndexEntry) => {
      if (termLength(entry.term) > depth) deeper.push({ orgId: group.orgId, kind: group.kind, entry });
    };
    const adding: IndexEntry[] = [];
    for (const entry of group.entries.values()) {
      const held = byId.get(holdingId(entry));
      if (held && held.entry.rank >= entry.rank) continue;
      if (cutoff && compareEntries(entry, cutoff) > 0) goDeeper(entry);
      else adding.push(entry);
    }
    if (adding.length === 0) return;
    // One write adds at most a bucket's capacity: the rest would be trimmed at once, so they go down now.
    adding.sort(compareEntries);
    adding.slice(bucketCapacity).forEach(goDeeper);
    const set = adding.slice(0, bucketCapacity);
    const unset = set.flatMap((e) => byId.get(holdingId(e))?.keys ?? []);
    const after = await store.update(id, group.orgId, {
      set: set.map(entryKey),
      unset,
      full: adding.length > bucketCapacity,
    });
    if (Object.keys(after?.e ?? {}).length > bucketCapacity + bucketSlack)
      await trim(store, id, group.orgId, group.kind, after!, depth);
  });
  await placeEntries(store, deeper, depth + 1);
}

/** Brings a bucket back to its capacity: entries below it move one level down first, then leave. */
async function trim(
  store: BucketStore,
  id: string,
  orgId: string,
  kind: SearchKind,
  doc: SearchBucketDoc,
  depth: number,
): Promise<void> {
  const { best } = holdings(doc);
  const kept = new Set(best.slice(0, bucketCapacity).map((h) => entryKey(h.entry)));
  const below = best.slice(bucketCapacity);
  const moving = below
    .filter((h) => termLength(h.entry.term) > depth)
    .map((h) => ({ orgId, kind, entry: h.entry }));
  if (moving.length > 0) await placeEntries(store, moving, depth + 1);
  const unset = Object.keys(doc.e ?? {}).filter((k) => !kept.has(k));
  if (unset.length > 0 || below.length > 0)
    await store.update(id, orgId, { set: [], unset, full: below.length > 0 });
}

/**
 * The levels a query reads at once, before looking at whether it must go deeper: as many as a
 * typed word usually has, so a crowded path costs one round trip. Levels below the first bucket
 * that is not full do not exist, and a miss by `_id` is cheap.
 */
const levelsPerRead = 8;
const maxDepth = 64;

/**
 * The best entries whose term starts with `key` (at most `bucketCapacity`, one per term and ref),
 * best first, and whether they are all there are.
 */
export async function lookupPrefix(
  store: BucketStore,
  orgId: string,
  kind: SearchKind,
  key: string,
): Promise<{ entries: IndexEntry[]; complete: boolean }> {
  const chars = codePoints(key).slice(0, maxDepth);
  const prefix = chars.join('');
  const found = new Map<string, IndexEntry>();
  let reachedEnd = false;
  for (let from = 1; from <= chars.length && !reachedEnd; from += levelsPerRead) {
    const levels = Array.from(
      { length: Math.min(levelsPerRead, chars.length - from + 1) },
      (_, i) => from + i,
    );
    const ids = levels.map((d) => bucketId(orgId, kind, chars.slice(0, d).join('')));
    const docs = await store.read(ids);
    for (const id of ids) {
      const doc = docs.get(id);
      for (const { entry } of holdings(doc).best) {
        if (!entry.term.startsWith(prefix)) continue;
        const known = found.get(holdingId(entry));
        if (!known || entry.rank > known.rank) found.set(holdingId(entry), entry);
      }
      if (!doc?.full) {
        reachedEnd = true;
        break;
      }
    }
  }
  const entries = [...found.values()].sort(compareEntries);
  return {
    entries: entries.slice(0, bucketCapacity),
    complete: reachedEnd && entries.length <= bucketCapacity,
  };
}

/** What to take out of the index: every entry, at any rank, of these terms for these refs. */
export interface Removal {
  orgId: string;
  kind: SearchKind;
  term: string;
  ref: string;
}

/**
 * Takes entries out of the trie wherever they are: along each term's path, down to the first
 * bucket that is not full (nothing went below it). Returns the full buckets that lost entries:
 * what they sent down may now belong in them again (see `offerAgain` in removal.ts).
 */
export async function removeEntries(
  store: BucketStore,
  removals: Removal[],
): Promise<Array<{ orgId: string; kind: SearchKind; prefix: string }>> {
  const emptied: Array<{ orgId: string; kind: SearchKind; prefix: string }> = [];
  let pending = removals;
  for (let depth = 1; pending.length > 0; depth++) {
    const groups = new Map<string, { orgId: string; kind: SearchKind; prefix: string; of: Removal[] }>();
    for (const r of pending) {
      if (termLength(r.term) < depth) continue;
      const prefix = prefixOf(r.term, depth);
      const id = bucketId(r.orgId, r.kind, prefix);
      const group = groups.get(id) ?? { orgId: r.orgId, kind: r.kind, prefix, of: [] };
      group.of.push(r);
      groups.set(id, group);
    }
    const docs = await store.read([...groups.keys()]);
    const deeper: Removal[] = [];
    await forEachLimited([...groups.entries()], 8, async ([id, group]) => {
      const doc = docs.get(id);
      if (!doc) return;
      if (doc.full) deeper.push(...group.of);
      const gone = new Set(group.of.map((r) => `${r.term}\u0000${r.ref}`));
      const unset = Object.keys(doc.e ?? {}).filter((key) => {
        const entry = parseEntryKey(key);
        return entry !== null && gone.has(holdingId(entry));
      });
      if (unset.length === 0) return;
      await store.update(id, group.orgId, { set: [], unset });
      if (doc.full) emptied.push({ orgId: group.orgId, kind: group.kind, prefix: group.prefix });
    });
    pending = deeper;
  }
  return emptied;
}
