import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createApp, createDeps } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { migrate } from '../../server/migrations';
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
 * The real API on a free port against a fresh database of the embedded server (or, given
 * MONGODB_DB_NAME, another test app's database). Plain HTTP unless
 * `TLS_CERT_FILE` is passed (e.g. the development certificate, for browser round trips).
 */
export async function startTestApp(
  label: string,
  env: NodeJS.ProcessEnv = {},
  /** A logger to read what the server logs, and command monitoring to count its database reads. */
  options: { log?: Logger; monitorCommands?: boolean } = {},
): Promise<TestApp> {
  const opened = await openTestDatabase(label, env.TEST_MONGODB_URI, options.monitorCommands);
  // MONGODB_DB_NAME of another test app: a second API instance on the same database.
  const database = env.MONGODB_DB_NAME
    ? { ...opened, name: env.MONGODB_DB_NAME, db: opened.client.db(env.MONGODB_DB_NAME) }
    : opened;
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
    // The run's Mailpit; a sender of its own lets a test find the emails its app sent.
    SMTP_URL: process.env.TEST_SMTP_URL,
    SMTP_FROM: `Smart Activity Management <sam-${label.toLowerCase().replace(/[^a-z0-9]/g, '')}-${randomBytes(3).toString('hex')}@tests.invalid>`,
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
