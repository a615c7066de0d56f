/**
 * `npm start`: builds what is missing, then runs the whole product on this machine — the
 * embedded database (unless MONGODB_URI is set), the API server — and prints where to go.
 * Ctrl-C stops every process it started.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import http from 'node:http';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { ConfigError, loadConfig, redact } from '../server/config';
import { createDevCerts, devCerts, devCertsExist } from './lib/certs';
import { loadDotEnv } from './lib/dotenv';
import { buildEmbeddedDb, embeddedDbIsBuilt, startEmbeddedDb } from './lib/embedded-db';
import { projectRoot } from './lib/paths';
import { Supervisor } from './lib/supervisor';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function checkReachable(uri: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } catch (err) {
    fail(
      `Cannot reach the database at ${redact('MONGODB_URI', uri)} (MONGODB_URI): ${(err as Error).message.split('\n')[0]}`,
    );
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** The public roots plus the local development CA, so the probe works with either certificate. */
function trustedCas(): string[] {
  return [...tls.rootCertificates, readFileSync(devCerts.caCert, 'utf8')];
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const client = url.startsWith('https:') ? https : http;
    const req = client.get(url, { ca: trustedCas(), timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await get(url)) === 200) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  loadDotEnv();
  const env: NodeJS.ProcessEnv = { ...process.env };

  // Build what is missing.
  if (!devCertsExist()) createDevCerts();
  env.NODE_EXTRA_CA_CERTS ??= devCerts.caCert;

  const supervisor = new Supervisor((message) => console.error(`\n${message}`));

  let databaseNote: string;
  if (env.MONGODB_URI) {
    await checkReachable(env.MONGODB_URI);
    databaseNote = `${redact('MONGODB_URI', env.MONGODB_URI)} (MONGODB_URI)`;
  } else {
    if (!embeddedDbIsBuilt()) {
      try {
        buildEmbeddedDb();
      } catch (err) {
        fail((err as Error).message);
      }
    }
    const port = Number(env.EMBEDDED_DB_PORT ?? 27027);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      fail(
        `Configuration error: EMBEDDED_DB_PORT must be a port number between 1 and 65535 (got ${JSON.stringify(env.EMBEDDED_DB_PORT)})`,
      );
    }
    const dataDir = path.resolve(projectRoot, env.DATA_DIR ?? 'data');
    const db = await startEmbeddedDb({ port, dataDir }).catch((err: Error) => fail(err.message));
    supervisor.adopt('db', db.process, 10);
    env.MONGODB_URI = db.uri;
    databaseNote = `embedded (FerretDB on SQLite) at ${db.uri}, data in ${path.relative(projectRoot, dataDir) || '.'}`;
  }

  // Validate the configuration once here, so a mistake is one line before anything else starts.
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    await supervisor.stopAll('failure');
    if (err instanceof ConfigError) fail(`Configuration error: ${err.message}`);
    throw err;
  }

  supervisor.startNode('server', 'server/main.ts', env);

  if (!(await waitUntilReady(`${config.http.publicUrl}/readyz`, 60_000))) {
    await supervisor.stopAll('failure');
    fail('The API server did not become ready within 60 s.');
  }
  console.log(
    [
      '',
      'Smart Activity Management is running.',
      `  API            ${config.http.publicUrl}   (health: ${config.http.publicUrl}/readyz)`,
      `  Database       ${databaseNote}`,
      '',
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => fail(`npm start failed: ${err instanceof Error ? err.message : String(err)}`));
