import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createApp, createDeps } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './db/client';
import { migrate } from './db/schema';
import { createLogger } from './log';
import { runProcess } from './startup';

/** The API process: validates config, connects, migrates, serves, and shuts down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'server');
  const database = await connectDatabase(config.mongo);
  await migrate(database.db, log);

  const app = createApp(createDeps(config, database.db, log));
  const server = config.http.tls
    ? https.createServer(
        { cert: readFileSync(config.http.tls.certFile), key: readFileSync(config.http.tls.keyFile) },
        app,
      )
    : http.createServer(app);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => resolve());
  });
  log.info({ url: config.http.publicUrl }, 'API server listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), config.http.shutdownGraceMs);
    force.unref();
    server.close(async () => {
      await database.client.close();
      log.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

runProcess(main);
