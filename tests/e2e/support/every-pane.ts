import type { Frame, Page } from 'playwright-core';
import { paneFrame } from './browser';
import {
  checkPane,
  paneWhere,
  everyThemeAndWidth,
  horizontalOverflow,
  setTheme,
  setWidth,
  smallTouchTargets,
  type PaneCheck,
} from './layouts';

/** The dev host's languages: Office's display language, read by the pane when it starts. */
const languages = [
  ['en-US', 'en'],
  ['ja-JP', 'ja'],
] as const;

async function setLanguage(page: Page, language: string): Promise<Frame> {
  await page.selectOption('[data-testid="devhost-lang"]', language);
  const lang = language.slice(0, 2);
  return paneWhere(page, `document.documentElement.lang === '${lang}' && !!document.querySelector('main')`);
}

/** The chart's two series under forced colours: painted, in two different system colours. */
function chartColours(frame: Frame) {
  return frame.evaluate(() => {
    const svg = document.querySelector('[data-testid="contact-card"] svg[role="img"]')!;
    const [received, sent] = [...svg.querySelectorAll('g')].flatMap((g) => [...g.querySelectorAll('rect')]);
    const background = getComputedStyle(document.querySelector('main')!).backgroundColor;
    return { sent: getComputedStyle(sent!).fill, received: getComputedStyle(received!).fill, background };
  });
}

export interface TaskPaneResult {
  checks: PaneCheck[];
  /** the chart's colours in high contrast, per language */
  contrastChart: Array<{ sent: string; received: string; background: string }>;
  /** the pane in a phone's frame (Outlook mobile): overflow and controls under 44 px */
  phone: { overflow: string[]; smallTargets: string[] };
}

/**
 * The task pane next to an email from `sender` (someone the organisation knows), then its company
 * view, in every language, theme and width; and once in the phone frame.
 */
export async function taskPaneEverywhere(page: Page, sender: string): Promise<TaskPaneResult> {
  const checks: PaneCheck[] = [];
  const contrastChart: TaskPaneResult['contrastChart'] = [];
  let phone: TaskPaneResult['phone'] = { overflow: ['not checked'], smallTargets: [] };
  const card = (frame: Frame) => frame.waitForSelector('[data-testid="contact-card"]', { timeout: 60_000 });
  await page.click(`[data-testid="devhost-message"][data-from="${sender}"]`);
  for (const [language, lang] of languages) {
    let frame = await setLanguage(page, language);
    await card(frame);
    checks.push(...(await everyThemeAndWidth(page, `taskpane-${lang}`, card)));
    contrastChart.push(await chartColours(frame)); // the last theme visited is high contrast

    frame = await paneFrame(page);
    await frame.click('[data-testid="company-show"]');
    await frame.waitForSelector('[data-testid="company-detail"]', { timeout: 60_000 });
    checks.push(
      ...(await everyThemeAndWidth(page, `company-${lang}`, (f) =>
        f.waitForSelector('[data-testid="company-detail"]'),
      )),
    );
  }

  // Outlook mobile: the pane fills a phone's screen, used by touch (the pane reloads as a phone's).
  await setTheme(page, await paneFrame(page), 'light');
  await setLanguage(page, 'en-US');
  await setWidth(page, 'mobile');
  const frame = await paneWhere(page, `document.documentElement.dataset.touch === 'true'`);
  await card(frame);
  checks.push(await checkPane(page, frame, 'taskpane-en-light-phone'));
  phone = { overflow: await horizontalOverflow(frame), smallTargets: await smallTouchTargets(frame) };
  await setWidth(page, 320);
  return { checks, contrastChart, phone };
}

const adminSections = [
  ['tenants', 'tenants-table'],
  ['users', 'users-table'],
  ['settings', 'save-settings'],
  ['audit', 'audit-table'],
] as const;

/** Each section of the admin pane, in every language, theme and width. */
export async function adminPaneEverywhere(page: Page): Promise<PaneCheck[]> {
  const checks: PaneCheck[] = [];
  for (const [language, lang] of languages) {
    const frame = await setLanguage(page, language);
    await frame.waitForSelector('[role="tablist"]', { timeout: 60_000 });
    for (const [index, [section, testId]] of adminSections.entries()) {
      await frame.getByRole('tab').nth(index).click();
      const ready = (f: Frame) => f.waitForSelector(`[data-testid="${testId}"]`, { timeout: 60_000 });
      await ready(frame);
      checks.push(...(await everyThemeAndWidth(page, `admin-${section}-${lang}`, ready)));
    }
  }
  return checks;
}
