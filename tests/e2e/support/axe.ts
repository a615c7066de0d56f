import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

let axeSource: string | null = null;

/** axe-core in the page or frame; the violations rated serious or critical, shortened for reading. */
export async function seriousViolations(target: Page | Frame): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the pages' CSP (rightly) refuses inline scripts.
  // Once per document: a pane checked in several themes and widths keeps it.
  if (!(await target.evaluate(() => 'axe' in window))) {
    axeSource ??= readFileSync(path.join(require.resolve('axe-core'), '..', 'axe.min.js'), 'utf8');
    await target.evaluate(axeSource);
  }
  const violations = await target.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }
    ).axe;
    // Tabster's focus sentinels (Fluent UI's keyboard navigation) are aria-hidden yet focusable
    // by design: they hand focus on at once and are never announced.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
}
