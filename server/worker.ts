import { tracing } from './observability/bootstrap';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { createDeps } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './db/client';
import { migrate } from './migrations';
import { startHousekeeping } from './housekeeping';
import { createLogger } from './log';
import { buildSearchIndex } from './search/build-index';
import { startManagementServer } from './observability/management-server';
import { runProcess } from './startup';
import { SignatureParsePool } from './extraction/signatures/parse-pool';
import { parseSignatureInPool } from './sync/signature-hook';
import { SyncWorker } from './sync/sync-worker';
import { workerReadiness } from './sync/worker-readiness';

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
  // Ready while the database answers and every held lease keeps being renewed.
  const management = config.managementPort
    ? await startManagementServer({
        host: config.http.host,
        port: config.managementPort,
        db: database.db,
        log,
        ready: workerReadiness(worker, database.db),
      })
    : null;
  const housekeeping = startHousekeeping(database.db, config, log);
  // Contacts stored before search existed get indexed once, beside the syncing (it can take minutes).
  void buildSearchIndex(database.db, log).catch((err: unknown) =>
    log.warn({ err }, 'search index for stored contacts not built; the next start tries again'),
  );
  log.info(
    { workerId, concurrency: config.sync.concurrency, managementPort: management?.port ?? null },
    'sync worker started',
  );

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
  housekeeping.stop();
  await management?.close();
  await signaturePool.close();
  await database.client.close();
  await tracing?.shutdown().catch(() => undefined);
  log.info('stopped');
}

runProcess(main);
