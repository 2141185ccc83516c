import type { Page } from 'playwright-core';
import { exampleDataFor } from '../support/form-examples';
import { idNumber } from './household-application';
import { seedCases } from './seed-cases';
import { buttonName, describeInBrowser } from './support';

// A member of the public objects to a notice, gets the objection's number on a printable A4
// receipt, and later follows it on the lookup page with the number and the phone's last four
// digits — or, having left no phone, with the code the receipt shows.

const HEADS = [
  { name: '邓火生', id: idNumber('44142419680315471') },
  { name: '邓桂生', id: idNumber('44142419680315473') },
];

describeInBrowser('objection receipt and lookup', 'objection-receipt', (suite) => {
  let notices: Map<string, string>;

  beforeAll(async () => {
    const seeded = await seedCases(suite, HEADS, ['VERIFY', 'PASS', 'POSTED']);
    notices = new Map();
    for (const [name, { instanceId }] of seeded) {
      const { rows } = await suite.app.services.db.pool.query(`SELECT id FROM notices WHERE instance_id = $1 AND status = 'open'`, [instanceId]);
      notices.set(name, rows[0].id);
    }
  });

  async function object(page: Page, name: string, phone?: string) {
    await page.goto(`${suite.base}/notices/${notices.get(name)}`);
    await page.getByText('提出异议', { exact: true }).waitFor();
    await page.getByLabel('异议内容').fill(`${name}家有一台小货车跑运输，收入较稳定，请核实。`);
    if (phone) await page.getByLabel('联系电话（可不填）').fill(phone);
    await page.getByRole('button', { name: buttonName('提交异议') }).click();
    const receipt = page.getByTestId('objection-receipt');
    await receipt.waitFor();
    const number = (await receipt.locator('strong.jz-mono').textContent())!;
    expect(number).toMatch(/^441424-\d{4}-Y\d{6}$/);
    await page.getByText(`异议已受理，编号 ${number}`).waitFor();
    return { receipt, number };
  }

  async function lookUp(page: Page, number: string, tail: string) {
    await page.goto(`${suite.base}/objections/lookup`);
    await page.getByRole('heading', { name: '异议办理进度查询' }).waitFor();
    await page.getByLabel('异议编号').fill(number);
    await page.getByLabel('电话后四位或查询码').fill(tail);
    await page.getByRole('button', { name: buttonName('查询') }).click();
    return page.getByTestId('objection-status');
  }

  it('When someone objects with a phone at 1366 px, then the receipt shows the number and prints alone on an A4 page, and the lookup by number and phone tail shows the review under way', async () => {
    const page = await suite.openPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    const { receipt, number } = await object(page, '邓火生', '13825107788');
    await receipt.getByText('凭异议编号和所留联系电话的后四位查询').waitFor();
    await receipt.getByText('邓火生家有一台小货车跑运输，收入较稳定，请核实。').waitFor();
    await receipt.getByText(/华城镇董源村 贫困户识别公示/).waitFor();
    const { rows } = await suite.app.services.db.pool.query('SELECT phone_tail FROM objections WHERE receipt_no = $1', [number]);
    expect(rows).toEqual([{ phone_tail: '7788' }]);
    await suite.screenshot(page, 'receipt-1366');

    // Printed, only the receipt shows: the notice above it and the header are gone.
    await page.emulateMedia({ media: 'print' });
    expect(await receipt.isVisible()).toBe(true);
    expect(await page.locator('.jz-notice-sheet').isVisible()).toBe(false);
    expect(await page.locator('header').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // One A4 page: the PDF has a single page object.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });

    // A wrong tail is refused without saying whether the number exists.
    await lookUp(page, number, '0000');
    await page.getByText(/没有找到与该编号和电话后四位/).waitFor();
    const status = await lookUp(page, number, '7788');
    await status.getByText('乡镇正在调查核实').waitFor();
    await status.getByText(number).waitFor();
    expect(await status.textContent()).not.toContain('小货车');
    await suite.screenshot(page, 'lookup-1366');
  });

  it('When someone objects without a phone at 360 px, then the receipt shows a lookup code, and once the town has decided the lookup by that code shows the decision', async () => {
    const page = await suite.openPage();
    await page.setViewportSize({ width: 360, height: 740 });
    const { receipt, number } = await object(page, '邓桂生');
    const codeLine = receipt.getByText(/^凭异议编号和查询码 \d{4} 查询/);
    await codeLine.waitFor();
    const code = /查询码 (\d{4})/.exec((await codeLine.textContent())!)![1];
    const box = await receipt.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await suite.screenshot(page, 'receipt-360');

    // The town reviews the objection and finds it unfounded.
    const { services } = suite.app;
    const { rows } = await services.db.pool.query(`SELECT t.id FROM tasks t JOIN objections o ON o.instance_id = t.instance_id WHERE o.receipt_no = $1 AND t.state = 'objectionReview' AND t.status = 'open'`, [number]);
    await services.runtime.completeTask({
      taskId: rows[0].id, outcome: 'DISMISS', actor: await services.actor('zhen-huacheng'),
      data: { ...(exampleDataFor('household-identification.objectionReview') as Record<string, unknown>), decision: 'dismissed' }, comment: '货车已于去年卖出。',
    });

    const status = await lookUp(page, number, code);
    await status.getByText('已办结').waitFor();
    await status.getByText('异议不成立').waitFor();
    expect(await status.textContent()).not.toContain('货车已于去年卖出');
    const statusBox = await status.boundingBox();
    expect(statusBox!.x + statusBox!.width).toBeLessThanOrEqual(360);
    await suite.screenshot(page, 'lookup-360');
  });
});
