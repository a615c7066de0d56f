/**
 * `npm start`: builds what is missing, then runs the whole product on this machine — the
 * embedded database (unless MONGODB_URI is set), the API server — and prints where to go.
 * Ctrl-C stops every process it started.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import http from 'node:http';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { ConfigError, loadConfig } from '../server/config';
import { redact } from '../server/log';
import { createDevCerts, devCerts, devCertsExist, extraCaBundle } from './lib/certs';
import { addinIsBuilt, buildAddin } from './lib/addin';
import { loadDotEnv } from './lib/dotenv';
import { buildEmbeddedDb, embeddedDbIsBuilt, startEmbeddedDb } from './lib/embedded-db';
import { buildGoTool, goToolIsBuilt, mailpitTool } from './lib/go-tools';
import { startMailpit } from './lib/mailpit';
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

interface EmulatorScenario {
  app: { clientId: string; clientSecret: string };
  google: {
    serviceAccountKey: Record<string, string>;
    oauthClient: { clientId: string; clientSecret: string };
    endpoints: { tokenUrl: string; accountsUrl: string; certsUrl: string; apiRootUrl: string };
    workspaces: Array<{
      customerId: string;
      displayName: string;
      domains: string[];
      users: Array<{ mail: string; password: string; isAdmin: boolean }>;
    }>;
  };
  tenants: Array<{
    displayName: string;
    users: Array<{ userPrincipalName: string; password: string; isAdmin: boolean }>;
  }>;
}
let emulatorScenario: EmulatorScenario | null = null;

async function waitForScenario(url: string, timeoutMs: number): Promise<EmulatorScenario | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const body = await getJson(`${url}/_emulator/scenario`);
      if (body) return body as EmulatorScenario;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}

function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: trustedCas(), timeout: 2_000 }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(String(res.statusCode))),
        );
      })
      .on('error', reject);
  });
}

/** Who to sign in as in the demo: each emulated tenant's admin. */
function demoAccounts(scenario: EmulatorScenario | null): string[] {
  if (!scenario) return [];
  return [
    '',
    'Demo sign-in (emulated Microsoft 365):',
    ...scenario.tenants.map((t) => {
      const admin = t.users.find((u) => u.isAdmin);
      return admin
        ? `  ${t.displayName.padEnd(14)} admin ${admin.userPrincipalName} / ${admin.password}`
        : `  ${t.displayName}`;
    }),
    ...(scenario.google?.workspaces ?? []).flatMap((w) => {
      const admin = w.users.find((u) => u.isAdmin);
      return admin ? [`  ${w.displayName} (Google Workspace) admin ${admin.mail} / ${admin.password}`] : [];
    }),
  ];
}

