import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startEmulator } from '../../emulator';
import { devCerts } from '../../scripts/lib/certs';

export type TestEmulator = Awaited<ReturnType<typeof startEmulator>>;
export type ScenarioUser = TestEmulator['scenario']['tenants'][number]['users'][number];

/** A private Microsoft 365 emulator for one test file, on a free port, with the development certificate. */
export function startTestEmulator(
  options: Omit<Parameters<typeof startEmulator>[0], 'tls'> = {},
): Promise<TestEmulator> {
  return startEmulator({
    port: 0,
    tls: { cert: readFileSync(devCerts.cert), key: readFileSync(devCerts.key) },
    ...options,
  });
}

/** The server settings that point the product at this emulator, exactly as at real Microsoft 365. */
export function microsoftEnv(emulator: TestEmulator): NodeJS.ProcessEnv {
  return {
    ENTRA_AUTHORITY_HOST: emulator.url,
    GRAPH_BASE_URL: emulator.url,
    ENTRA_CLIENT_ID: emulator.scenario.app.clientId,
    ENTRA_CLIENT_SECRET: emulator.scenario.app.clientSecret,
  };
}

export function tenantNamed(emulator: TestEmulator, name: string) {
  const tenant = emulator.scenario.tenants.find((t) => t.displayName === name);
  if (!tenant) throw new Error(`no tenant ${name}`);
  return tenant;
}

export function adminOf(emulator: TestEmulator, tenantName: string): ScenarioUser {
  return tenantNamed(emulator, tenantName).users.find((u) => u.isAdmin)!;
}

export function plantedUser(emulator: TestEmulator, error: string): ScenarioUser {
  for (const t of emulator.scenario.tenants) {
    const user = t.users.find((u) => u.plantedError === error);
    if (user) return user;
  }
  throw new Error(`no planted user ${error}`);
}

/**
 * An access token for our API, signed in as this user through Entra's resource-owner password
 * grant (the emulator allows it for scripts; a person signs in through the add-in instead). A
 * script cannot consent: where nobody consented to the app yet (AADSTS65001), the user signs in
 * interactively instead, as in the add-in — an administrator then consents for themselves; a user
 * of a tenant that restricts user consent cannot get a token at all.
 */
export async function userToken(
  emulator: TestEmulator,
  user: ScenarioUser,
  scope = emulator.scenario.app.apiScope,
): Promise<string> {
  try {
    return await passwordToken(emulator, user, scope);
  } catch (err) {
    if (!/AADSTS65001/.test((err as Error).message)) throw err;
    return interactiveToken(emulator, user, scope);
  }
}

async function passwordToken(emulator: TestEmulator, user: ScenarioUser, scope: string): Promise<string> {
  const tenant = emulator.scenario.tenants.find((t) => t.users.some((u) => u.id === user.id))!;
  const res = await fetch(`${emulator.url}/${tenant.id}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: emulator.scenario.app.clientId,
      // A registration with only a certificate has no secret: the script then signs in as a public client.
      ...(emulator.scenario.app.clientSecret ? { client_secret: emulator.scenario.app.clientSecret } : {}),
      scope,
      username: user.userPrincipalName,
      password: user.password,
    }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token)
    throw new Error(`no token for ${user.userPrincipalName}: ${body.error_description}`);
  return body.access_token;
}

/** The add-in's sign-in (code + PKCE at the SPA redirect URI), driven through the emulator's forms. */
export async function interactiveToken(
  emulator: TestEmulator,
  user: ScenarioUser,
  scope = emulator.scenario.app.apiScope,
): Promise<string> {
  const tenant = emulator.scenario.tenants.find((t) => t.users.some((u) => u.id === user.id))!;
  const redirectUri = 'https://localhost:3000/addin/auth.html';
  const verifier = randomBytes(32).toString('base64url');
  const authorize = `${emulator.url}/${tenant.id}/oauth2/v2.0/authorize?${new URLSearchParams({
    client_id: emulator.scenario.app.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: `${scope} openid profile`,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 'test',
  })}`;
  const hidden = (html: string, name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
  let cookie = '';
  const post = (fields: Record<string, string>) =>
    fetch(authorize, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams(fields),
    });
  const q = hidden(await (await fetch(authorize)).text(), 'q');
  let answer = await post({ q, username: user.userPrincipalName, password: user.password });
  cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (answer.status === 200) {
    const page = await answer.text();
    if (!page.includes('data-testid="user-consent"'))
      throw new Error(`${user.userPrincipalName} cannot consent to the app (Need admin approval)`);
    answer = await post({ q, step: 'consent', username: user.userPrincipalName, decision: 'accept' });
  }
  const code = new URL(answer.headers.get('location') ?? '', emulator.url).searchParams.get('code');
  if (!code)
    throw new Error(`no authorization code for ${user.userPrincipalName}: ${answer.headers.get('location')}`);
  const res = await fetch(`${emulator.url}/${tenant.id}/oauth2/v2.0/token`, {
    method: 'POST',
    // A single-page app redeems its code cross-origin.
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://localhost:3000' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: emulator.scenario.app.clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      scope,
    }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token)
    throw new Error(`no token for ${user.userPrincipalName}: ${body.error_description}`);
  return body.access_token;
}

/** Calls the emulator's test control API (/_emulator/…). */
export async function control<T = unknown>(
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
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
