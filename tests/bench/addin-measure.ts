import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';

/** `npm run bench:addin`'s measurement of one page load, and its report. */

export interface Run {
  /** navigation → first contact card in the DOM */
  card: number;
  /** the phases, in order, adding up to `card` */
  phases: Record<string, number>;
  /** CPU time in script over the page's life (CDP Performance.getMetrics, ScriptDuration) */
  scriptMs: number;
  assets: Array<{ url: string; raw: number; gzip: number }>;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Loads a page cold (no cache, 4× slower CPU) and reads its timings once the first card is there. */
export async function measure(context: BrowserContext, url: string, page: string): Promise<Run> {
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
    const bundle = resources.find((r) => r.name.includes(${JSON.stringify(`/addin/${page}.`)}) && r.name.endsWith('.js'));
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
  const phases: Record<string, number> = Number.isNaN(t.boot)
    ? { 'page + bundle': t.bundle, 'the rest (this build has no marks)': t.card - t.bundle }
    : Number.isNaN(t.office)
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

export function report(name: string, measured: Run[]): void {
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
