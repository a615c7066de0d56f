import type { Db } from 'mongodb';
import { graphBudgetWaits, graphBudgetWaitSeconds } from '../observability/metrics';
import { sleep } from './limits';

/**
 * Microsoft Graph's request limits, kept across every worker (Graph throttling-limits document):
 *
 * - per app and mailbox, 10,000 requests in 10 minutes (Outlook service limits). One worker holds
 *   a mailbox at a time (its lease), but the lease moves between workers, so the count travels
 *   with it: per-minute counts in the mailbox's job document, loaded at claim and saved at every
 *   renewal and at release. When the budget is spent the run stops and the job is due again when
 *   the oldest counted minute leaves the window;
 * - per app across all tenants (the document's global limit, 130,000 requests per 10 seconds): one
 *   counter document per 10-second window, from which each worker process reserves blocks of
 *   requests, so the fleet together never asks for more.
 *
 * Both count attempts, retries included, as Graph does; a JSON batch of n requests counts n.
 */

export interface RequestBudget {
  /** Waits until `requests` more may be sent, or throws BudgetExhausted. */
  spend(requests: number, signal?: AbortSignal): Promise<void>;
}

/** The mailbox's budget is spent for now: give the job back until `resumeAt`. */
export class BudgetExhausted extends Error {
  constructor(readonly resumeAt: Date) {
    super(`the mailbox's Graph request budget is spent until ${resumeAt.toISOString()}`);
    this.name = 'BudgetExhausted';
  }
}

const minuteMs = 60_000;
const windowMinutes = 10;

/** Requests sent to one mailbox per minute (minute number since the epoch → count). */
export type MinuteCounts = Record<string, number>;

export class MailboxBudget implements RequestBudget {
  private readonly minutes = new Map<number, number>();

  constructor(
    private readonly limit: number,
    stored: MinuteCounts | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    for (const [minute, count] of Object.entries(stored ?? {})) {
      if (/^\d+$/.test(minute) && Number.isFinite(count)) this.minutes.set(Number(minute), count);
    }
    this.prune();
  }

  async spend(requests: number): Promise<void> {
    const current = this.prune();
    let used = 0;
    for (const count of this.minutes.values()) used += count;
    if (used + requests > this.limit) {
      const oldest = Math.min(...this.minutes.keys(), current);
      throw new BudgetExhausted(new Date((oldest + windowMinutes) * minuteMs));
    }
    this.minutes.set(current, (this.minutes.get(current) ?? 0) + requests);
  }

  /** The counts of the window, to store in the job document (at most ten minutes: bounded). */
  snapshot(): MinuteCounts {
    this.prune();
    return Object.fromEntries([...this.minutes].map(([m, n]) => [String(m), n]));
  }

  private prune(): number {
    const current = Math.floor(this.clock() / minuteMs);
    for (const minute of this.minutes.keys())
      if (minute <= current - windowMinutes) this.minutes.delete(minute);
    return current;
  }
}

interface WindowDoc {
  _id: string;
  window: number;
  granted: number;
}

/** Ring of window documents: `_id` = slot, reused once its window is over; the collection stays tiny. */
const slots = 6;
const windowMs = 10_000;

export class AppBudget implements RequestBudget {
  private grant = { window: -1, left: 0 };
  private reserving: Promise<void> | null = null;
  private readonly block: number;

  constructor(
    private readonly db: Db,
    private readonly limitPer10Seconds: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.block = Math.max(1, Math.min(500, Math.ceil(limitPer10Seconds / 50)));
  }

  async spend(requests: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const window = Math.floor(this.clock() / windowMs);
      if (this.grant.window === window && this.grant.left >= requests) {
        this.grant.left -= requests;
        return;
      }
      if (!this.reserving) {
        this.reserving = this.reserve(window, Math.max(requests, this.block)).finally(() => {
          this.reserving = null;
        });
      }
      await this.reserving;
      if (this.grant.window === window && this.grant.left >= requests) continue;
      // The fleet has used this window's allowance: wait for the next one.
      if (Math.floor(this.clock() / windowMs) === window) {
        const wait = (window + 1) * windowMs - this.clock();
        graphBudgetWaits.inc({ budget: 'app' });
        graphBudgetWaitSeconds.inc({ budget: 'app' }, wait / 1000);
        await sleep(wait, signal);
      }
    }
  }

  /** Takes up to `wanted` requests of the window from the shared counter. */
  private async reserve(window: number, wanted: number): Promise<void> {
    const windows = this.db.collection<WindowDoc>('graphRequestWindows');
    const _id = `app|${window % slots}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await windows.findOneAndUpdate(
        { _id, window },
        { $inc: { granted: wanted } },
        { returnDocument: 'after' },
      );
      if (doc) {
        const before = doc.granted - wanted;
        const got = Math.max(0, Math.min(wanted, this.limitPer10Seconds - before));
        this.grant = { window, left: got };
        return;
      }
      // The slot still holds an older window (or does not exist yet): start it over for this one.
      const reset = await windows.updateOne(
        { _id, window: { $lt: window } },
        { $set: { window, granted: 0 } },
      );
      if (reset.matchedCount === 0)
        await windows.insertOne({ _id, window, granted: 0 }).catch((err: { code?: number }) => {
          if (err.code !== 11000) throw err;
        });
    }
    this.grant = { window, left: 0 };
  }
}

/** The mailbox's budget first (it may stop the run), then the fleet's (it may wait). */
export function bothBudgets(mailbox: RequestBudget, app: RequestBudget): RequestBudget {
  return {
    async spend(requests, signal) {
      await mailbox.spend(requests, signal);
      await app.spend(requests, signal);
    },
  };
}
