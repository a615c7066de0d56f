import type { Collection, Document, Filter, UpdateFilter, WithId } from 'mongodb';

/**
 * Two writers upserting the same new `_id` at once both try to insert it; one gets a duplicate-key
 * error. MongoDB retries such upserts itself in many cases, other servers (the embedded one) do
 * not, so we retry: the second attempt finds the document and updates it. Safe because every
 * upsert here is idempotent.
 */
const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;

export async function retryDuplicateUpsert<T>(op: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= attempts) throw err;
    }
  }
}

export interface Upsert<T extends Document> {
  filter: Filter<T>;
  update: UpdateFilter<T>;
}

/**
 * Upserts documents one command each, a few at a time, and returns them as they are after their
 * update (in no particular order). Deliberately not one bulk `update` command: the embedded server
 * (FerretDB 1.24 on SQLite) keeps a database connection open for every statement of a
 * multi-statement update until the command ends, and a few such commands at once exhaust its 100
 * connections and deadlock it. Single-statement commands use at most two.
 */
export async function upsertEach<T extends Document>(
  collection: Collection<T>,
  upserts: Upsert<T>[],
  concurrency = 8,
): Promise<WithId<T>[]> {
  const after: WithId<T>[] = [];
  await forEachLimited(upserts, concurrency, async ({ filter, update }) => {
    const doc = await retryDuplicateUpsert(() =>
      collection.findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'after' }),
    );
    if (doc) after.push(doc);
  });
  return after;
}

/** Runs `work` over items with at most `limit` in flight. */
export async function forEachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}