async function main(): Promise<void> {
  loadDotEnv();
  const env: NodeJS.ProcessEnv = { ...process.env };

  // Build what is missing.
  if (!devCertsExist()) createDevCerts();
  if (!addinIsBuilt()) {
    console.log('Building the Outlook add-in (first start)…');
    buildAddin();
  }
  env.NODE_EXTRA_CA_CERTS = extraCaBundle(env.NODE_EXTRA_CA_CERTS);
  const production = env.NODE_ENV === 'production';

  // The emulator's control API mints tokens for anyone: it never stands in for Microsoft 365 in production.
  if (production && !env.ENTRA_CLIENT_ID) {
    fail(
      'Configuration error: ENTRA_CLIENT_ID is not set. In production `npm start` uses your Entra app registration and never starts the Microsoft 365 emulator: set ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET (README, "Running against real Microsoft 365").',
    );
  }

  // Check the configuration before starting anything, so a mistake is one line and nothing else.
  // What `npm start` will supply itself (database, Microsoft 365 emulator) is stood in for here.
  try {
    loadConfig({
      MONGODB_URI: 'mongodb://127.0.0.1:1/',
      ...(env.ENTRA_CLIENT_ID
        ? {}
        : { ENTRA_CLIENT_ID: '00000000-0000-4000-8000-000000000000', ENTRA_CLIENT_SECRET: 'emulator' }),
      ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')),
    });
  } catch (err) {
    if (err instanceof ConfigError) fail(`Configuration error: ${err.message}`);
    throw err;
  }

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

  // Email: the configured relay, otherwise (in development) Mailpit, which keeps what was sent.
  let mailNote: string;
  if (env.SMTP_URL) {
    mailNote = `${redact('SMTP_URL', env.SMTP_URL)} (SMTP_URL)`;
  } else if (production) {
    mailNote = 'not set up (SMTP_URL): the enablement email is not sent';
  } else {
    if (!goToolIsBuilt(mailpitTool)) {
      try {
        buildGoTool(mailpitTool);
      } catch (err) {
        await supervisor.stopAll('failure');
        fail((err as Error).message);
      }
    }
    const smtpPort = Number(env.MAILPIT_SMTP_PORT ?? 1025);
    const httpPort = Number(env.MAILPIT_HTTP_PORT ?? 8025);
    const mailDir = path.resolve(projectRoot, env.DATA_DIR ?? 'data');
    mkdirSync(mailDir, { recursive: true });
    const mailpit = await startMailpit({
      smtpPort,
      httpPort,
      databaseFile: path.join(mailDir, 'mailpit.db'),
    }).catch(async (err: Error) => {
      await supervisor.stopAll('failure');
      return fail(`${err.message} (are MAILPIT_SMTP_PORT and MAILPIT_HTTP_PORT free?)`);
    });
    supervisor.adopt('mail', mailpit.process, 10);
    env.SMTP_URL = mailpit.smtpUrl;
    mailNote = `Mailpit at ${mailpit.httpUrl} (what the product sent: ${mailpit.httpUrl}/api/v1/messages)`;
  }

  // Microsoft 365: the real one when an Entra app is configured, otherwise the emulator.
  let microsoftNote: string;
  let googleNote = env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE
    ? `service account ${env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE}`
    : 'off';
  if (env.ENTRA_CLIENT_ID) {
    microsoftNote = `${env.ENTRA_AUTHORITY_HOST ?? 'https://login.microsoftonline.com'} (Entra app ${env.ENTRA_CLIENT_ID})`;
  } else {
    const port = Number(env.EMULATOR_PORT ?? 4000);
    const emulatorUrl = `https://localhost:${port}`;
    supervisor.startNode('emulator', 'emulator/cli.ts', { ...env, EMULATOR_PORT: String(port) }, 5);
    const scenario = await waitForScenario(emulatorUrl, 30_000);
    if (!scenario) {
      await supervisor.stopAll('failure');
      fail(`The Microsoft 365 emulator did not start on ${emulatorUrl} (is EMULATOR_PORT free?).`);
    }
    Object.assign(env, {
      ENTRA_AUTHORITY_HOST: emulatorUrl,
      GRAPH_BASE_URL: emulatorUrl,
      ENTRA_CLIENT_ID: scenario.app.clientId,
      ENTRA_CLIENT_SECRET: scenario.app.clientSecret,
      GRAPH_SUBSCRIPTIONS: env.GRAPH_SUBSCRIPTIONS ?? 'on',
    });
    emulatorScenario = scenario;
    microsoftNote = `emulator at ${emulatorUrl} (scenario: ${emulatorUrl}/_emulator/scenario)`;
    // Google Workspace too, unless a real service account is configured: the emulator's key is
    // written where a deployment mounts its key file, and the endpoints point at the emulator.
    if (!env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE) {
      const keyFile = path.join(projectRoot, '.local', 'google-service-account.json');
      mkdirSync(path.dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(scenario.google.serviceAccountKey), { mode: 0o600 });
      const google = scenario.google;
      Object.assign(env, {
        GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile,
        GOOGLE_OAUTH_CLIENT_ID: google.oauthClient.clientId,
        GOOGLE_OAUTH_CLIENT_SECRET: google.oauthClient.clientSecret,
        GOOGLE_TOKEN_URL: google.endpoints.tokenUrl,
        GOOGLE_ACCOUNTS_URL: google.endpoints.accountsUrl,
        GOOGLE_CERTS_URL: google.endpoints.certsUrl,
        GOOGLE_API_ROOT_URL: google.endpoints.apiRootUrl,
      });
      const workspace = google.workspaces[0]!;
      googleNote = `emulator, Workspace ${workspace.domains[0]} (its admin console: PUT ${emulatorUrl}/_emulator/google/workspaces/${workspace.customerId}/delegation {"scopes":[…]})`;
    }
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
  supervisor.startNode('worker', 'server/worker.ts', env);

  if (!(await waitUntilReady(`${config.http.publicUrl}/readyz`, 60_000))) {
    await supervisor.stopAll('failure');
    fail('The API server did not become ready within 60 s.');
  }
  console.log(
    [
      '',
      'Smart Activity Management is running.',
      `  Try it         ${config.http.publicUrl}/addin/dev-host.html   (Outlook stand-in: mail on the left, the pane on the right)`,
      `  Add-in         ${config.http.publicUrl}/addin/taskpane.html, ${config.http.publicUrl}/addin/admin.html (manifest: ${config.http.publicUrl}/addin/manifest.xml)`,
      `  API            ${config.http.publicUrl}/api   (health: ${config.http.publicUrl}/readyz)`,
      `  Database       ${databaseNote}`,
      `  Microsoft 365  ${microsoftNote}`,
      `  Google         ${googleNote}`,
      `  Email          ${mailNote}`,
      ...demoAccounts(emulatorScenario),
      '',
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => fail(`npm start failed: ${err instanceof Error ? err.message : String(err)}`));
