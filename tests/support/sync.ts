import { createDeps } from '../../server/app';
import { parseSignatureFromBody } from '../../server/sync/signature-hook';
import { SyncWorker } from '../../server/sync/sync-worker';
import type { TestApp } from './app';

/** Runs real sync workers (in this process) against the test app's database until `done` holds. */
export async function syncUntil(
  app: TestApp,
  done: () => Promise<boolean>,
  options: { timeoutMs?: number; workers?: number; signatures?: boolean } = {},
): Promise<void> {
  const deps = createDeps(app.config, app.database.db, app.log);
  const workers = Array.from(
    { length: options.workers ?? 1 },
    (_, i) =>
      new SyncWorker({
        db: app.database.db,
        log: app.log,
        config: app.config,
        graph: deps.graph,
        workerId: `test-worker-${i}`,
        parseSignature: options.signatures === false ? null : parseSignatureFromBody,
      }),
  );
  const running = workers.map((w) => w.run());
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  try {
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('sync did not reach the expected state in time');
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    workers.forEach((w) => w.stop());
    await Promise.all(running);
  }
}
