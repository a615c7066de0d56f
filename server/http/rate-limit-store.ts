import { createHash } from 'node:crypto';
import type { Options, Store } from 'express-rate-limit';
import type { Db } from 'mongodb';
import { retryDuplicateUpsert } from '../db/upserts';

/** One client's hits in one fixed window: `_id` = "{limiter}|{client hash}|{window start}". */
export interface RateLimitWindowDoc {
  _id: string;
  hits: number;
  /** The end of the window; windows that ended are swept (the embedded server has no TTL indexes). */
  expiresAt: Date;
}

export const rateLimitWindows = (db: Db) => db.collection<RateLimitWindowDoc>('rateLimits');

/**
 * A store for express-rate-limit in the database, so a limit holds across every API instance.
 *
 * Fixed windows addressed by `_id` (the embedded server reads nothing else without a scan). A hit
 * is one atomic `$inc` on that one document: on MongoDB the update is atomic, on the embedded
 * server data-changing commands run one at a time, so concurrent requests are counted exactly.
 * A counter is the one place a bare `$inc` is right: a retried request is a new request.
 * Client keys are hashed, so no address or user id is stored.
 */
export class MongoRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private sweptWindow = 0;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private window(now = Date.now()): { start: number; end: Date } {
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    return { start, end: new Date(start + this.windowMs) };
  }

  private id(key: string, start: number): string {
    const client = createHash('sha256').update(key).digest('base64url').slice(0, 22);
    return `${this.prefix}|${client}|${start}`;
  }

  async get(key: string) {
    const { start, end } = this.window();
    const doc = await rateLimitWindows(this.db).findOne({ _id: this.id(key, start) });
    return doc ? { totalHits: doc.hits, resetTime: end } : undefined;
  }

  async increment(key: string) {
    const { start, end } = this.window();
    this.sweepOnce(start);
    const doc = await retryDuplicateUpsert(() =>
      rateLimitWindows(this.db).findOneAndUpdate(
        { _id: this.id(key, start) },
        { $inc: { hits: 1 }, $setOnInsert: { expiresAt: end } },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    return { totalHits: doc?.hits ?? 1, resetTime: end };
  }

  async decrement(key: string): Promise<void> {
    const { start } = this.window();
    await rateLimitWindows(this.db).updateOne({ _id: this.id(key, start) }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    const { start } = this.window();
    await rateLimitWindows(this.db).deleteOne({ _id: this.id(key, start) });
  }

  /** Once per window and process, removes windows that have ended (in the background). */
  private sweepOnce(windowStart: number): void {
    if (this.sweptWindow === windowStart) return;
    this.sweptWindow = windowStart;
    void sweepRateLimitWindows(this.db).catch(() => undefined);
  }
}

/** Deletes ended windows: a scan, of a collection that holds only the current windows' clients. */
export async function sweepRateLimitWindows(db: Db, now = new Date()): Promise<number> {
  const result = await rateLimitWindows(db).deleteMany({ expiresAt: { $lt: now } });
  return result.deletedCount;
}
