import { createDeps } from '../../server/app';
import { SignatureParsePool } from '../../server/extraction/signatures/parse-pool';
import { parseSignatureInPool } from '../../server/sync/signature-hook';
import { mailboxDriverFor } from '../../server/providers/mailbox-drivers';
import type { MailboxDriver } from '../../server/sync/driver';
import { SyncWorker, type SyncWorkerDeps } from '../../server/sync/sync-worker';
import type { TestApp } from './app';

/** Runs real sync workers (in this process) against the test app's database until `done` holds. */
export async function syncUntil(
  app: TestApp,
  done: () => Promise<boolean>,
  options: {
    timeoutMs?: number;
    workers?: number;
    /** false: no signature parsing (tests about scheduling, not extraction) */
    signatures?: boolean;
    /** Wraps the provider's driver, e.g. to make Graph refuse one kind of call. */
    driverFor?: SyncWorkerDeps['driverFor'];
  } = {},
): Promise<void> {
  const deps = createDeps(app.config, app.database.db, app.log);
  // As the worker process does: signatures parsed in a thread, under the production time budget.
  const signaturePool = new SignatureParsePool();
  const workers = Array.from(
    { length: options.workers ?? 1 },
    (_, i) =>
      new SyncWorker({
        db: app.database.db,
        log: app.log,
        config: app.config,
        graph: deps.graph,
        workerId: `test-worker-${i}`,
        parseSignature: options.signatures === false ? null : parseSignatureInPool(signaturePool),
        driverFor: options.driverFor,
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
    await signaturePool.close();
  }
}

/**
 * For `syncUntil`'s `driverFor`: the product's own driver for the mailbox, with some of its calls
 * replaced (a Graph call refused, a read that never answers).
 */
export function driverWith(
  app: TestApp,
  replaced: Partial<MailboxDriver>,
): NonNullable<SyncWorkerDeps['driverFor']> {
  return (integration) => {
    const graph = createDeps(app.config, app.database.db, app.log).graph;
    const driver = mailboxDriverFor(app.config, graph, integration, 'sync');
    return Object.assign(Object.create(driver) as MailboxDriver, replaced);
  };
}
