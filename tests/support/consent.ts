import type { Browser } from 'playwright-core';
import type { ScenarioUser } from './emulator';

/**
 * Walks Entra's admin-consent round trip in a real browser, as an admin does: open the consent
 * URL our API handed out, pick the account, Accept or Cancel, land on our callback page.
 */
export async function runAdminConsent(
  browser: Browser,
  consentUrl: string,
  admin: ScenarioUser,
  decision: 'accept' | 'cancel',
): Promise<{ url: string; status: number; heading: string; text: string }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    await page.goto(consentUrl);
    await page.click(`[data-testid="account-${admin.userPrincipalName}"]`);
    const landing = page.waitForResponse((r) => r.url().includes('/auth/consent/callback'));
    await page.click(decision === 'accept' ? '#accept' : '#cancel');
    const response = await landing;
    await page.waitForLoadState('domcontentloaded');
    return {
      url: page.url(),
      status: response.status(),
      heading: (await page.textContent('h1')) ?? '',
      text: (await page.textContent('main')) ?? '',
    };
  } finally {
    await context.close();
  }
}
