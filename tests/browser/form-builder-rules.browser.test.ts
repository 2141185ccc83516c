import type { Locator, Page } from 'playwright-core';
import { buttonName, describeInBrowser } from './support';
import { addBuilderField, openNewForm } from './support/form-builder';

// Issue 17: the project's rules are settings, not JSON — 合计等于 picks the list, the amount of its
// rows and the total by their Chinese labels, 不可重复 a field of the list's row, 日期区间 its two
// dates — with their own Chinese message; the preview checks them as a submit would; a rule naming a
// field that is gone is said in the panel, and saving is refused with the message under that row.

const FORM = 'project-tendering.fundCheck';
const OPEN_OPTIONS = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';

async function choose(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  const option = page.locator(OPEN_OPTIONS).filter({ hasText: text }).first();
  for (let attempt = 0; attempt < 3; attempt++) {
    await option.click();
    const closed = await page.locator(OPEN_OPTIONS).first().waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false);
    if (closed) return;
  }
  throw new Error(`The select did not take the option "${text}"`);
}

const row = (page: Page, path: string) => page.locator(`[data-testid="tree-field"][data-path="${path}"]`);


/** The text of a rule's setting: its label and what its select shows as chosen. */
const chosen = (select: Locator) => select.locator('xpath=ancestor::label[1]').innerText();

describeInBrowser('form builder: the project\'s rules as settings', 'form-builder-rules', (suite) => {
  it('When the admin sets 合计等于, 不可重复 and 日期区间 by picking fields, then the preview says their Chinese messages and a rule naming a removed field is refused on save', async () => {
    const admin = await suite.signIn('admin');
    try {
      await openNewForm(admin, suite.base, FORM, '资金核对');

      await addBuilderField(admin, 'money', 'budget', '预算总额');
      await admin.getByRole('button', { name: '改为添加到整个表单' }).click();
      await addBuilderField(admin, 'group', 'sources', '资金来源');
      await addBuilderField(admin, 'text', 'name', '来源名称');
      await addBuilderField(admin, 'money', 'amount', '金额');
      await row(admin, 'sources').click();
      let settings = admin.getByTestId('field-settings');
      await choose(admin, settings.getByRole('combobox', { name: '添加规则' }), '不可重复');
      await choose(admin, settings.getByRole('combobox', { name: '不可重复（按字段）' }), '来源名称（name）');
      await admin.getByRole('button', { name: '改为添加到整个表单' }).click();
      await addBuilderField(admin, 'dateRange', 'period', '公示期');
      settings = admin.getByTestId('field-settings');
      // The date range comes with its rule, both dates picked by their Chinese labels.
      const range = settings.getByTestId('rule-dateRange');
      expect(await chosen(range.getByRole('combobox', { name: '日期区间：开始日期' }))).toContain('开始日期（from）');
      expect(await chosen(range.getByRole('combobox', { name: '日期区间：结束日期' }))).toContain('结束日期（until）');
      await range.getByLabel('日期区间：最少天数（含首尾）').fill('3');

      // The whole form's rules: 合计等于 starts with the list, its rows' amount and the total, and takes its own message.
      await admin.getByRole('button', { name: '改为添加到整个表单' }).click();
      const formRules = admin.getByTestId('rule-settings');
      await choose(admin, formRules.getByRole('combobox', { name: '添加规则' }), '合计等于');
      const sum = admin.getByTestId('rule-sumEquals');
      expect(await chosen(sum.getByRole('combobox', { name: '合计等于：明细列表' }))).toContain('资金来源（sources）');
      expect(await chosen(sum.getByRole('combobox', { name: '合计等于：每行的金额字段' }))).toContain('金额（amount）');
      expect(await chosen(sum.getByRole('combobox', { name: '合计等于：应等于' }))).toContain('预算总额（budget）');
      await sum.getByLabel('合计等于：提示语').fill('资金来源合计须等于预算总额');

      // The example breaks all three rules; the preview, checked as a submit checks, says so in Chinese beside the fields.
      await admin.getByRole('tab', { name: '示例数据' }).click();
      const example = { budget: 100, sources: [{ name: '财政专项', amount: 60 }, { name: '财政专项', amount: 30 }], period: { from: '2024-03-05', until: '2024-03-01' } };
      await admin.getByLabel('示例数据 JSON').fill(JSON.stringify(example, null, 2));
      await admin.getByTestId('example-editor').getByText('示例数据有').first().waitFor().catch(() => undefined);
      const preview = admin.getByTestId('form-preview');
      await preview.getByRole('button', { name: '填入示例' }).click();
      await preview.getByTestId('preview-check').click();
      await preview.getByText('资金来源合计须等于预算总额').first().waitFor();
      await preview.getByText('与第 1 项重复').first().waitFor();
      await preview.getByText('不能早于开始日期').first().waitFor();
      await suite.screenshot(admin, 'rules-preview-desktop');
      await preview.getByText('手机 360px').click();
      await preview.getByTestId('preview-check').click();
      await preview.getByText('不能早于开始日期').first().waitFor();
      await suite.screenshot(admin, 'rules-preview-phone');

      // The rule's field removed: the panel says so at once, and the server refuses the save with the message under the list's row.
      await admin.getByRole('tab', { name: '字段' }).click();
      await admin.getByRole('button', { name: '删除 来源名称' }).click();
      await admin.getByRole('button', { name: buttonName('确定') }).click();
      await row(admin, 'sources/[]/name').waitFor({ state: 'detached' });
      await row(admin, 'sources').click();
      await admin.getByTestId('rule-uniqueBy').getByText('不可重复引用的字段“name”在列表的每一行中不存在').waitFor();
      await admin.getByTestId('save-form').click();
      await admin.getByText('表单结构有误').waitFor();
      const problem = admin.locator('[data-testid="tree-problem"][data-path="sources"]');
      expect(await problem.innerText()).toBe('不可重复引用的字段“name”在列表的每一行中不存在');
      await suite.screenshot(admin, 'refused-save');
      expect((await suite.app.services.db.pool.query('SELECT count(*)::int AS n FROM forms WHERE key = $1', [FORM])).rows[0].n).toBe(0);

      // Undone, with a good example: saved.
      await admin.getByTestId('undo').click();
      await row(admin, 'sources/[]/name').waitFor();
      await admin.getByRole('tab', { name: '示例数据' }).click();
      const good = { budget: 90, sources: [{ name: '财政专项', amount: 60 }, { name: '村集体', amount: 30 }], period: { from: '2024-03-01', until: '2024-03-05' } };
      await admin.getByLabel('示例数据 JSON').fill(JSON.stringify(good, null, 2));
      await admin.getByTestId('example-editor').getByText('示例数据符合').first().waitFor().catch(() => undefined);
      await admin.getByTestId('save-form').click();
      await admin.getByText('表单草稿 v1 已保存').waitFor();
      const stored = (await suite.app.services.db.pool.query('SELECT schema FROM forms WHERE key = $1', [FORM])).rows[0].schema;
      expect(stored.sumEquals).toEqual({ items: 'sources', field: 'amount', total: 'budget', message: '资金来源合计须等于预算总额' });
      expect(stored.properties.sources.uniqueBy).toBe('name');
      expect(stored.properties.period.dateRange).toEqual({ from: 'from', until: 'until', minDays: 3 });
    } catch (error) {
      await suite.screenshot(admin, 'failed').catch(() => undefined);
      throw error;
    }
  }, 240_000);
});
