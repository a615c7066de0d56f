import type { Collection, Document, UpdateFilter } from 'mongodb';

/**
 * A conditional update of one document that the caller holds, addressed by its `_id` alone.
 *
 * The embedded database finds a document through its index only when the filter is exactly
 * `{ _id }`: any further condition (`{ _id, generation }`, `{ _id: { $eq } }`) makes it read and
 * decode the whole collection inside the write, while every other writer waits. Measured on 1,000
 * integration documents: 175 ms for `{ _id, generation, status }` against 2 ms for `{ _id }`,
 * growing with the collection (`npm run bench:fleet`, section D). So the condition is checked on
 * the document as it was just before the update, which the same atomic `findOneAndUpdate`
 * returns; when it did not hold, the top-level fields the update touched are put back as they were.
 *
 * For writes that normally hold and whose fields nobody else writes meanwhile: a sync run's writes
 * to its integration (an unlink or restart under the run only changes its generation and status),
 * a worker's renewal and release of the lease it took (leases.ts). Between the update and its
 * put-back the document briefly shows the refused write; a writer reading it in that instant is
 * a writer that had already lost (a stale run, a lease taken over), so nothing is lost.
 */
export type HeldUpdate<T> =
  { outcome: 'applied' | 'refused'; before: T } | { outcome: 'missing'; before: null };

export async function updateHeld<T extends Document & { _id: string }>(
  collection: Collection<T>,
  id: string,
  update: UpdateFilter<T>,
  holds: (before: T) => boolean,
): Promise<HeldUpdate<T>> {
  const touched = touchedFields(update);
  // The whole document comes back: the embedded database takes no projection on findAndModify.
  const before = (await collection.findOneAndUpdate({ _id: id } as never, update, {
    returnDocument: 'before',
  })) as T | null;
  if (!before) return { outcome: 'missing', before: null };
  if (holds(before)) return { outcome: 'applied', before };
  const set: Record<string, unknown> = {};
  const unset: Record<string, ''> = {};
  for (const field of touched) {
    if (field in before) set[field] = (before as Record<string, unknown>)[field];
    else unset[field] = '';
  }
  await collection.updateOne(
    { _id: id } as never,
    {
      ...(Object.keys(set).length > 0 ? { $set: set } : {}),
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    } as never,
  );
  return { outcome: 'refused', before };
}

/** The top-level fields an update's operators write (`folders.inbox.nextLink` → `folders`). */
export function touchedFields(update: object): string[] {
  const fields = new Set<string>();
  for (const [operator, paths] of Object.entries(update)) {
    if (!operator.startsWith('$') || !paths || typeof paths !== 'object')
      throw new Error(`updateHeld takes operator updates only, not ${operator}`);
    for (const path of Object.keys(paths as object)) fields.add(path.split('.')[0]!);
  }
  fields.delete('_id');
  return [...fields];
}
