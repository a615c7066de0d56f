import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { addinBuildIsCurrent, buildAddin } from '../../../scripts/lib/addin';
import { devCerts } from '../../../scripts/lib/certs';
import { freePort } from '../../../scripts/lib/ports';
import type { Config } from '../../../server/config';
import { addinRoutes } from '../../../server/http/addin-host';
import { projectRoot, runScript, type RunningProcess } from '../../support/processes';

/**
 * The whole product as `npm start` runs it (embedded database, emulator, API server, worker),
 * on free ports with a throw-away data directory, plus the built add-in.
 *
 * Until server/app.ts mounts `addinRoutes`, a small HTTPS front on its own port serves /addin/
 * with those same routes and passes everything else to the API server, and PUBLIC_URL points at
 * it, so the browser sees one origin exactly as it will once the router is mounted.
 */

export interface ScenarioUser {
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  password: string;
  isAdmin: boolean;
  userType: 'Member' | 'Guest';
  licensed: boolean;
  plantedError: string | null;
}
export interface Scenario {
  app: { clientId: string; apiScope: string };
  tenants: Array<{ id: string; displayName: string; verifiedDomains: string[]; users: ScenarioUser[] }>;
}

export interface Stack {
  /** Where the browser opens the add-in and the API (one origin). */
  url: string;
  emulatorUrl: string;
  scenario: Scenario;
  output(): string;
  stop(): Promise<void>;
}

/** The add-in as it ships, built from the sources as they are: rebuilt when older or a development build. */
export function ensureAddinBuilt(): void {
  if (!addinBuildIsCurrent()) buildAddin();
}

export function appMountsAddin(): boolean {
  return /addinRoutes\(/.test(readFileSync(path.join(projectRoot, 'server/app.ts'), 'utf8'));
}

async function startFront(upstreamPort: number, emulatorUrl: string, clientId: string) {
  const config = {
    microsoft: { authorityHost: emulatorUrl, graphBaseUrl: emulatorUrl, clientId },
  } as unknown as Config;
  const app = express();
  app.use(addinRoutes(config));
  app.use((req, res) => {
    const upstream = https.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path: req.originalUrl,
        headers: { ...req.headers, host: `localhost:${upstreamPort}` },
        ca: readFileSync(devCerts.caCert),
        servername: 'localhost',
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.status(502).end());
    req.pipe(upstream);
  });
  const server = https.createServer(
    { cert: readFileSync(devCerts.cert), key: readFileSync(devCerts.key) },
    app,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

export async function startStack(extraEnv: NodeJS.ProcessEnv = {}): Promise<Stack> {
  ensureAddinBuilt();
  const [port, emulatorPort, dbPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sam-e2e-'));
  const emulatorUrl = `https://localhost:${emulatorPort}`;
  // The emulator's app id is fixed (emulator/scenario/constants.ts), so the front can be ready first.
  const front = appMountsAddin()
    ? null
    : await startFront(port, emulatorUrl, '6f1d9c3a-8e24-4b7f-a5c0-3d9e2b1f7a84');
  const url = front ? `https://localhost:${front.port}` : `https://localhost:${port}`;
  const run: RunningProcess = runScript('scripts/start.ts', {
    PORT: String(port),
    EMULATOR_PORT: String(emulatorPort),
    MAILPIT_SMTP_PORT: String(await freePort()),
    MAILPIT_HTTP_PORT: String(await freePort()),
    EMBEDDED_DB_PORT: String(dbPort),
    DATA_DIR: dataDir,
    MONGODB_URI: '',
    ENTRA_CLIENT_ID: '',
    PUBLIC_URL: url,
    SYNC_POLL_INTERVAL_SECONDS: '2',
    SYNC_RETRY_BASE_SECONDS: '1',
    SYNC_RETRY_MIN_SPAN_MINUTES: '0',
    SYNC_RETRY_ATTEMPTS: '2',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  });
  try {
    await run.waitForOutput(/Smart Activity Management is running/, 180_000);
  } catch (err) {
    run.child.kill('SIGTERM');
    front?.server.close();
    throw err;
  }
  const scenario = (await (await fetch(`${emulatorUrl}/_emulator/scenario`)).json()) as Scenario;
  return {
    url,
    emulatorUrl,
    scenario,
    output: run.output,
    async stop() {
      if (run.child.exitCode === null) {
        run.child.kill('SIGTERM');
        await run.exited;
      }
      front?.server.closeAllConnections();
      front?.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function tenantNamed(stack: Stack, name: string) {
  const tenant = stack.scenario.tenants.find((t) => t.displayName === name);
  if (!tenant) throw new Error(`No tenant ${name} in the emulator scenario`);
  return tenant;
}
