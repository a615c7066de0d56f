import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createEmulatorApp } from './app';
import { scenarioDocument, type Scenario } from './control/scenario';
import { devCerts } from '../scripts/lib/certs';
import { SigningKeys } from './entra/keys';
import { DEFAULT_MESSAGES_PER_USER, DEFAULT_REDIRECT_URIS } from './scenario/constants';
import { World } from './scenario/world';
import { EmulatorState, type GraphSettings } from './state';

export * from './scenario/constants';
export { renderSignature, type SignatureTruth } from './scenario/signatures';
export type { TruthMessage } from './control/truth';
export type { Scenario } from './control/scenario';

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  messagesPerUser?: number;
  /** Benchmark scale: this many more ordinary users in the Contoso tenant. */
  extraUsers?: number;
  /** Benchmark scale: this many more tenants ("Customer 01"…), each its own company with one admin and `usersPerTenant` users. */
  extraTenants?: { count: number; usersPerTenant: number };
  tls: { cert: string | Buffer; key: string | Buffer };
  /** CA certificates to trust when calling the app's notification URLs (the local dev CA). */
  trustedCa?: Array<string | Buffer>;
  /** Anchor of generated timestamps; mail spreads over the two years before it. */
  now?: Date;
  limits?: { concurrentPerMailbox?: number; requestsPer10Min?: number; gmailUnitsPerUserMinute?: number };
  /** The app registration's redirect URIs (default: the product's, for https://localhost:3000). */
  redirectUris?: { spa: string[]; web: string[] };
  /** Where clients reach it, when not https://localhost:PORT (a container on its own host name). */
  publicUrl?: string;
  /** Behaviours the documentation leaves open; see GraphSettings. */
  graph?: Partial<GraphSettings>;
}

export interface RunningEmulator {
  /** https://localhost:PORT — the authority host and the Graph base URL. */
  url: string;
  scenario: Scenario;
  stop(): Promise<void>;
}

/** By default Graph's calls to notification URLs trust the local development CA, as the product's server uses it. */
function developmentCa(): Buffer[] {
  return existsSync(devCerts.caCert) ? [readFileSync(devCerts.caCert)] : [];
}

/**
 * Starts the emulator. Cheap at any scale: tenants and users are built now, mailboxes only when
 * first touched.
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const world = new World({
    seed: options.seed ?? 1,
    now: (options.now ?? new Date()).getTime(),
    messagesPerUser: options.messagesPerUser ?? DEFAULT_MESSAGES_PER_USER,
    extraUsers: options.extraUsers ?? 0,
    extraTenants: options.extraTenants,
  });
  const state = new EmulatorState(
    world,
    await SigningKeys.create(),
    {
      concurrentPerMailbox: options.limits?.concurrentPerMailbox ?? 4,
      requestsPer10Min: options.limits?.requestsPer10Min ?? 10_000,
    },
    options.redirectUris ?? DEFAULT_REDIRECT_URIS,
    options.trustedCa ?? developmentCa(),
    { deltaInternetMessageHeaders: true, ...options.graph },
    { unitsPerUserMinute: options.limits?.gmailUnitsPerUserMinute ?? 15_000 },
  );
  const server = https.createServer(
    { cert: options.tls.cert, key: options.tls.key },
    createEmulatorApp(state),
  );
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? `https://localhost:${port}`;
  return {
    url: state.baseUrl,
    get scenario() {
      return scenarioDocument(state);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
