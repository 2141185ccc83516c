import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's own bundle, evaluated in the page (an evaluation is not subject to the app's CSP). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');

/** Runs in the page: WCAG 2.0/2.1 A and AA rules plus axe's best practices, each violation with its elements. */
const AXE_RUN = `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
  .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`;

/**
 * Runs in the page: waits (at most a second) for colour and size transitions under way to end, so a
 * contrast is measured on the colours the user reads rather than on a button halfway to enabled.
 */
const SETTLE_TRANSITIONS = `Promise.race([
  Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))),
  new Promise((resolve) => setTimeout(resolve, 1000)),
])`;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export interface AxeReport {
  counts: Record<'critical' | 'serious' | 'moderate' | 'minor', number>;
  violations: AxeViolation[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and answers the violations
 * with the number of offending elements per impact.
 */
export async function auditPage(page: Page): Promise<AxeReport> {
  await page.evaluate(SETTLE_TRANSITIONS);
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(AXE_RUN);
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const violation of violations) {
    if (violation.impact && violation.impact in counts) counts[violation.impact as keyof typeof counts] += violation.nodes.length;
  }
  return { counts, violations };
}

/** One line per violation, for a failure message: `serious color-contrast (3): .a, .b, .c`. */
export function describeViolations(report: AxeReport, impacts: string[] = ['critical', 'serious']): string {
  return report.violations
    .filter((v) => v.impact && impacts.includes(v.impact))
    .map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes.slice(0, 5).join(', ')}`)
    .join('\n');
}
