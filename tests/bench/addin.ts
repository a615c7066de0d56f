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
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/browser';
import { projectRoot } from '../support/processes';
import { startStack } from '../e2e/support/stack';
import { measure, median, report, type Run } from './addin-measure';
import { officeStandIn, prepareBenchData } from './addin-setup';

const runs = Number(process.env.BENCH_RUNS ?? 11);
/** BENCH_BASELINE=<git ref> (e.g. main): that commit's task pane is measured too, in the same run. */
const baselineRef = process.env.BENCH_BASELINE ?? '';

function webpack(cwd: string, ...args: string[]): void {
  execFileSync(
    process.execPath,
    [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', ...args],
    {
      cwd,
      stdio: 'inherit',
      // The build trusts no extra CA (and the relative path would not resolve from another folder).
      env: { ...process.env, NODE_EXTRA_CA_CERTS: '' },
    },
  );
}

/** The baseline commit's add-in, built with its own sources into dist/addin/baseline (served beside ours). */
function buildBaseline(ref: string): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sam-bench-baseline-'));
  try {
    execSync(
      `git archive ${JSON.stringify(ref)} addin shared webpack.config.js manifest.xml | tar -x -C ${dir}`,
      {
        cwd: projectRoot,
      },
    );
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'));
    webpack(dir, '--output-path', path.join(projectRoot, 'dist', 'addin', 'baseline'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // The production build with the bare page beside the panes (named by no manifest).
  // BENCH_BUILD=0 measures dist/addin as it is (built before with `--env bench`).
  if (process.env.BENCH_BUILD !== '0') {
    console.log('Building the add-in with the benchmark page…');
    webpack(projectRoot, '--env', 'bench');
    if (baselineRef) {
      console.log(`Building ${baselineRef}'s add-in as the baseline…`);
      buildBaseline(baselineRef);
    }
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
    const baseline: Run[] = [];
    for (let i = 0; i <= runs; i++) {
      const b = await measure(context, stack.url, 'bare-card');
      const p = await measure(context, stack.url, 'taskpane');
      const o = baselineRef ? await measure(context, stack.url, 'baseline/taskpane') : null;
      if (i > 0) {
        bare.push(b);
        pane.push(p);
        if (o) baseline.push(o);
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
    // Each pair ran back to back, under the same load: the median of their ratios is the figure.
    const pairs = pane.map((r, i) => r.card / bare[i]!.card);
    const ofMedians = median(pane.map((r) => r.card)) / median(bare.map((r) => r.card));
    console.log(
      `\nTask pane / bare page: ${median(pairs).toFixed(2)}× (median of ${pairs.length} pairs, ` +
        `${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)}×; ratio of the medians ${ofMedians.toFixed(2)}×)   (aim ≤ 2×)`,
    );
    if (baseline.length > 0) {
      report(`The task pane of ${baselineRef} (same run)`, baseline);
      const against = pane.map((r, i) => r.card / baseline[i]!.card);
      console.log(
        `\nTask pane / ${baselineRef}'s: ${median(against).toFixed(2)}× (median of ${against.length} pairs)   (aim ≤ 1×)`,
      );
    }
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
