import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { seriousViolations } from './support/axe';
import { consentInPage } from '../support/consent';
import { paneFrame, pickAccount, screenshot, serveOfficeJsLocally, signInToDevHost } from './support/browser';
import { adminPaneEverywhere, taskPaneEverywhere } from './support/every-pane';
import { apiToken, contactAsSeenBy, knownSenders } from './support/people';
import { failures } from './support/layouts';
import { startStack, tenantNamed, type ScenarioUser, type Stack } from './support/stack';

/**
 * The admin's whole set-up in the built admin pane, framed by the dev host, against the real
 * server, embedded database, worker and Microsoft 365 emulator.
 */

jest.setTimeout(600_000);

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

let adminOfPane = '';

async function consentInDialog(context: BrowserContext, pane: Frame, tenantId: string, admin: ScenarioUser) {
  const dialogOpened = context.waitForEvent('page');
  await pane.fill('[data-testid="tenant-id-input"] input, input[data-testid="tenant-id-input"]', tenantId);
  await pane.getByRole('button', { name: /Register and grant consent/ }).click();
  const dialog: Page = await dialogOpened;
  await dialog.waitForURL(/adminconsent|authorize/, { timeout: 30_000 });
  const account = dialog.locator(`[data-testid="account-${admin.userPrincipalName}"]`);
  const accept = dialog.locator('#accept');
  await Promise.race([account.waitFor({ timeout: 30_000 }), accept.waitFor({ timeout: 30_000 })]);
  if (await account.isVisible()) await pickAccount(dialog, admin.userPrincipalName);
  await accept.click();
  // The tenant's admin, signed in, is asked to confirm which organisation their directory joins.
  const confirm = dialog.locator('#confirm-join');
  await confirm.waitFor({ timeout: 30_000 });
  expect(await dialog.textContent('[data-testid="confirm-requested"]')).toContain(adminOfPane);
  await confirm.click();
  await pane.waitForSelector('[data-testid="consent-outcome"]', { timeout: 60_000 });
  return pane.textContent('[data-testid="consent-outcome"]');
}

