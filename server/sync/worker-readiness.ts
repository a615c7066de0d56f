import type { Db } from 'mongodb';
import { pingDatabase } from '../db/client';
import type { SyncWorker } from './sync-worker';

/**
 * The worker's readiness (its `/readyz`): not stopping, every mailbox lease it holds renewed within
 * the lease time (a worker whose renewals fail is about to lose its mailboxes to others), and the
 * database answering.
 */
export function workerReadiness(worker: SyncWorker, db: Db): () => Promise<void> {
  return async () => {
    const health = worker.health();
    if (health.stopping) throw new Error('the worker is stopping');
    if (health.unrenewedLeases > 0)
      throw new Error(`${health.unrenewedLeases} mailbox lease(s) not renewed within the lease time`);
    await pingDatabase(db, 2_000).catch((err: Error) => {
      throw new Error(`The database is not reachable: ${err.message.split('\n')[0]}`);
    });
  };
}
