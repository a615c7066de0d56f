import { existsSync, readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { devCerts } from '../../../scripts/lib/certs';
import { startEmulator, type EmulatorOptions } from '../../index';

/**
 * Test support for the emulator's own tests. Node's fetch (used by msal-node, the Graph client
 * and these tests) trusts the development CA only when NODE_EXTRA_CA_CERTS names it at process
 * start. When the test process was started without it, fetch in this test file is given the same
 * undici client with the CA added — the clients themselves run unchanged.
 */
export function trustDevelopmentCa(): void {
  const ca = readFileSync(devCerts.caCert, 'utf8');
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  if (extra && existsSync(extra) && readFileSync(extra, 'utf8').includes(ca.trim())) return;
  const agent = new Agent({ connect: { ca: [...tls.rootCertificates, ca] } });
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(
      input as never,
      { ...(init as object), dispatcher: agent } as never,
    )) as unknown as typeof fetch;
}

/** Untyped JSON as JSON.parse returns it: tests assert its shape with expect(). */
export type Json = ReturnType<typeof JSON.parse>;

export type TestEmulator = Awaited<ReturnType<typeof startEmulator>>;

export function startTestEmulator(options: Omit<EmulatorOptions, 'tls'> = {}): Promise<TestEmulator> {
  return startEmulator({
    port: 0,
    tls: { cert: readFileSync(devCerts.cert), key: readFileSync(devCerts.key) },
    trustedCa: [readFileSync(devCerts.caCert)],
    ...options,
  });
}

export function tenant(emulator: TestEmulator, name: string) {
  const found = emulator.scenario.tenants.find((t) => t.displayName === name);
  if (!found) throw new Error(`no tenant ${name}`);
  return found;
}

export async function control<T = Record<string, unknown>>(
  emulator: TestEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${emulator.url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} /_emulator/${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** POSTs a form to the token endpoint and returns status and JSON body. */
export async function tokenRequest(emulator: TestEmulator, tenantId: string, form: Record<string, string>) {
  const res = await fetch(`${emulator.url}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** An app-only Graph token for a tenant, consenting first. */
export async function appToken(emulator: TestEmulator, tenantId: string): Promise<string> {
  await control(emulator, 'PUT', `tenants/${tenantId}/consent`, { granted: true });
  const { body } = await tokenRequest(emulator, tenantId, {
    grant_type: 'client_credentials',
    client_id: emulator.scenario.app.clientId,
    client_secret: emulator.scenario.app.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
  });
  return String(body.access_token);
}

export async function graph(
  emulator: TestEmulator,
  token: string | null,
  path: string,
  init: RequestInit = {},
) {
  const res = await fetch(`${emulator.url}/v1.0${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : undefined) as Record<string, Json>,
  };
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}
