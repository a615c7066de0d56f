import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { devCerts } from '../../scripts/lib/certs';
import { claimsOf, startTestEmulator, tenant, type Json, type TestEmulator } from './support/emulator';

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

test('msal-browser signs in with code + PKCE on the emulator sign-in page and gets an API token', async () => {
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
  await page.waitForFunction(() => document.title === 'signed-in' || document.title === 'error', undefined, {
    timeout: 20_000,
  });
  const outcome = await page.evaluate(() => {
    const w = window as unknown as { RESULT?: Json; ERROR?: string };
    return { result: w.RESULT, error: w.ERROR };
  });
  expect(outcome.error).toBeUndefined();
  expect(outcome.result.account).toMatchObject({
    username: admin.userPrincipalName,
    tenantId: tenant(emulator, 'Contoso').id,
    homeAccountId: `${admin.id}.${tenant(emulator, 'Contoso').id}`,
  });
  expect(claimsOf(outcome.result.accessToken)).toMatchObject({
    aud: emulator.scenario.app.clientId,
    scp: 'access_as_user',
    roles: ['SmartActivity.Admin'],
    azpacr: '0',
  });
  expect(claimsOf(outcome.result.graphToken)).toMatchObject({
    aud: 'https://graph.microsoft.com',
    scp: 'User.Read',
  });
  await context.close();
});

test('the sign-in page also takes a typed username and password, and rejects a wrong one', async () => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const user = tenant(emulator, 'Contoso Japan').users.find((u) => !u.isAdmin)!;
  await page.goto(appUrl);
  await page.waitForFunction(() => document.title === 'ready');
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
  await page.waitForFunction(() => document.title === 'signed-in' || document.title === 'error', undefined, {
    timeout: 20_000,
  });
  const result = await page.evaluate(() => (window as unknown as { RESULT?: Json }).RESULT);
  expect(result.account.username).toBe(user.userPrincipalName);
  expect(claimsOf(result.accessToken).roles).toBeUndefined();
  await context.close();
});