/** Searches the users table for one user and waits until the search has been applied. */
async function findUser(pane: Frame, user: ScenarioUser) {
  await pane.fill('input[data-testid="users-search"]', user.displayName);
  const row = pane.locator(`[data-testid="user-${user.userPrincipalName}"]`);
  await row.waitFor({ timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  while ((await pane.locator('[data-testid^="user-"]').count()) !== 1 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  return row;
}

async function statusOf(pane: Frame, user: ScenarioUser): Promise<string> {
  const row = await findUser(pane, user);
  return (await row.locator('[data-testid="status-badge"]').getAttribute('data-status')) ?? '';
}

async function waitForStatus(pane: Frame, user: ScenarioUser, wanted: string[], timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await statusOf(pane, user);
    if (wanted.includes(last)) return last;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`${user.userPrincipalName} stayed ${last}, wanted ${wanted.join('/')}`);
}

test('an admin registers both directories of the company group, consents, enables, starts users and sees the planted errors', async () => {
  const contoso = tenantNamed(stack, 'Contoso');
  const japan = tenantNamed(stack, 'Contoso Japan');
  const admin = contoso.users.find((u) => u.isAdmin)!;
  const japanAdmin = japan.users.find((u) => u.isAdmin)!;
  const planted = contoso.users.filter((u) => u.plantedError && u.userType === 'Member');
  const guest = contoso.users.find((u) => u.userType === 'Guest')!;
  const regular = contoso.users.filter((u) => !u.plantedError && !u.isAdmin).slice(0, 2);

  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
  });
  await serveOfficeJsLocally(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await signInToDevHost(page, stack.url, admin.userPrincipalName, '?pane=admin');
  adminOfPane = admin.userPrincipalName;
  const pane = await paneFrame(page);
  await pane.waitForSelector('text=Directories (tenants)', { timeout: 60_000 });

  // The admin's own directory, consented and confirmed by them in the Office dialog (a window in the dev host).
  expect(await consentInDialog(context, pane, contoso.id, admin)).toContain('Consent granted');
  // Contoso Japan has an administrator of its own: they are sent a link, which they open in their
  // own browser, and the pane shows the directory awaiting them until they confirm.
  await pane.fill('input[data-testid="tenant-id-input"]', japan.id);
  await pane.click('[data-testid="register-link"]');
  const link = await pane.locator('input[data-testid="consent-link"]').inputValue({ timeout: 30_000 });
  const japanRow = pane.locator(`[data-testid="tenant-${japan.id}"]`);
  await japanRow
    .locator('[data-testid="membership-state"]', { hasText: 'Awaiting its administrator' })
    .waitFor();
  const japanBrowser = await browser.newContext({ ignoreHTTPSErrors: true });
  const question = await consentInPage(await japanBrowser.newPage(), link, japanAdmin, 'accept', 'none');
  expect(question.text).toContain(`Requested by ${admin.userPrincipalName}`);
  const japanPage = japanBrowser.pages()[0]!;
  await japanPage.click('#confirm-join');
  // The answer is a new page: the question's own heading may still be shown for a moment.
  await japanPage.locator('h1', { hasText: 'Consent granted' }).waitFor({ timeout: 30_000 });
  expect(await japanPage.locator('h1').textContent()).toBe('Consent granted');
  await japanBrowser.close();
  await japanRow
    .locator('[data-testid="membership-state"]', { hasText: 'Confirmed' })
    .waitFor({ timeout: 60_000 });
  expect(await japanRow.locator('[data-testid="membership-detail"]').textContent()).toContain(
    japanAdmin.userPrincipalName,
  );
  for (const tenant of [contoso, japan]) {
    const row = pane.locator(`[data-testid="tenant-${tenant.id}"]`, { hasText: tenant.displayName });
    await row.locator('[data-testid="consent-state"]', { hasText: 'Consent granted' }).waitFor();
  }

  // Switch it on: the pane says the notification email went to the admin.
  await pane.click('[data-testid="activity-switch"] input, input[data-testid="activity-switch"]');
  await pane.waitForSelector('[data-testid="activity-notification"]', { timeout: 60_000 });
  expect(await pane.textContent('[data-testid="activity-notification"]')).toContain(admin.mail);

  // A short backfill window keeps the first sync small.
  await pane.getByRole('tab', { name: 'Settings' }).click();
  await pane.fill('input[type="number"]', '30');
  await pane.click('[data-testid="save-settings"]');
  await pane.waitForSelector('text=Saved.');

  // Users: a guest is marked and cannot be selected; pick two ordinary users and the planted
  // members, start them in one go (the dialog names the one without a licence).
  await pane.getByRole('tab', { name: 'Users' }).click();
  const guestRow = await findUser(pane, guest);
  expect(await guestRow.locator('[data-testid="guest-badge"]').textContent()).toBe('Guest');
  expect(await guestRow.getByRole('checkbox').isDisabled()).toBe(true);
  for (const user of [...regular, ...planted]) {
    const row = await findUser(pane, user);
    // As a person does: the search box loses focus before the checkbox is clicked.
    await pane.locator('#users-heading').click();
    await row.getByRole('checkbox').check();
  }
  await pane.click('[data-testid="start-selected"]');
  await pane.waitForSelector('[data-testid="no-deletion-warning"]');
  expect(await pane.textContent('[data-testid="start-notice"]')).toContain('1 of these users has no licence');
  expect(await pane.textContent('[data-testid="no-deletion-warning"]')).toContain('cannot be deleted');
  expect(await pane.isDisabled('[data-testid="confirm-start"]')).toBe(true);
  await pane.getByRole('checkbox', { name: /I understand/ }).check();
  await pane.click('[data-testid="confirm-start"]');
  await pane.waitForSelector(`text=${planted.length + regular.length} users started.`);

  const expected: Record<string, string> = {
    'no-mailbox': 'authentication_error',
    'deleted-user': 'authentication_error',
    'access-denied': 'unauthorized',
    'mail-read-denied': 'unauthorized',
    'persistent-failure': 'linkage_error',
  };
  // Every planted user in its state, listed with its action (the deleted account has left the
  // directory's user list, so the pane lists integrations that need attention on their own).
  for (const user of planted) {
    await pane
      .locator(
        `[data-testid="attention-${user.userPrincipalName}"] [data-status="${expected[user.plantedError!]}"]`,
      )
      .waitFor({ timeout: 240_000 });
  }
  for (const user of regular) await waitForStatus(pane, user, ['active']);

  // The error rows say what to do, with Retry and Unlink.
  const denied = pane.locator('[data-testid="attention-access-denied@contoso.com"]');
  expect(await denied.textContent()).toContain('application access policy');
  expect(await denied.getByRole('button', { name: /Retry/ }).count()).toBe(1);
  expect(await denied.getByRole('button', { name: /Unlink/ }).count()).toBe(1);

  await pane.fill('input[data-testid="users-search"]', '');
  await pane.waitForSelector('[data-testid="users-table"]');
  await screenshot(page, 'admin-pane-users');
  expect(await seriousViolations(pane)).toEqual([]);

  await pane.getByRole('tab', { name: 'Audit log' }).click();
  await pane.waitForSelector('[data-testid="audit-table"]');
  expect(await pane.textContent('[data-testid="audit-table"]')).toContain('tenant.registered');
  await context.close();
});

test('an end user sees the right contact points for the people on an email, and the pinned pane follows the selection', async () => {
  const contoso = tenantNamed(stack, 'Contoso');
  const user = contoso.users.filter((u) => !u.plantedError && !u.isAdmin)[0]!;
  const internal = new Set(
    stack.scenario.tenants
      .filter((t) => t.displayName.startsWith('Contoso'))
      .flatMap((t) => t.verifiedDomains),
  );
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
  });
  await serveOfficeJsLocally(context);
  const page = await context.newPage();
  await signInToDevHost(page, stack.url, user.userPrincipalName);
  const token = await apiToken(stack, user, contoso.id);
  const truth = (email: string) => contactAsSeenBy(stack, token, email);
  const known = await knownSenders(stack, page, token);
  expect(known.length).toBeGreaterThanOrEqual(2);
  const [first, second] = known as [string, string];

  const pane = await paneFrame(page);
  await pane.waitForSelector('text=Select an email', { timeout: 60_000 });
  await page.click(`[data-testid="devhost-message"][data-from="${first}"]`);
  const firstCard = pane.locator('[data-testid="contact-card"]', { hasText: first });
  await firstCard.waitFor({ timeout: 60_000 });
  const expectedFirst = await truth(first);
  expect(expectedFirst.totals!.sent + expectedFirst.totals!.received).toBeGreaterThan(0);
  expect(await firstCard.locator('[data-testid="sent-count"]').textContent()).toBe(
    String(expectedFirst.totals!.sent),
  );
  expect(await firstCard.locator('[data-testid="received-count"]').textContent()).toBe(
    String(expectedFirst.totals!.received),
  );
  expect(await firstCard.locator('[data-testid="colleague"]').count()).toBeGreaterThan(0);
  // Colleagues on the email are not listed as contacts.
  for (const card of await pane.locator('[data-testid="contact-card"]').allTextContents()) {
    for (const domain of internal)
      expect(card).not.toMatch(new RegExp(`@${domain.replace(/\./g, '\\.')}\\b`));
  }
  await pane.locator('[data-testid="own-status"]', { hasText: 'Active' }).waitFor();
  await screenshot(page, 'task-pane');
  expect(await seriousViolations(pane)).toEqual([]);

  // Pinned: selecting another email updates the same pane (no reload) through ItemChanged.
  await pane.evaluate(() => ((window as unknown as { paneMarker: number }).paneMarker = 42));
  await page.click(`[data-testid="devhost-message"][data-from="${second}"]`);
  await pane.locator('[data-testid="contact-card"]', { hasText: second }).waitFor({ timeout: 60_000 });
  const secondExpected = await truth(second);
  const secondCard = pane.locator('[data-testid="contact-card"]', { hasText: second });
  expect(await secondCard.locator('[data-testid="sent-count"]').textContent()).toBe(
    String(secondExpected.totals!.sent),
  );
  expect(await pane.evaluate(() => (window as unknown as { paneMarker?: number }).paneMarker)).toBe(42);

  // Dark theme from Office's theme.
  await page.selectOption('[data-testid="devhost-theme"]', 'dark');
  await pane.waitForSelector('[data-theme="dark"]');
  await screenshot(page, 'task-pane-dark');
  expect(await seriousViolations(pane)).toEqual([]);
  await context.close();
});

