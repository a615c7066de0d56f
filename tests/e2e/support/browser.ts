import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { projectRoot } from '../../support/processes';

export const artifactsDir = path.join(projectRoot, 'test-artifacts');
const officeJsDir = path.join(projectRoot, 'node_modules/@microsoft/office-js/dist');

/**
 * Microsoft's CDN is out of reach here: serve its files from the @microsoft/office-js package
 * (the same files the CDN hosts), and 404 what the package does not have.
 */
export async function serveOfficeJsLocally(context: BrowserContext): Promise<void> {
  await context.route('https://appsforoffice.microsoft.com/**', async (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, '');
    const local = path.join(officeJsDir, file);
    if (!file.includes('..') && existsSync(local)) {
      await route.fulfill({ path: local, contentType: 'text/javascript' });
    } else {
      await route.fulfill({ status: 404, body: '' });
    }
  });
}

export async function screenshot(target: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await target.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** The pane framed by the dev host. */
export async function paneFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('[data-testid="devhost-frame"]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('The dev host has no pane frame');
  return frame;
}

/** Signs in on the emulator's Entra page (already open in `page`) as this account. */
export async function pickAccount(page: Page, userPrincipalName: string): Promise<void> {
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize|\/adminconsent/, { timeout: 30_000 });
  await page.click(`[data-testid="account-${userPrincipalName}"]`);
}

/** The dev host signed in as this user: redirect to the emulator's sign-in page and back. */
export async function signInToDevHost(
  page: Page,
  url: string,
  userPrincipalName: string,
  query = '',
): Promise<void> {
  await page.goto(`${url}/addin/dev-host.html${query}`);
  await page.click('[data-testid="devhost-sign-in"]');
  await pickAccount(page, userPrincipalName);
  // Before anyone consented to the app, an administrator is asked to consent (for themselves).
  const signedIn = page.waitForSelector('[data-testid="devhost-account"]', { timeout: 30_000 });
  const prompt = page.waitForSelector('[data-testid="user-consent"]', { timeout: 30_000 });
  if ((await Promise.race([signedIn.then(() => 'in'), prompt.then(() => 'prompt')])) === 'prompt')
    await page.click('#accept');
  await signedIn;
  prompt.catch(() => undefined);
}
