/**
 * `npm run bench:addin`: the task pane's weight and speed as a person in Outlook meets it.
 *  - JS+CSS of the pane page (our files; Office.js is Microsoft's CDN's), raw and gzip-compressed;
 *  - time from navigation to the first contact card, headless Chromium with 4× CPU throttling and
 *    no HTTP cache, against the whole stack (`npm start`: server, database, emulator), as a ratio
 *    to a bare page of the same card from static data (tests/bench/bare-card.tsx) measured
 *    alternately in the same run, with where the pane's time goes (the `sam:*` performance marks
 *    and the resource timings of its requests) and the CPU spent in script (CDP).
 * The pane is signed in (MSAL cache from a first sign-in) and shows an email from someone the
 * organisation knows; Office.js is replaced by a stand-in that provides that email.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { projectRoot } from '../support/processes';
import { startStack } from '../e2e/support/stack';
import { officeStandIn, prepareBenchData } from './addin-setup';

const runs = Number(process.env.BENCH_RUNS ?? 9);

interface Run {
  /** navigation → first contact card in the DOM */
  card: number;
  /** the phases, in order, adding up to `card` */
  phases: Record<string, number>;
  /** CPU time in script over the page's life (CDP Performance.getMetrics, ScriptDuration) */
  scriptMs: number;
  assets: Array<{ url: string; raw: number; gzip: number }>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Loads a page cold (no cache, 4× slower CPU) and reads its timings once the first card is there. */
async function measure(context: BrowserContext, url: string, page: 'taskpane' | 'bare-card'): Promise<Run> {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Performance.enable');
  const assets: Array<Promise<Run['assets'][number]>> = [];
  tab.on('response', (response) => {
    const at = response.url();
    if (at.startsWith(url) && /\.(js|css)(\?|$)/.test(at))
      assets.push(
        response.body().then((b) => ({ url: at, raw: b.length, gzip: gzipSync(b, { level: 9 }).length })),
      );
  });
  await tab.goto(`${url}/addin/${page}.html`);
  await tab.waitForSelector('[data-testid="contact-card"]', { timeout: 60_000 });
  // A string, not a function: the page must not see the helpers tsx adds to compiled functions.
  const t = (await tab.evaluate(`(() => {
    const resources = performance.getEntriesByType('resource');
    const bundle = resources.find((r) => /\\/addin\\/${page}\\.[^/]*js$/.test(r.name));
    const contacts = resources.find((r) => r.name.includes('/api/contacts'));
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
    return {
      card: window.firstCardAt ?? NaN,
      bundle: bundle ? bundle.responseEnd : NaN,
      boot: marks['sam:boot'] ?? NaN,
      office: marks['sam:office'] ?? NaN,
      auth: marks['sam:auth'] ?? NaN,
      token: marks['sam:token'] ?? NaN,
      answered: contacts ? contacts.responseEnd : NaN,
    };
  })()`)) as Record<'card' | 'bundle' | 'boot' | 'office' | 'auth' | 'token' | 'answered', number>;
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const scriptMs = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000;
  const phases: Record<string, number> =
    page === 'bare-card'
      ? { 'page + bundle': t.bundle, 'script evaluation': t.boot - t.bundle, render: t.card - t.boot }
      : {
          'page + bundle': t.bundle,
          'script evaluation': t.boot - t.bundle,
          'Office ready': t.office - t.boot,
          'sign-in settings, MSAL start': t.auth - t.office,
          'first token (from MSAL’s cache)': t.token - t.auth,
          'API answer (me + contacts)': t.answered - t.token,
          render: t.card - t.answered,
        };
  const result = { card: t.card, phases, scriptMs, assets: await Promise.all(assets) };
  await tab.close();
  return result;
}

function report(name: string, measured: Run[]): void {
  console.log(`\n${name}: median of ${measured.length} runs`);
  const keys = Object.keys(measured[0]!.phases);
  for (const key of keys) {
    const values = measured.map((r) => r.phases[key]!);
    console.log(`  ${key.padEnd(34)} ${median(values).toFixed(0).padStart(6)} ms`);
  }
  const cards = measured.map((r) => r.card);
  console.log(
    `  ${'→ first contact card'.padEnd(34)} ${median(cards).toFixed(0).padStart(6)} ms   ` +
      `(min ${Math.min(...cards).toFixed(0)}, max ${Math.max(...cards).toFixed(0)}); ` +
      `CPU in script ${median(measured.map((r) => r.scriptMs)).toFixed(0)} ms`,
  );
}

async function main(): Promise<void> {
  // The production build with the bare page beside the panes (named by no manifest).
  // BENCH_BUILD=0 measures dist/addin as it is (built before with `--env bench`).
  if (process.env.BENCH_BUILD !== '0') {
    console.log('Building the add-in with the benchmark page…');
    execFileSync(
      process.execPath,
      [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--env', 'bench'],
      { cwd: projectRoot, stdio: 'inherit' },
    );
  }
  console.log('Starting the stack…');
  const stack = await startStack();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const data = await prepareBenchData(stack, browser, context);
    await context.route('https://appsforoffice.microsoft.com/**', (r) =>
      r.fulfill({ body: officeStandIn(data), contentType: 'text/javascript' }),
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

    // Alternately, so both pages meet the same machine load; the first pair warms the server up.
    const pane: Run[] = [];
    const bare: Run[] = [];
    for (let i = 0; i <= runs; i++) {
      const b = await measure(context, stack.url, 'bare-card');
      const p = await measure(context, stack.url, 'taskpane');
      if (i > 0) {
        bare.push(b);
        pane.push(p);
      }
    }

    const assets = pane.at(-1)!.assets;
    const raw = assets.reduce((n, b) => n + b.raw, 0);
    const gzip = assets.reduce((n, b) => n + b.gzip, 0);
    console.log('\nTask pane (our JS+CSS; Office.js from Microsoft’s CDN not counted):');
    for (const b of assets)
      console.log(
        `  ${new URL(b.url).pathname.padEnd(40)} ${(b.raw / 1024).toFixed(1).padStart(7)} KB raw ${(b.gzip / 1024).toFixed(1).padStart(7)} KB gzip`,
      );
    console.log(
      `  total${' '.repeat(35)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw ${(gzip / 1024).toFixed(1).padStart(7)} KB gzip   (aim < 250 KB gzip)`,
    );
    console.log('\nNavigation → first contact card, 4× CPU throttling, no HTTP cache:');
    report('Bare page (the same card from static data)', bare);
    report('Task pane (Office, sign-in, API)', pane);
    const ratio = median(pane.map((r) => r.card)) / median(bare.map((r) => r.card));
    const pairs = pane.map((r, i) => r.card / bare[i]!.card);
    console.log(
      `\nTask pane / bare page: ${ratio.toFixed(2)}× (medians; per pair ${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)}×)   (aim ≤ 2×)`,
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
