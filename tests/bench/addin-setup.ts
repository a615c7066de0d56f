import type { Browser, BrowserContext } from 'playwright-core';
import { signInToDevHost } from '../e2e/support/browser';
import { tenantNamed, type ScenarioUser, type Stack } from '../e2e/support/stack';
import { consentInPage } from '../support/consent';
import { userToken, type TestEmulator } from '../support/emulator';

/**
 * `npm run bench:addin`'s data: Contoso consented and switched on, one user's mailbox synced, and
 * a sender from that mailbox whom the organisation knows (so the pane shows a full card).
 */

/** An API token as the user signs in (consenting first where they may and nobody has). */
function token(stack: Stack, user: ScenarioUser): Promise<string> {
  const emulator = { url: stack.emulatorUrl, scenario: stack.scenario } as unknown as TestEmulator;
  return userToken(emulator, user as Parameters<typeof userToken>[1]);
}

async function api<T>(
  stack: Stack,
  bearer: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const r = await fetch(`${stack.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

export interface BenchData {
  user: ScenarioUser;
  /** An external sender the organisation has contact points with. */
  sender: string;
}

/** `context` ends up signed in as the user (MSAL's cache in its local storage), as the pane expects. */
export async function prepareBenchData(
  stack: Stack,
  browser: Browser,
  context: BrowserContext,
): Promise<BenchData> {
  const contoso = tenantNamed(stack, 'Contoso');
  const admin = contoso.users.find((u) => u.isAdmin)!;
  const user = contoso.users.find((u) => !u.isAdmin && !u.plantedError)!;
  const adminToken = await token(stack, admin);

  // Set up through the API, consent in the browser (Entra's page), one user synced.
  const { consentUrl } = await api<{ consentUrl: string }>(stack, adminToken, 'POST', '/api/admin/tenants', {
    tenantId: contoso.id,
  });
  const setup = await browser.newContext({ ignoreHTTPSErrors: true });
  const consentPage = await setup.newPage();
  await consentInPage(consentPage, consentUrl, admin as Parameters<typeof consentInPage>[2], 'accept');
  await setup.close();
  await api(stack, adminToken, 'PUT', '/api/admin/activity-management', { enabled: true });
  await api(stack, adminToken, 'PUT', '/api/admin/settings', { backfillDays: 30 });
  await api(stack, adminToken, 'POST', `/api/admin/tenants/${contoso.id}/integrations`, {
    userIds: [user.id],
    acknowledgeNoDeletion: true,
  });
  for (let i = 0; ; i++) {
    const { integrations } = await api<{ integrations: Array<{ status: string }> }>(
      stack,
      adminToken,
      'GET',
      `/api/admin/integrations?tenantId=${contoso.id}`,
    );
    if (integrations[0]?.status === 'active') break;
    if (i > 300) throw new Error(`sync did not finish: ${JSON.stringify(integrations)}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }

  // A sender the organisation knows, from the user's own mailbox (listed by the dev host).
  const home = await context.newPage();
  await home.route('https://appsforoffice.microsoft.com/**', (r) => r.fulfill({ status: 404, body: '' }));
  await signInToDevHost(home, stack.url, user.userPrincipalName);
  await home.waitForSelector('[data-testid="devhost-message"]');
  const senders = await home.$$eval('[data-testid="devhost-message"]', (els) =>
    els.map((e) => e.getAttribute('data-from') ?? ''),
  );
  await home.close();
  const userBearer = await token(stack, user);
  for (const email of new Set(senders)) {
    if (!email || email.endsWith('@contoso.com')) continue;
    const answer = await api<{ contacts: Array<{ known?: boolean }> }>(
      stack,
      userBearer,
      'GET',
      `/api/contacts?emails=${encodeURIComponent(email)}`,
    );
    if (answer.contacts[0]?.known) return { user, sender: email };
  }
  throw new Error('No known external sender in the mailbox');
}

/** Office.js as the bench's Outlook: the signed-in user and one email from `sender` (no NAA). */
export function officeStandIn({ user, sender }: BenchData): string {
  return `window.Office = {
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    EventType: { ItemChanged: 'olkItemSelectedChanged', OfficeThemeChanged: 'officeThemeChanged' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    context: {
      displayLanguage: 'en-US',
      officeTheme: { bodyBackgroundColor: '#ffffff' },
      requirements: { isSetSupported: () => false },
      mailbox: {
        userProfile: { emailAddress: ${JSON.stringify(user.mail)} },
        item: { itemId: '1', internetMessageId: '<bench@x>', subject: 'Bench',
          from: { displayName: 'Sender', emailAddress: ${JSON.stringify(sender)} },
          to: [{ displayName: 'Me', emailAddress: ${JSON.stringify(user.mail)} }], cc: [] },
        addHandlerAsync: (t, h, cb) => cb && cb({ status: 'succeeded' }),
        removeHandlerAsync: () => undefined,
      },
      ui: {},
    },
  };`;
}
