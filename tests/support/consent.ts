import type { Browser, Page } from 'playwright-core';
import type { ScenarioUser } from './emulator';

export interface ConsentLanding {
  url: string;
  status: number;
  heading: string;
  text: string;
}

/**
 * Walks the whole admin-consent flow in a real browser, as a tenant's admin does: open the link our
 * API handed out, pick the account on Entra's page, Accept or Cancel the permissions, and — after
 * the confirming sign-in, which reuses that Entra session — answer our "Add … to organisation …?"
 * page (`confirm: 'confirm' | 'decline'`; 'none' stops there and returns the question).
 */
export async function runAdminConsent(
  browser: Browser,
  consentUrl: string,
  admin: ScenarioUser,
  decision: 'accept' | 'cancel',
  options: { confirm?: 'confirm' | 'decline' | 'none'; locale?: string } = {},
): Promise<ConsentLanding> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: options.locale });
  try {
    const page = await context.newPage();
    return await consentInPage(page, consentUrl, admin, decision, options.confirm ?? 'confirm');
  } finally {
    await context.close();
  }
}

export async function consentInPage(
  page: Page,
  consentUrl: string,
  admin: Pick<ScenarioUser, 'userPrincipalName'>,
  decision: 'accept' | 'cancel',
  confirm: 'confirm' | 'decline' | 'none' = 'confirm',
): Promise<ConsentLanding> {
  await page.goto(consentUrl);
  await page.click(`[data-testid="account-${admin.userPrincipalName}"]`);
  const landing = page.waitForResponse(
    (r) => /\/auth\/consent\/(callback|signed-in)/.test(r.url()) && r.status() !== 302,
  );
  await page.click(decision === 'accept' ? '#accept' : '#cancel');
  let response = await landing;
  await page.waitForLoadState('domcontentloaded');
  if (confirm !== 'none' && (await page.locator('#confirm-join').count()) > 0) {
    const answered = page.waitForResponse((r) => r.url().includes('/auth/consent/confirm'));
    await page.click(confirm === 'confirm' ? '#confirm-join' : '#decline-join');
    response = await answered;
    await page.waitForLoadState('domcontentloaded');
  }
  return {
    url: page.url(),
    status: response.status(),
    heading: (await page.textContent('h1')) ?? '',
    text: (await page.textContent('main')) ?? '',
  };
}
