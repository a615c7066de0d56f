import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { migrate } from '../../server/db/schema';
import { createLogger } from '../../server/log';
import { openTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  url: string;
  config: Config;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real API on an ephemeral port over plain HTTP, against a fresh database of the embedded server. */
export async function startTestApp(label: string, env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await openTestDatabase(label, env.TEST_MONGODB_URI);
  const config = loadConfig({
    MONGODB_URI: database.uri,
    MONGODB_DB_NAME: database.name,
    TLS_CERT_FILE: '',
    ...env,
  });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test-server');
  await migrate(database.db, log);
  const server = http.createServer(createApp({ config, db: database.db, log }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    config,
    database,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}
