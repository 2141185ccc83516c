import type { Page } from 'playwright-core';
import type { BrowserSuite } from './browser-suite';
import { fillSchemaForm } from './fill-schema-form';

/**
 * The accessible name of an Ant Design button: antd puts a space between the two characters of a
 * two-character Chinese label (确认 shows as 确 认), so match with or without it.
 */
export function buttonName(label: string): RegExp {
  const escaped = [...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join(label.length === 2 ? '\\s?' : '')}$`);
}

export interface TaskStep {
  /** The task's title as the inbox lists it, e.g. `入户核实`. */
  title: string;
  /** Form data, filled as a person would (see fillSchemaForm). */
  data?: Record<string, unknown>;
  /** The outcome button's label, e.g. `核实通过`. */
  outcome: string;
  comment?: string;
  /** Screenshot name of the filled-in task page. */
  screenshot: string;
  /** Text the task page must show before anything is filled in (what earlier steps recorded). */
  shows?: Array<string | RegExp>;
  /** Further checks of the task page before anything is filled in. */
  check?: (page: Page) => Promise<void>;
}

/**
 * From the inbox, opens the task with this title, fills its form and comment, chooses the outcome,
 * confirms, and waits for the inbox with the "已办理" message. Screenshots the inbox and the filled task.
 */
export async function completeTaskFromInbox(suite: BrowserSuite, page: Page, step: TaskStep): Promise<void> {
  // Someone else may have acted since this inbox loaded: come back to it fresh.
  if (new URL(page.url()).pathname === '/inbox') await page.reload();
  else await page.getByRole('navigation').getByRole('link', { name: '待办任务', exact: true }).click();
  const link = page.getByRole('link', { name: step.title, exact: true }).first();
  await link.waitFor();
  await suite.screenshot(page, `${step.screenshot}-inbox`);
  await link.click();
  await page.getByRole('heading', { name: step.title, exact: true }).waitFor();
  for (const text of step.shows ?? []) await page.getByText(text).first().waitFor();
  await step.check?.(page);
  if (step.data) await fillSchemaForm(page, step.data);
  if (step.comment) await page.locator('#task-comment').fill(step.comment);
  await suite.screenshot(page, step.screenshot);
  await page.getByRole('button', { name: buttonName(step.outcome) }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`确认“${step.outcome}”？`).filter({ visible: true }).waitFor();
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/tasks\/[^/]+\/complete$/.test(new URL(r.url()).pathname));
  await dialog.getByRole('button', { name: buttonName('确认') }).click();
  // The page asks for the step's summary only: the case's data and history do not travel back to the phone.
  const answer = await answered;
  expect(answer.request().headers().prefer).toBe('return=minimal');
  expect(answer.headers()['preference-applied']).toBe('return=minimal');
  expect(Object.keys(await answer.json() as object)).not.toContain('history');
  await page.waitForURL('**/inbox');
  await page.getByText(`已办理：${step.outcome}`).waitFor();
}