test('the panes render in Japanese when Office’s display language is Japanese', async () => {
  const contoso = tenantNamed(stack, 'Contoso');
  const admin = contoso.users.find((u) => u.isAdmin)!;
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
  });
  await serveOfficeJsLocally(context);
  const page = await context.newPage();
  await signInToDevHost(page, stack.url, admin.userPrincipalName, '?lang=ja-JP');
  const pane = await paneFrame(page);
  await pane.waitForSelector('text=このメールの関係者', { timeout: 60_000 });
  expect(await pane.evaluate(() => document.documentElement.lang)).toBe('ja');
  await page.click('[data-testid="devhost-message"]');
  await pane.waitForSelector('[data-testid="own-status"]', { timeout: 60_000 });
  expect(await pane.textContent('[data-testid="own-status"]')).toContain('あなたのメールボックス');
  await screenshot(page, 'task-pane-ja');
  expect(await seriousViolations(pane)).toEqual([]);

  await page.selectOption('[data-testid="devhost-pane"]', 'admin');
  const adminPane = await paneFrame(page);
  await adminPane.waitForSelector('text=Smart Activity Management 管理', { timeout: 60_000 });
  await screenshot(page, 'admin-pane-ja');
  await context.close();
});

test('every pane fits Outlook’s widths and a phone, in light, dark and high contrast, in English and Japanese', async () => {
  const contoso = tenantNamed(stack, 'Contoso');
  const user = contoso.users.filter((u) => !u.plantedError && !u.isAdmin)[0]!;
  const admin = contoso.users.find((u) => u.isAdmin)!;
  // Tall, so the screenshots hold most of each pane.
  const viewport = { width: 1100, height: 2000 };
  const started = Date.now();

  const userContext = await browser.newContext({ ignoreHTTPSErrors: true, viewport });
  await serveOfficeJsLocally(userContext);
  const userPage = await userContext.newPage();
  await signInToDevHost(userPage, stack.url, user.userPrincipalName, '?width=320');
  const [sender] = await knownSenders(stack, userPage, await apiToken(stack, user, contoso.id));
  const taskPane = await taskPaneEverywhere(userPage, sender!);
  await userContext.close();

  const adminContext = await browser.newContext({ ignoreHTTPSErrors: true, viewport });
  await serveOfficeJsLocally(adminContext);
  const adminPage = await adminContext.newPage();
  await signInToDevHost(adminPage, stack.url, admin.userPrincipalName, '?pane=admin&width=320');
  const adminChecks = await adminPaneEverywhere(adminPage);
  await adminContext.close();

  const checks = [...taskPane.checks, ...adminChecks];
  // (task pane + company view + 4 admin sections) × 2 languages × 3 themes × 2 widths, and the phone.
  expect(checks).toHaveLength(6 * 2 * 3 * 2 + 1);
  expect(failures(checks)).toEqual([]);
  expect(taskPane.phone).toEqual({ overflow: [], smallTargets: [] });
  for (const chart of taskPane.contrastChart) {
    expect(chart.sent).not.toBe(chart.received);
    expect([chart.sent, chart.received]).not.toContain(chart.background);
  }
  console.log(`${checks.length} pane views checked in ${Math.round((Date.now() - started) / 1000)} s`);
});

