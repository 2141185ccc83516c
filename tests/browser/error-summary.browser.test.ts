import type { Page } from 'playwright-core';
import { buttonName, describeInBrowser } from './support';

// Errors people can act on — a summary at the top naming each field, in reading
// order, each a link to its field; the first one focused; messages that say what to do; no
// placeholder that looks like a value. At 1366 px and 360 px.

async function openApplication(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: '贫困户申请', exact: true }).click();
  await page.getByRole('heading', { name: '贫困户申请' }).waitFor();
}

describeInBrowser('errors people can act on', 'error-summary', (suite) => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 360, height: 740 }]) {
    it(`When the clerk submits an empty application at ${viewport.width} px, then a summary names each missing field in reading order, focuses the first and each entry goes to its field`, async () => {
      const page = await suite.signIn('cun-dongyuan');
      await page.setViewportSize(viewport);
      await openApplication(page);

      // Money fields show no "0.00" that could pass for an amount.
      const money = page.locator('input[placeholder="填写金额（元）"]');
      // (in the folded 家庭收入 section: present, not yet shown)
      await money.first().waitFor({ state: 'attached' });
      expect(await page.locator('input[placeholder="0.00"], input[placeholder="¥0.00"]').count()).toBe(0);

      await page.getByRole('button', { name: buttonName('提交申请') }).click();
      const summary = page.getByTestId('error-summary');
      await summary.waitFor();
      const entries = summary.getByRole('listitem');
      const texts = await entries.allTextContents();
      expect(texts.length).toBeGreaterThan(3);
      // Messages say what to do and name the field, not "此项为必填项".
      expect(texts.some((t) => t.includes('请填写户主姓名') || t.includes('请填写姓名'))).toBe(true);
      expect(texts.filter((t) => t.includes('此项为必填项'))).toEqual([]);

      // The first error in reading order has the focus: the summary's first entry is the field focused.
      const focusedId = await page.locator(':focus').getAttribute('id') ?? '';
      expect(focusedId).toMatch(/^root_/);
      // (Going to the summary's first entry lands on that same field.)
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      await entries.first().getByRole('button').click();
      expect(await page.locator(':focus').getAttribute('id')).toBe(focusedId);
      // Reading order: each entry goes to a field that comes after the one before it in the page.
      const fields = page.locator('input[id^="root_"], select[id^="root_"], textarea[id^="root_"]');
      const order: string[] = [];
      for (let i = 0; i < await fields.count(); i += 1) order.push(await fields.nth(i).getAttribute('id') ?? '');
      const visited: number[] = [];
      for (let i = 0; i < Math.min(texts.length, 8); i += 1) {
        await entries.nth(i).getByRole('button').click();
        const id = await page.locator(':focus').getAttribute('id') ?? '';
        expect(id).toMatch(/^root_/);
        visited.push(order.indexOf(id));
      }
      expect(visited.every((index) => index >= 0)).toBe(true);
      expect(visited).toEqual([...visited].sort((a, b) => a - b));
      await entries.first().getByRole('button').click();
      await suite.screenshot(page, `empty-submit-${viewport.width}`);
    });
  }
});
