import type { Page } from 'playwright-core';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { idNumber } from './household-application';
import { describeInBrowser } from './support';
import type { BrowserSuite } from './support';
import { auditPage, describeViolations } from './support/axe';

// Inbox rows, the task page and the batch dialog say whose case a task is; the
// inbox searches by name, ID tail and 受理编号, marks due-soon (amber) and overdue (red) by the
// server's clock and keeps saved filters; at 1366 px and at 360 px, where the filters fold away
// behind one button so the tasks are on the first screen.

const APPLICATION = 'household-identification.application';

/** Four households of 董源村, submitted, each waiting for its home visit. */
const HEADS = [
  { name: '钟建国', id: idNumber('44142419680315411') },
  { name: '钟丽萍', id: idNumber('44142419680315423') },
  { name: '魏国栋', id: idNumber('44142419680315431') },
  { name: '魏秀英', id: idNumber('44142419680315443') },
];

async function submitCases(suite: BrowserSuite) {
  const { services } = suite.app;
  const clerk = await services.actor('cun-dongyuan');
  const receipts = new Map<string, string>();
  for (const head of HEADS) {
    const example = withFreshIdNumbers(exampleFor(APPLICATION));
    const text = JSON.stringify(example).split(example.household.head.idNumber).join(head.id).split(example.household.head.name).join(head.name);
    const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
    const task = started.openedTasks[0];
    await services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', actor: clerk, data: JSON.parse(text), comment: '' });
    const { rows } = await services.db.pool.query('SELECT receipt_no FROM instances WHERE id = $1', [started.instanceId]);
    receipts.set(head.name, rows[0].receipt_no);
  }
  return receipts;
}

const rowOf = (page: Page, name: string) => page.getByTestId('task-row').filter({ hasText: name });

/** Waits until the list holds exactly one row (the search answered), and says so. */
async function onlyRow(page: Page, name: string) {
  await page.getByTestId('task-row').nth(1).waitFor({ state: 'detached' });
  await rowOf(page, name).waitFor();
  expect(await page.getByTestId('task-row').count()).toBe(1);
}

