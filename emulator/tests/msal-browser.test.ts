import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { devCerts } from '../../scripts/lib/certs';
import {
  claimsOf,
  control,
  startTestEmulator,
  tenant,
  type Json,
  type TestEmulator,
} from './support/emulator';

/**
 * @azure/msal-browser in headless Chromium: authorization code + PKCE through the emulator's
 * sign-in page, from a test page served over HTTPS on another localhost origin.
 */

let emulator: TestEmulator;
let app: https.Server;
let appUrl: string;
let browser: Browser;

beforeAll(async () => {
  emulator = await startTestEmulator({ messagesPerUser: 50 });
  // esbuild runs as its own process: its JS API refuses to run inside Jest's VM sandbox.
  const esbuild = path.join(require.resolve('esbuild/package.json'), '..', 'bin', 'esbuild');
  const bundle = execFileSync(esbuild, [
    path.join(__dirname, 'support', 'browser-app.ts'),
    '--bundle',
    '--format=iife',
    '--platform=browser',
    '--target=es2022',
    '--log-level=error',
  ]);
  const config = JSON.stringify({
    emulatorUrl: emulator.url,
    clientId: emulator.scenario.app.clientId,
    apiScope: emulator.scenario.app.apiScope,
  });
  app = https.createServer(
    { cert: readFileSync(devCerts.cert), key: readFileSync(devCerts.key) },
    (req, res) => {
      if (req.url?.startsWith('/app.js'))
        return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><title>loading</title><button id="login">Sign in</button><script>window.EMU=${config}</script><script src="/app.js"></script>`,
        );
    },
  );
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `https://localhost:${(app.address() as AddressInfo).port}/`;
  // The test page is a single-page app: its redirect URI is registered as such (any local port).
  const registered = await control<{ spa: { redirectUris: string[] } }>(emulator, 'GET', 'application');
  await control(emulator, 'PATCH', 'application', {
    spa: { redirectUris: [...registered.spa.redirectUris, 'https://localhost/'] },
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => app?.close(r));
  await emulator?.stop();
});

/** Signs in on the test page; returns what msal-browser ended with. */
async function result(page: import('playwright-core').Page) {
  await page.waitForFunction(() => document.title === 'signed-in' || document.title === 'error', undefined, {
    timeout: 20_000,
  });
  return page.evaluate(() => {
    const w = window as unknown as { RESULT?: Json; ERROR?: string };
    return { result: w.RESULT, error: w.ERROR };
  });
}

test('msal-browser signs in with code + PKCE on the emulator sign-in page and gets an API token', async () => {
  // The tenant's admin consented to the app (and so to its API and Graph's User.Read) beforehand.
  await control(emulator, 'PUT', `tenants/${tenant(emulator, 'Contoso').id}/consent`, { granted: true });
  await control(
    emulator,
    'PUT',
    `users/${tenant(emulator, 'Contoso').users.find((u) => u.isAdmin)!.id}/app-roles`,
    {
      roles: ['SmartActivity.Admin'],
    },
  );
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const admin = tenant(emulator, 'Contoso').users.find((u) => u.isAdmin)!;
  await page.goto(appUrl);
  await page.waitForFunction(() => document.title === 'ready' || document.title === 'error');
  expect(await page.evaluate(() => (window as unknown as { ERROR?: string }).ERROR)).toBeUndefined();
  await page.click('#login');
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  const authorizeUrl = new URL(page.url());
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
  await page.click(`[data-testid="account-${admin.userPrincipalName}"]`);
  const outcome = await result(page);
  expect(outcome.error).toBeUndefined();
  expect(outcome.result.account).toMatchObject({
    username: admin.userPrincipalName,
    tenantId: tenant(emulator, 'Contoso').id,
    homeAccountId: `${admin.id}.${tenant(emulator, 'Contoso').id}`,
  });
  // A fresh registration's API gets v1.0 tokens, named by the Application ID URI the client used.
  expect(claimsOf(outcome.result.accessToken)).toMatchObject({
    aud: `api://${emulator.scenario.app.clientId}`,
    ver: '1.0',
    scp: 'access_as_user',
    roles: ['SmartActivity.Admin'],
    appidacr: '0',
  });
  expect(claimsOf(outcome.result.graphToken)).toMatchObject({
    aud: 'https://graph.microsoft.com',
    scp: 'User.Read',
  });
  await context.close();
});

test('the sign-in page also takes a typed username and password, and rejects a wrong one', async () => {
  // Contoso Japan lets users consent to this app themselves.
  await control(emulator, 'PUT', `tenants/${tenant(emulator, 'Contoso Japan').id}/user-consent`, {
    allowed: true,
  });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const user = tenant(emulator, 'Contoso Japan').users.find((u) => !u.isAdmin)!;
  await page.goto(appUrl);
  await page.waitForFunction(() => document.title === 'ready');
  await page.evaluate(() => localStorage.setItem('skipGraph', '1'));
  await page.click('#login');
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  await page.fill('#username', user.userPrincipalName);
  await page.fill('#password', 'wrong-password');
  await page.click('#sign-in');
  await page.waitForSelector('[data-testid="error"]');
  expect(await page.textContent('[data-testid="error"]')).toContain('AADSTS50126');
  await page.fill('#username', user.userPrincipalName);
  await page.fill('#password', user.password);
  await page.click('#sign-in');
  // Users may consent here: the prompt lists the API's scope, without "on behalf of your organization".
  await page.waitForSelector('[data-testid="user-consent"]');
  expect(await page.textContent('main')).toContain('access_as_user');
  expect(await page.locator('#consent-organization').count()).toBe(0);
  await page.click('#accept');
  const outcome = await result(page);
  expect(outcome.result.account.username).toBe(user.userPrincipalName);
  expect(claimsOf(outcome.result.accessToken).roles).toBeUndefined();
  await context.close();
});

test('where users may not consent (the default), a user sees "Need admin approval"; an admin consents for everyone', async () => {
  const fabrikam = tenant(emulator, 'Fabrikam');
  const user = fabrikam.users.find((u) => !u.isAdmin && u.userType === 'Member')!;
  const admin = fabrikam.users.find((u) => u.isAdmin)!;
  const signIn = async (upn: string) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.waitForFunction(() => document.title === 'ready');
    await page.evaluate(() => localStorage.setItem('skipGraph', '1'));
    await page.click('#login');
    await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await page.click(`[data-testid="account-${upn}"]`);
    return { context, page };
  };
  const first = await signIn(user.userPrincipalName);
  await first.page.waitForSelector('[data-testid="needs-admin"]');
  await first.page.click('#return-to-app');
  expect((await result(first.page)).error).toMatch(/access_denied/);
  await first.context.close();

  const byAdmin = await signIn(admin.userPrincipalName);
  await byAdmin.page.waitForSelector('[data-testid="user-consent"]');
  await byAdmin.page.check('#consent-organization');
  await byAdmin.page.click('#accept');
  expect((await result(byAdmin.page)).error).toBeUndefined();
  await byAdmin.context.close();

  const again = await signIn(user.userPrincipalName);
  const outcome = await result(again.page);
  expect(outcome.error).toBeUndefined();
  expect(claimsOf(outcome.result.accessToken)).toMatchObject({ scp: 'access_as_user', oid: user.id });
  await again.context.close();
});
