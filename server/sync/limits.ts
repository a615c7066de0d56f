/**
 * At most `limit` units held at once; waiters are served in arrival order. A holder may take
 * several units: a JSON batch of n requests to one mailbox counts as n concurrent requests there.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<{ weight: number; start: () => void }> = [];

  constructor(private readonly limit: number) {}

  /** Units nobody holds or waits for right now. */
  get free(): number {
    return this.waiting.length > 0 ? 0 : this.limit - this.active;
  }

  async run<T>(work: () => Promise<T>, weight = 1): Promise<T> {
    const units = Math.min(Math.max(1, weight), this.limit);
    if (this.waiting.length > 0 || this.active + units > this.limit)
      await new Promise<void>((start) => this.waiting.push({ weight: units, start }));
    else this.active += units;
    try {
      return await work();
    } finally {
      this.active -= units;
      while (this.waiting.length > 0 && this.active + this.waiting[0]!.weight <= this.limit) {
        const next = this.waiting.shift()!;
        this.active += next.weight;
        next.start();
      }
    }
  }
}

/** Resolves after `ms`, or rejects at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Exponential backoff with full jitter: a random wait in [base/2, base·2^attempt], capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
