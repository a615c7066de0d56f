/**
 * `npm run bench:addin`: the task pane's weight and speed as a person in Outlook meets it.
 *  - JS+CSS of the pane page (our files; Office.js is Microsoft's CDN's), raw and gzip-compressed;
 *  - time from navigation to the first contact card, headless Chromium with 4× CPU throttling,
 *    median of several runs, against the whole stack (`npm start`: server, database, emulator).
 * The pane is signed in (MSAL cache from a first sign-in) and shows an email from someone the
 * organisation knows; Office.js is replaced by a stand-in that provides that email.
 */
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../support/browser';
import { consentInPage } from '../support/consent';
import { userToken, type TestEmulator } from '../support/emulator';
import { signInToDevHost } from '../e2e/support/browser';
import { startStack, tenantNamed, type ScenarioUser, type Stack } from '../e2e/support/stack';

const runs = Number(process.env.BENCH_RUNS ?? 7);

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  console.log('Starting the stack…');
  const stack = await startStack();
  const browser = await launchChromium();
  try {
    const contoso = tenantNamed(stack, 'Contoso');
    const admin = contoso.users.find((u) => u.isAdmin)!;
    const user = contoso.users.find((u) => !u.isAdmin && !u.plantedError)!;
    const adminToken = await token(stack, admin);

    // Set up through the API, consent in the browser (Entra's page), one user synced.
    const { consentUrl } = await api<{ consentUrl: string }>(
      stack,
      adminToken,
      'POST',
      '/api/admin/tenants',
      {
        tenantId: contoso.id,
      },
    );
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

    // A sender the organisation knows, from the user's own mailbox.
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const home = await context.newPage();
    await home.route('https://appsforoffice.microsoft.com/**', (r) => r.fulfill({ status: 404, body: '' }));
    await signInToDevHost(home, stack.url, user.userPrincipalName);
    await home.waitForSelector('[data-testid="devhost-message"]');
    const senders = await home.$$eval('[data-testid="devhost-message"]', (els) =>
      els.map((e) => e.getAttribute('data-from') ?? ''),
    );
    const userBearer = await token(stack, user);
    let sender = '';
    for (const email of new Set(senders)) {
      if (!email || email.endsWith('@contoso.com')) continue;
      const answer = await api<{ contacts: Array<{ known?: boolean }> }>(
        stack,
        userBearer,
        'GET',
        `/api/contacts?emails=${encodeURIComponent(email)}`,
      );
      if (answer.contacts[0]?.known) {
        sender = email;
        break;
      }
    }
    if (!sender) throw new Error('No known external sender in the mailbox');
    await home.close();

    const officeStandIn = `window.Office = {
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
    await context.route('https://appsforoffice.microsoft.com/**', (r) =>
      r.fulfill({ body: officeStandIn, contentType: 'text/javascript' }),
    );
    await context.addInitScript(() => {
      const w = window as unknown as { firstCardAt?: number };
      new MutationObserver((_m, observer) => {
        if (document.querySelector('[data-testid="contact-card"]')) {
          w.firstCardAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });

    const times: number[] = [];
    let bytes: Array<{ url: string; raw: number; gzip: number }> = [];
    for (let i = 0; i < runs + 1; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const assets: Array<Promise<{ url: string; raw: number; gzip: number }>> = [];
      page.on('response', (response) => {
        const url = response.url();
        if (url.startsWith(stack.url) && /\.(js|css)(\?|$)/.test(url))
          assets.push(
            response.body().then((b) => ({ url, raw: b.length, gzip: gzipSync(b, { level: 9 }).length })),
          );
      });
      await page.goto(`${stack.url}/addin/taskpane.html`);
      await page.waitForSelector('[data-testid="contact-card"]', { timeout: 30_000 });
      const at = await page.evaluate(
        () => (window as unknown as { firstCardAt?: number }).firstCardAt ?? NaN,
      );
      if (i > 0) times.push(at); // the first run warms the server and the database
      bytes = await Promise.all(assets);
      await page.close();
    }

    const raw = bytes.reduce((n, b) => n + b.raw, 0);
    const gzip = bytes.reduce((n, b) => n + b.gzip, 0);
    console.log('\nTask pane (our JS+CSS; Office.js from Microsoft’s CDN not counted):');
    for (const b of bytes)
      console.log(
        `  ${new URL(b.url).pathname.padEnd(40)} ${(b.raw / 1024).toFixed(1).padStart(7)} KB raw ${(b.gzip / 1024).toFixed(1).padStart(7)} KB gzip`,
      );
    console.log(
      `  total${' '.repeat(35)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw ${(gzip / 1024).toFixed(1).padStart(7)} KB gzip   (aim < 250 KB gzip)`,
    );
    console.log(
      `\nNavigation → first contact card, 4× CPU throttling, ${times.length} runs: median ${median(times).toFixed(0)} ms ` +
        `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})   (aim < 1500 ms)`,
    );
    await context.close();
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
