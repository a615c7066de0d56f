/**
 * Signature parsing off the caller's event loop, under a time budget per message.
 *
 * The parser's work per message is bounded (bounds.ts) and its patterns are checked for
 * catastrophic backtracking, but a body comes from a stranger: should any message still take too
 * long, it must not hold the sync worker's event loop, where leases are renewed. So messages are
 * parsed in worker threads; a thread that overruns a message's budget is terminated (V8 stops
 * even a running regular expression) and replaced, and the message is reported as skipped.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SignatureInput, SignatureResult } from './types';

export interface ParsePoolOptions {
  /** Threads; each parses one message at a time. */
  threads?: number;
  /** Longest a message may take once its thread has it. */
  budgetMs?: number;
  /** Another thread body (tests: one that never answers). */
  workerModule?: string;
}

export type ParseOutcome =
  | { status: 'parsed'; result: SignatureResult; ms: number }
  /** `budget`: the thread overran the budget and was replaced; `failed`: it threw or died. */
  | { status: 'skipped'; reason: 'budget' | 'failed'; ms: number };

interface Job {
  id: number;
  input: SignatureInput;
  resolve: (outcome: ParseOutcome) => void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  job?: Job;
  startedAt: number;
  timer?: NodeJS.Timeout;
}

export const DEFAULT_PARSE_BUDGET_MS = 2000;

/** The thread body: compiled JavaScript beside this file, else the TypeScript source through tsx. */
function startWorker(workerModule: string | undefined): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: 256 };
  const compiled = path.join(__dirname, 'parse-worker.js');
  if (!workerModule && existsSync(compiled)) return new Worker(compiled, { resourceLimits });
  const source = workerModule ?? path.join(__dirname, 'parse-worker.ts');
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(source)});`;
  return new Worker(code, { eval: true, resourceLimits });
}

export class SignatureParsePool {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  readonly threadCount: number;
  readonly budgetMs: number;

  constructor(private readonly options: ParsePoolOptions = {}) {
    this.threadCount = Math.max(1, options.threads ?? 1);
    this.budgetMs = options.budgetMs ?? DEFAULT_PARSE_BUDGET_MS;
  }

  parse(input: SignatureInput): Promise<ParseOutcome> {
    if (this.closed) return Promise.reject(new Error('the signature parse pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ id: (this.nextId += 1), input, resolve });
      this.dispatch();
    });
  }

  /** Stops every thread; messages still waiting are reported as skipped. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ status: 'skipped', reason: 'failed', ms: 0 });
    await Promise.all(this.threads.splice(0).map((thread) => this.retire(thread, 'failed')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.threads.find((thread) => thread.ready && !thread.job);
      if (!idle) {
        if (this.threads.length < this.threadCount) this.spawn();
        return;
      }
      const job = this.queue.shift() as Job;
      idle.job = job;
      idle.startedAt = performance.now();
      idle.timer = setTimeout(() => void this.overrun(idle), this.budgetMs);
      idle.worker.postMessage({ id: job.id, input: job.input });
    }
  }

  private spawn(): void {
    const thread: Thread = { worker: startWorker(this.options.workerModule), ready: false, startedAt: 0 };
    this.threads.push(thread);
    thread.worker.unref();
    thread.worker.on(
      'message',
      (message: { ready?: boolean; id?: number; result?: SignatureResult; error?: string }) => {
        if (message.ready) {
          thread.ready = true;
          this.dispatch();
          return;
        }
        const job = thread.job;
        if (!job || message.id !== job.id) return;
        this.finish(thread);
        const ms = performance.now() - thread.startedAt;
        job.resolve(
          message.result
            ? { status: 'parsed', result: message.result, ms }
            : { status: 'skipped', reason: 'failed', ms },
        );
        this.dispatch();
      },
    );
    // A thread that dies (out of memory, a crash while loading) fails its message and is replaced.
    const died = () => {
      if (!this.threads.includes(thread)) return;
      void this.retire(thread, 'failed').then(() => this.dispatch());
    };
    thread.worker.on('error', died);
    thread.worker.on('exit', died);
  }

  private finish(thread: Thread): void {
    if (thread.timer) clearTimeout(thread.timer);
    thread.timer = undefined;
    thread.job = undefined;
  }

  private async overrun(thread: Thread): Promise<void> {
    await this.retire(thread, 'budget');
    this.dispatch();
  }

  /** Removes a thread from the pool, answering its message as skipped, and terminates it. */
  private async retire(thread: Thread, reason: 'budget' | 'failed'): Promise<void> {
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    const job = thread.job;
    const ms = performance.now() - thread.startedAt;
    this.finish(thread);
    job?.resolve({ status: 'skipped', reason, ms });
    thread.worker.removeAllListeners('exit');
    thread.worker.on('error', () => undefined);
    await thread.worker.terminate();
  }
}