test('opened outside Outlook with the real Office.js, the task pane says where to open it', async () => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  await serveOfficeJsLocally(context);
  const page = await context.newPage();
  const response = await page.goto(`${stack.url}/addin/taskpane.html`);
  expect(response!.headers()['x-frame-options']).toBeUndefined();
  expect(response!.headers()['content-security-policy']).toContain('frame-ancestors');
  await page.waitForSelector('text=Open this pane from an email in Outlook.', { timeout: 30_000 });
  // The bundle names no source map and none is served: the product's source stays private.
  const bundle = await page.$eval('script[src*="taskpane."]', (s) => (s as HTMLScriptElement).src);
  const code = await (await context.request.get(bundle)).text();
  expect(code.length).toBeGreaterThan(1000);
  expect(code).not.toContain('sourceMappingURL');
  expect((await context.request.get(`${bundle}.map`)).status()).toBe(404);
  await context.close();
});

test('a directory’s own administrator detaches it in the admin pane, and the organisation’s admin sees it detached', async () => {
  const contoso = tenantNamed(stack, 'Contoso');
  const japan = tenantNamed(stack, 'Contoso Japan');
  const admin = contoso.users.find((u) => u.isAdmin)!;
  const japanAdmin = japan.users.find((u) => u.isAdmin)!;
  // What the organisation holds of Contoso Japan's mailboxes, as its API says.
  const japanMailboxes = (
    (await (
      await fetch(`${stack.url}/api/admin/integrations?tenantId=${japan.id}`, {
        headers: { Authorization: `Bearer ${await apiToken(stack, admin, contoso.id)}` },
      })
    ).json()) as { integrations: unknown[] }
  ).integrations.length;

  const newPane = async (user: ScenarioUser) => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 900 },
    });
    await serveOfficeJsLocally(context);
    const page = await context.newPage();
    await signInToDevHost(page, stack.url, user.userPrincipalName, '?pane=admin');
    return { context, page, pane: await paneFrame(page) };
  };

  const own = await newPane(japanAdmin);
  const holder = own.pane.locator('[data-testid="ownership-holder"]');
  await holder.waitFor({ timeout: 60_000 });
  expect(await holder.textContent()).toBe(
    `Your directory belongs to the organisation Contoso, added by ${admin.userPrincipalName} and confirmed by ${japanAdmin.userPrincipalName}.`,
  );
  await own.pane.click('[data-testid="detach-tenant"]');
  expect(await own.pane.textContent('[data-testid="detach-warning"]')).toContain('removed from Contoso');
  await own.pane.click('[data-testid="confirm-detach"]');
  const outcome = own.pane.locator('[data-testid="detach-outcome"]');
  await outcome.waitFor({ timeout: 60_000 });
  expect(await outcome.textContent()).toContain(`Detached from Contoso: ${japanMailboxes} mailboxes stopped`);
  await own.pane
    .locator('[data-testid="ownership-holder"]', { hasText: 'belongs to no organisation' })
    .waitFor({ timeout: 30_000 });
  // Contoso's directories are no longer theirs to see, once the list is read again after the detach.
  await own.pane
    .locator(`[data-testid="tenant-${contoso.id}"]`)
    .waitFor({ state: 'detached', timeout: 30_000 });
  expect(await own.pane.locator(`[data-testid="tenant-${contoso.id}"]`).count()).toBe(0);
  await screenshot(own.page, 'admin-pane-detached');
  expect(await seriousViolations(own.pane)).toEqual([]);
  await own.context.close();

  const org = await newPane(admin);
  const row = org.pane.locator(`[data-testid="tenant-${japan.id}"]`);
  await row.locator('[data-testid="membership-state"]', { hasText: 'Detached' }).waitFor({ timeout: 60_000 });
  expect(await row.locator('[data-testid="membership-detail"]').textContent()).toContain(
    `Detached by its administrator ${japanAdmin.userPrincipalName}`,
  );
  expect(await row.getByRole('button', { name: /Link for its administrator/ }).count()).toBe(1);
  await screenshot(org.page, 'admin-pane-directories');
  expect(await seriousViolations(org.pane)).toEqual([]);
  await org.context.close();
});
