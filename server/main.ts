import { tracing } from './observability/bootstrap';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createApp, createDeps } from './app';
import { loadConfig } from './config';
import { connectDatabase, pingDatabase } from './db/client';
import { migrate } from './migrations';
import { createLogger } from './log';
import { startManagementServer } from './observability/management-server';
import { runProcess } from './startup';

/** The API process: validates config, connects, migrates, serves, and shuts down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'server');
  const database = await connectDatabase(config.mongo);
  await migrate(database.db, log);

  const deps = createDeps(config, database.db, log);
  if (!deps.mail.configured)
    log.warn(
      'SMTP_URL is not set: the email that tells an admin the product was enabled is not sent (the admin pane says so)',
    );
  const app = createApp(deps);
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
  const management = config.managementPort
    ? await startManagementServer({
        host: config.http.host,
        port: config.managementPort,
        db: database.db,
        log,
        ready: () => pingDatabase(database.db, 2_000),
      })
    : null;
  if (management) log.info({ port: management.port }, 'management port: /healthz, /readyz, /metrics');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), config.http.shutdownGraceMs);
    force.unref();
    server.close(async () => {
      await management?.close();
      deps.mail.close();
      await database.client.close();
      await tracing?.shutdown().catch(() => undefined);
      log.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

runProcess(main);
