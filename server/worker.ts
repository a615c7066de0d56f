import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { createDeps } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './db/client';
import { migrate } from './db/schema';
import { createLogger } from './log';
import { runProcess } from './startup';
import { SignatureParsePool } from './extraction/signatures/parse-pool';
import { parseSignatureInPool } from './sync/signature-hook';
import { SyncWorker } from './sync/sync-worker';

/** The sync worker process: any number of them, on any machines, sharing work through the database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'worker');
  const database = await connectDatabase(config.mongo);
  await migrate(database.db, log);
  const deps = createDeps(config, database.db, log);
  const workerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  // Signatures are parsed in threads under a time budget per message: no body can hold this
  // process's event loop, which renews the mailbox leases.
  const signaturePool = new SignatureParsePool({ threads: 1 });
  const worker = new SyncWorker({
    db: database.db,
    log,
    config,
    graph: deps.graph,
    workerId,
    parseSignature: parseSignatureInPool(signaturePool),
  });
  log.info({ workerId, concurrency: config.sync.concurrency }, 'sync worker started');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing the current step of each mailbox and giving the jobs back');
    worker.stop();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await worker.run();
  await signaturePool.close();
  await database.client.close();
  log.info('stopped');
}

runProcess(main);