describeInBrowser('inbox rows name their case', 'inbox-subjects', (suite) => {
  let receipts: Map<string, string>;
  beforeAll(async () => { receipts = await submitCases(suite); });

  for (const viewport of [{ width: 1366, height: 900 }, { width: 360, height: 740 }]) {
    it(`When the clerk opens the inbox at ${viewport.width} px, then each row names its household and the search finds one by name, ID tail or 受理编号`, async () => {
      const page = await suite.signIn('cun-dongyuan');
      await page.setViewportSize(viewport);
      for (const head of HEADS) {
        const row = rowOf(page, head.name);
        await row.getByTestId('task-subject').getByText(`${head.name} ****${head.id.slice(-4)} · 董源村第三村民小组`).waitFor();
        await row.getByText(receipts.get(head.name)!).waitFor();
      }
      await suite.screenshot(page, `inbox-${viewport.width}`);

      const search = page.getByRole('searchbox', { name: '搜索户主姓名、身份证后四位或受理编号' });
      await search.fill('魏秀英');
      await search.press('Enter');
      await page.waitForURL(/q=/);
      await onlyRow(page, '魏秀英');
      await search.fill(HEADS[0].id.slice(-4));
      await search.press('Enter');
      await rowOf(page, '魏秀英').waitFor({ state: 'detached' });
      await onlyRow(page, '钟建国');
      await search.fill(receipts.get('钟丽萍')!);
      await search.press('Enter');
      await rowOf(page, '钟建国').waitFor({ state: 'detached' });
      await onlyRow(page, '钟丽萍');
      await suite.screenshot(page, `inbox-search-${viewport.width}`);

      // The task page says whose case it is and its 受理编号.
      await rowOf(page, '钟丽萍').getByRole('link', { name: '入户核实', exact: true }).click();
      await page.getByTestId('case-subject').getByText(`钟丽萍 ****${HEADS[1].id.slice(-4)} · 董源村第三村民小组`).waitFor();
      await page.getByTestId('receipt-no').getByText(receipts.get('钟丽萍')!).waitFor();
      await suite.screenshot(page, `task-subject-${viewport.width}`);
    });
  }

  it('When the clerk opens the inbox on a phone, then the first task is on the first screen, the filters fold behind one button that counts those in use, and a wide screen shows them all', async () => {
    const page = await suite.signIn('cun-dongyuan');
    await page.setViewportSize({ width: 360, height: 740 });
    await rowOf(page, HEADS[0].name).waitFor();
    const toggle = page.locator('.jz-fold-toggle');
    const sort = page.getByRole('combobox', { name: '按到期时间' });
    const overdueOnly = page.getByRole('checkbox', { name: '只看逾期' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await sort.isVisible()).toBe(false);
    // Above the fixed bottom bar of a 740 px screen.
    const firstRow = await page.getByTestId('task-row').first().boundingBox();
    expect(firstRow!.y).toBeLessThan(420);
    // The search box (with its clear button) is as high as its search button: 44 px, a thumb's target.
    const box = await page.locator('.jz-inbox-search .ant-input-affix-wrapper').boundingBox();
    const button = await page.locator('.jz-inbox-search .ant-input-search-btn').boundingBox();
    expect([Math.round(box!.height), Math.round(button!.height)]).toEqual([44, 44]);
    // Its button is named in the page's language, not by its icon's English name; so is the refresh button, by its text alone.
    expect(await page.locator('.jz-inbox-search').getByRole('button', { name: '搜索', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '刷新', exact: true }).count()).toBe(1);
    await suite.screenshot(page, 'inbox-360-folded');

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await sort.waitFor();
    await page.getByRole('button', { name: '保存当前筛选' }).waitFor();
    await overdueOnly.click();
    await page.waitForURL(/overdue=1/);
    await toggle.click();
    await overdueOnly.waitFor({ state: 'hidden' });
    await toggle.getByText('筛选（1）').waitFor();
    await suite.screenshot(page, 'inbox-360-one-filter');

    await page.setViewportSize({ width: 1366, height: 900 });
    await sort.waitFor();
    expect(await overdueOnly.isChecked()).toBe(true);
    expect(await toggle.isVisible()).toBe(false);
  });

  it('When the server\'s clock nears the due date, then rows turn amber, then red, whatever the device clock says; a saved filter brings the view back', async () => {
    const page = await suite.signIn('cun-dongyuan');
    await page.setViewportSize({ width: 1366, height: 900 });
    // Verification is due in ten days: eight days on, two are left.
    await suite.advanceClock('P8D');
    // The device's clock is a year behind: the inbox still counts by the server's.
    await page.context().clock.setSystemTime(new Date(suite.app.services.clock.now().getTime() - 365 * 86_400_000));
    await page.reload();
    const row = rowOf(page, '钟建国');
    await row.locator('[data-due-status="dueSoon"]').getByText('还剩 2 天').waitFor();
    expect(await row.getAttribute('class')).toContain('jz-task-row-due-soon');
    // The amber "days left" is readable on its row (WCAG AA contrast).
    const audit = await auditPage(page);
    expect(describeViolations(audit)).toBe('');

    // The filter lives in the address: the box shows ticked once the inbox has moved to it.
    const dueSoonOnly = page.getByRole('checkbox', { name: '只看快到期' });
    await dueSoonOnly.click();
    await page.waitForURL(/dueSoon=1/);
    await page.locator('label.ant-checkbox-wrapper-checked', { hasText: '只看快到期' }).waitFor();
    expect(await dueSoonOnly.isChecked()).toBe(true);
    await page.getByRole('button', { name: '保存当前筛选' }).click();
    await page.getByRole('textbox', { name: '给这个筛选起个名字' }).fill('快到期');
    await page.getByRole('textbox', { name: '给这个筛选起个名字' }).press('Enter');
    await page.getByText('已保存常用筛选“快到期”').waitFor();
    await page.goto(`${suite.base}/inbox`);
    await page.getByTestId('saved-filters').getByRole('button', { name: '快到期', exact: true }).click();
    await page.waitForURL(/dueSoon=1/);
    await suite.screenshot(page, 'due-soon-saved-filter');

    await suite.advanceClock('P3D');
    await page.goto(`${suite.base}/inbox`);
    await rowOf(page, '钟建国').locator('[data-due-status="overdue"]').getByText('已逾期 1 天').waitFor();
    expect(await rowOf(page, '钟建国').getAttribute('class')).toContain('jz-task-row-overdue');
    await suite.screenshot(page, 'overdue');
  });
});
