import type { Browser, Frame, Page } from 'playwright-core';
import type { TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { apiClient } from '../support/api';
import { tenantNamed, userToken, type ScenarioUser, type TestEmulator } from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { seriousViolations } from './support/axe';
import { paneFrame, screenshot, serveOfficeJsLocally, signInToDevHost } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * Relationship search in the built add-in, against `npm start`'s whole stack: a colleague types a
 * few letters of someone's name in the task pane's search box, picks them, and sees their card;
 * then the same on the search page on its own, 320 pixels wide.
 */

jest.setTimeout(600_000);

let stack: Stack;
let browser: Browser;
let user: ScenarioUser;
/** Someone the user's mailbox is in touch with: found through the API, typed in the browser. */
let someone: { email: string; name: string };

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  const emulator = { url: stack.emulatorUrl, scenario: stack.scenario } as unknown as TestEmulator;
  const admin = await connectOrganization({ url: stack.url } as TestApp, emulator, ['Contoso'], {
    browser,
    settings: { backfillDays: 60 },
  });
  const contoso = tenantNamed(emulator, 'Contoso');
  user = contoso.users.find((u) => !u.plantedError && !u.isAdmin)!;
  await admin('POST', `/api/admin/tenants/${contoso.id}/integrations`, {
    userIds: [user.id],
    acknowledgeNoDeletion: true,
  });
  const call = apiClient(stack.url, await userToken(emulator, user));
  const deadline = Date.now() + 240_000;
  for (;;) {
    const view = await call<{ people: Array<{ email: string; name: string | null }> }>(
      'GET',
      `/api/colleagues/${user.id}`,
    );
    const named = view.body.people?.find((p) => p.name && /^[A-Za-z]+ [A-Za-z]+$/.test(p.name));
    if (named) {
      someone = { email: named.email, name: named.name! };
      break;
    }
    if (Date.now() > deadline) throw new Error('the mailbox was not synced in time');
    await new Promise((r) => setTimeout(r, 2_000));
  }
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Types a prefix of the person's last name, picks them from the results, and waits for their card. */
async function findAndPick(target: Frame | Page, page: Page, name: string) {
  const prefix = someone.name.split(' ')[1]!.slice(0, 3);
  await target.getByRole('searchbox', { name: 'Search people, companies and colleagues' }).fill(prefix);
  const hit = target.locator('[data-testid="search-hit-person"]', { hasText: someone.email });
  await hit.waitFor({ timeout: 60_000 });
  await screenshot(page, `${name}-results`);
  expect(await seriousViolations(target)).toEqual([]);
  // Keyboard: from the box into the results, to this person, and pick.
  await target.getByRole('searchbox').press('ArrowDown');
  for (let i = 0; i < 20 && !(await hit.evaluate((el) => el === document.activeElement)); i++)
    await target.locator(':focus').press('ArrowDown');
  await target.locator(':focus').press('Enter');
  const card = target.locator('[data-testid="contact-card"]', { hasText: someone.email });
  await card.waitFor({ timeout: 60_000 });
  return card;
}

test('in the task pane, a colleague types part of a name, picks the person and sees their card', async () => {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
  });
  await serveOfficeJsLocally(context);
  const page = await context.newPage();
  await signInToDevHost(page, stack.url, user.userPrincipalName);
  const pane = await paneFrame(page);
  await pane.waitForSelector('text=Select an email', { timeout: 60_000 });
  const card = await findAndPick(pane, page, 'task-pane-search');
  expect(await card.textContent()).toContain(someone.name);
  expect(await card.locator('[data-testid="colleague"]').count()).toBeGreaterThan(0);
  await screenshot(page, 'task-pane-search');
  expect(await seriousViolations(pane)).toEqual([]);

  // Back to the results, and clearing the box brings the email view back.
  await pane.getByRole('button', { name: 'Back to results' }).click();
  await pane.locator('[data-testid="search-hit-person"]').first().waitFor();
  await pane.getByRole('searchbox').fill('');
  await pane.waitForSelector('text=Select an email');
  await context.close();
});

test('the search page on its own works 320 pixels wide, without sideways scrolling', async () => {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
  });
  await serveOfficeJsLocally(context);
  const signIn = await context.newPage();
  await signInToDevHost(signIn, stack.url, user.userPrincipalName);
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto(`${stack.url}/addin/search.html`);
  await page.getByRole('heading', { name: 'Search' }).waitFor({ timeout: 60_000 });
  const card = await findAndPick(page, page, 'search-page-320');
  expect(await card.textContent()).toContain(someone.name);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await screenshot(page, 'search-page-320');
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
