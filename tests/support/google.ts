import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { apiClient } from './api';
import type { TestApp } from './app';
import { control, type TestEmulator } from './emulator';

export type Workspace = TestEmulator['scenario']['google']['workspaces'][number];
export type WorkspaceUser = Workspace['users'][number];

/**
 * The server settings that point the product at the emulator's Google side, exactly as at
 * Google: the service account's key file (written where a deployment would mount it) and the
 * endpoint URLs.
 */
export function googleEnv(emulator: TestEmulator): NodeJS.ProcessEnv {
  const google = emulator.scenario.google;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sam-google-'));
  const keyFile = path.join(dir, 'service-account.json');
  writeFileSync(keyFile, JSON.stringify(google.serviceAccountKey), { mode: 0o600 });
  return {
    GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile,
    GOOGLE_OAUTH_CLIENT_ID: google.oauthClient.clientId,
    GOOGLE_OAUTH_CLIENT_SECRET: google.oauthClient.clientSecret,
    GOOGLE_TOKEN_URL: google.endpoints.tokenUrl,
    GOOGLE_ACCOUNTS_URL: google.endpoints.accountsUrl,
    GOOGLE_CERTS_URL: google.endpoints.certsUrl,
    GOOGLE_API_ROOT_URL: google.endpoints.apiRootUrl,
  };
}

export function workspaceOf(emulator: TestEmulator): Workspace {
  return emulator.scenario.google.workspaces[0]!;
}

/** What the Workspace's admin does in the Google Admin console: authorize our client ID for scopes. */
export async function authorizeDelegation(emulator: TestEmulator, scopes: string[]): Promise<void> {
  await control(emulator, 'PUT', `google/workspaces/${workspaceOf(emulator).customerId}/delegation`, {
    scopes,
  });
}

/**
 * Registers the Workspace as its admin does from the admin pane: ask for the Google sign-in link,
 * sign in on Google's page as `who`, and land on our callback. Returns the landing page.
 */
export async function registerWorkspace(
  app: TestApp,
  admin: ReturnType<typeof apiClient>,
  emulator: TestEmulator,
  who: WorkspaceUser,
  domain = workspaceOf(emulator).domains[0]!,
): Promise<{
  status: number;
  heading: string;
  text: string;
  registration: { clientId: string; scopes: string[] };
}> {
  const registered = await admin<{ signInUrl: string; clientId: string; scopes: string[] }>(
    'POST',
    '/api/admin/workspaces',
    { domain },
  );
  if (registered.status !== 200) throw new Error(`register workspace: ${JSON.stringify(registered.body)}`);
  // Our page redirects to Google's sign-in, where the admin enters their account.
  const opened = await fetch(
    registered.body.signInUrl.replace(new URL(registered.body.signInUrl).origin, app.url),
    {
      redirect: 'manual',
    },
  );
  const googleSignIn = opened.headers.get('location');
  if (opened.status !== 302 || !googleSignIn)
    throw new Error(`sign-in start: ${opened.status} ${registered.body.signInUrl}`);
  const signedIn = await fetch(googleSignIn, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: who.mail, password: who.password }),
  });
  const callback = signedIn.headers.get('location');
  if (signedIn.status !== 302 || !callback)
    throw new Error(`Google sign-in of ${who.mail} failed: ${signedIn.status}`);
  const landing = await fetch(callback.replace(new URL(callback).origin, app.url));
  const html = await landing.text();
  const text = (tag: string) =>
    new RegExp(`<${tag}[^>]*>([^<]{0,2000})</${tag}>`).exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
  return { status: landing.status, heading: text('h1'), text: text('p'), registration: registered.body };
}
