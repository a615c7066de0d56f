import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createApp, createDeps } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { migrate } from '../../server/db/schema';
import { createLogger, type Logger } from '../../server/log';
import { freePort } from '../../scripts/lib/ports';
import { openTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  url: string;
  config: Config;
  database: TestDatabase;
  log: Logger;
  close(): Promise<void>;
}

/**
 * The real API on a free port against a fresh database of the embedded server. Plain HTTP unless
 * `TLS_CERT_FILE` is passed (e.g. the development certificate, for browser round trips).
 */
export async function startTestApp(
  label: string,
  env: NodeJS.ProcessEnv = {},
  /** A logger to read what the server logs, and command monitoring to count its database reads. */
  options: { log?: Logger; monitorCommands?: boolean } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(label, env.TEST_MONGODB_URI, options.monitorCommands);
  const port = await freePort();
  const config = loadConfig({
    MONGODB_URI: database.uri,
    MONGODB_DB_NAME: database.name,
    PORT: String(port),
    TLS_CERT_FILE: '',
    // Tests that reach Microsoft 365 pass the emulator's settings; others never call it.
    ENTRA_AUTHORITY_HOST: 'https://localhost:9',
    GRAPH_BASE_URL: 'https://localhost:9',
    ENTRA_CLIENT_ID: '00000000-0000-4000-8000-000000000000',
    ENTRA_CLIENT_SECRET: 'not-used',
    ...env,
  });
  const log = options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test-server');
  await migrate(database.db, log);
  const app = createApp(createDeps(config, database.db, log));
  const server = config.http.tls
    ? https.createServer(
        { cert: readFileSync(config.http.tls.certFile), key: readFileSync(config.http.tls.keyFile) },
        app,
      )
    : http.createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: config.http.tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`,
    config,
    database,
    log,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}
