import type { AnyBulkWriteOperation, Collection, Document, MongoBulkWriteError } from 'mongodb';

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

/** An unordered bulk write whose operations that lost an upsert race are written again. */
export async function bulkUpsert<T extends Document>(
  collection: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
  attempts = 5,
): Promise<void> {
  let pending = ops;
  for (let attempt = 1; pending.length > 0; attempt++) {
    try {
      await collection.bulkWrite(pending, { ordered: false });
      return;
    } catch (err) {
      const bulk = err as MongoBulkWriteError;
      const errors = Array.isArray(bulk.writeErrors)
        ? bulk.writeErrors
        : bulk.writeErrors
          ? [bulk.writeErrors]
          : [];
      if (errors.length === 0 || errors.some((e) => e.code !== 11000) || attempt >= attempts) throw err;
      pending = errors.map((e) => pending[e.index]!);
    }
  }
}
