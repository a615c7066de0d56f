import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { artifactsDir, paneFrame } from './browser';

/**
 * Every pane the way Outlook shows it: at 320 and 420 px (and a phone), in light, dark and high
 * contrast (forced colours), in English and Japanese — screenshotted into test-artifacts/panes,
 * checked for horizontal overflow and with axe-core. Driven through the dev host's controls,
 * reusing one page per person: a width or theme change needs no reload.
 */

export const widths = [320, 420] as const;
export const themes = ['light', 'dark', 'contrast'] as const;
export type Theme = (typeof themes)[number];

export interface PaneCheck {
  name: string;
  overflow: string[];
  violations: Awaited<ReturnType<typeof seriousViolations>>;
}

/**
 * What sticks out to the right or is cut off there: the document or any scroll container wider than
 * its box, and any element whose box reaches past the pane's edge or past an ancestor that clips
 * it (`overflow: hidden`), unless nothing of it shows at all (Fluent hides some parts that way).
 */
export function horizontalOverflow(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const describe = (el: Element) => {
      const named = el.closest('[class*="fui-"]');
      const fui = named ? [...named.classList].find((c) => c.startsWith('fui-')) : '';
      const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
      return `${el.tagName.toLowerCase()} in ${fui || 'page'}${testId ? ` [${testId}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    };
    const problems: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth)
      problems.push(`document: scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`);
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('[data-tabster-dummy]')) continue; // Fluent's zero-size focus sentinels
      const style = getComputedStyle(el);
      if (/auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth)
        problems.push(`${describe(el)}: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
      // The visible rectangle: the pane, narrowed by every ancestor that clips.
      let [left, right, top, bottom] = [0, root.clientWidth, -Infinity, Infinity];
      let clipper = 'the pane';
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (!/hidden|clip/.test(getComputedStyle(a).overflowX)) continue;
        const r = a.getBoundingClientRect();
        [left, top, bottom] = [Math.max(left, r.left), Math.max(top, r.top), Math.min(bottom, r.bottom)];
        if (r.right < right) [right, clipper] = [r.right, describe(a)];
      }
      const shownWidth = Math.min(box.right, right) - Math.max(box.left, left);
      const shownHeight = Math.min(box.bottom, bottom) - Math.max(box.top, top);
      // Wholly hidden (a zero-size or 1 px screen-reader-only box) is not cut.
      if (shownWidth > 1 && shownHeight > 1 && box.right > right + 0.5)
        problems.push(
          `${describe(el)}: ends at ${Math.round(box.right)} px, cut at ${Math.round(right)} px by ${clipper}`,
        );
    }
    return problems;
  });
}

/** Interactive controls smaller than 44 × 44 px (a finger's target on a phone). */
export function smallTouchTargets(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const selector = [
      'button',
      '[role="tab"]',
      'a[href]',
      'input:not([type="hidden"])',
      'select',
      'textarea',
      'summary',
    ].join(',');
    const small: string[] = [];
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (box.width < 44 || box.height < 44)
        small.push(
          `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return small;
  });
}

/** The pane once `condition` (an expression) holds in it: the dev host may be swapping its frame. */
export async function paneWhere(page: Page, condition: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await paneFrame(page);
    try {
      if (await frame.evaluate(condition)) return frame;
    } catch {
      // the old frame was detached, or the new one is still navigating
    }
    if (Date.now() > deadline) throw new Error(`the pane never met: ${condition}`);
    await page.waitForTimeout(100);
  }
}

/**
 * The dev host's pane column set to this width, and the pane laid out at it (switching to or from
 * the phone frame loads the pane again, as a phone's).
 */
export async function setWidth(page: Page, width: number | 'mobile'): Promise<void> {
  await page.selectOption('[data-testid="devhost-width"]', String(width));
  if (width !== 'mobile')
    await paneWhere(
      page,
      `window.innerWidth === ${width} && document.documentElement.dataset.touch === 'false'`,
    );
}

/** Light or dark through Office's theme; high contrast through the system's forced colours. */
export async function setTheme(page: Page, frame: Frame, theme: Theme): Promise<void> {
  await page.emulateMedia({ forcedColors: theme === 'contrast' ? 'active' : 'none' });
  if (theme !== 'contrast') await page.selectOption('[data-testid="devhost-theme"]', theme);
  await frame.waitForSelector(`[data-theme="${theme}"]`);
}

/** Screenshot of the pane as framed by the dev host, the overflow check and axe. */
export async function checkPane(page: Page, frame: Frame, name: string): Promise<PaneCheck> {
  // Two frames: layout and Fluent's style insertion after a change have settled.
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const dir = path.join(artifactsDir, 'panes');
  mkdirSync(dir, { recursive: true });
  await page.locator('[data-testid="devhost-pane-box"]').screenshot({ path: path.join(dir, `${name}.png`) });
  return { name, overflow: await horizontalOverflow(frame), violations: await seriousViolations(frame) };
}

/** Runs `visit` for every theme and width (the pane stays loaded), collecting the checks. */
export async function everyThemeAndWidth(
  page: Page,
  name: string,
  ready: (frame: Frame) => Promise<unknown>,
): Promise<PaneCheck[]> {
  const checks: PaneCheck[] = [];
  for (const theme of themes) {
    const frame = await paneFrame(page);
    await setTheme(page, frame, theme);
    for (const width of widths) {
      await setWidth(page, width);
      await ready(frame);
      checks.push(await checkPane(page, frame, `${name}-${theme}-${width}`));
    }
  }
  return checks;
}

/** The checks that found something, for one readable failure message. */
export function failures(checks: PaneCheck[]): Array<Omit<PaneCheck, 'name'> & { name: string }> {
  return checks.filter((c) => c.overflow.length > 0 || c.violations.length > 0);
}
