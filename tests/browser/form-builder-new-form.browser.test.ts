import type { Locator, Page } from 'playwright-core';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { idNumber } from './household-application';
import { auditPage, describeViolations } from './support/axe';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';
import { addBuilderField } from './support/form-builder';

// Issue 17: an admin builds a new form in the builder — a repeating group of visitors, two photos,
// money and a computed total, a show-if rule — without touching JSON, attaches it to a new task
// state in a draft of household identification, publishes, and a village clerk fills the new step.

const KEY = 'household-identification';
const FORM = `${KEY}.homeVisit`;
const OPEN_OPTIONS = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';
const VISITOR_ID = idNumber('44142419850312301');

/** Opens an Ant Design select and picks the option showing `text` (typing first when it searches); picks again when a click lands while the list slides open. */
async function choose(page: Page, select: Locator, text: string, search?: string, multiple = false): Promise<void> {
  await select.click();
  if (search) await select.fill(search);
  const option = page.locator(OPEN_OPTIONS).filter({ hasText: text }).first();
  for (let attempt = 0; attempt < 3; attempt++) {
    await option.click();
    if (multiple) return;
    const closed = await page.locator(OPEN_OPTIONS).first().waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false);
    if (closed) return;
  }
  throw new Error(`The select did not take the option "${text}"`);
}

/** Clicks a palette type, then names and labels the new field in the settings panel. */

/** The JSON Schema the builder holds now, read from its JSON view. */
async function schemaInJsonView(page: Page): Promise<Record<string, any>> {
  await page.getByRole('tab', { name: 'JSON Schema' }).click();
  const text = await page.getByLabel('表单结构 JSON Schema').inputValue();
  return JSON.parse(text) as Record<string, any>;
}

describeInBrowser('form builder: a new form from the palette', 'form-builder-new-form', (suite) => {
  it('When the admin builds 入户走访记录 in the builder and adds it as a step, then a village clerk fills it at 1366 and 360 px', async () => {
    const admin = await suite.signIn('admin');
    try {
      await buildAndPublish(admin);
    } catch (error) {
      await suite.screenshot(admin, 'failed').catch(() => undefined);
      throw error;
    }
    await clerkFillsTheStep();
  }, 300_000);

  async function buildAndPublish(admin: Page): Promise<void> {
    // A draft of household identification with a new village step after the villagers' appraisal.
    await admin.goto(`${suite.base}/admin/definitions`);
    const row = admin.getByRole('row').filter({ hasText: KEY }).first();
    await row.getByText('v1').first().waitFor();
    await row.getByRole('button', { name: '新建草稿' }).click();
    await admin.waitForURL(`**/admin/definitions/${KEY}/versions/2`);
    const graph = admin.getByTestId('statechart');
    await graph.locator('.react-flow__node').filter({ hasText: '村民民主评议' }).first().waitFor();
    await admin.getByTestId('add-state').click();
    const addState = admin.getByRole('dialog');
    await addState.getByLabel('名称（中文）').fill('入户走访');
    await addState.getByLabel('编号（可不填）').fill('homeVisit');
    await addState.getByRole('button', { name: buttonName('添加') }).click();
    const state = admin.getByTestId('state-inspector');
    await state.getByText('homeVisit', { exact: true }).waitFor();
    await state.getByLabel('任务名称（中文）').fill('入户走访');
    await state.getByLabel('表单', { exact: true }).fill(FORM);
    await choose(admin, state.getByLabel('候选角色'), 'village_clerk', 'village_clerk', true);
    await admin.keyboard.press('Escape');
    await choose(admin, state.getByLabel('办理范围'), '村级');
    await state.getByRole('button', { name: '添加办理结果' }).click();
    await state.getByLabel('事件').last().fill('DONE');
    await state.getByLabel('按钮文字（中文）').last().fill('走访完成');
    await state.getByRole('button', { name: '添加流转' }).click();
    const addOut = admin.getByRole('dialog');
    await choose(admin, addOut.getByLabel('流转到'), 'publicNotice', 'publicNotice');
    await addOut.getByRole('button', { name: buttonName('添加') }).click();
    await admin.getByTestId('transition-inspector').waitFor();
    // The appraisal's 评议通过 now leads to the visit: a second PASS transition, moved first.
    await admin.getByTestId('add-transition').click();
    const addIn = admin.getByRole('dialog');
    await choose(admin, addIn.getByLabel('从'), 'villagerAppraisal', 'villagerAppraisal');
    await addIn.getByLabel('事件').fill('PASS');
    await addIn.getByText('新增流转').click();
    await choose(admin, addIn.getByLabel('流转到'), 'homeVisit', 'homeVisit');
    await addIn.getByRole('button', { name: buttonName('添加') }).click();
    const transition = admin.getByTestId('transition-inspector');
    await transition.getByText('同一事件的第 2 条').waitFor();
    await transition.getByRole('button', { name: '上移' }).click();
    await transition.getByText('同一事件的第 1 条').waitFor();
    await admin.getByTestId('save').click();
    await admin.getByText('草稿已保存').waitFor();

    // The step's form, built from the palette.
    await graph.locator('.react-flow__node').filter({ hasText: '入户走访' }).first().click();
    await admin.getByRole('link', { name: '在表单设计中打开' }).click();
    await admin.waitForURL(`**/admin/forms/${FORM}`);
    await admin.getByText('这是一个新表单').waitFor();
    await admin.getByLabel('中文名').fill('入户走访记录');

    // 走访人员: a repeating group with name, unit and ID number in each row, at least one row, no ID twice.
    let settings = await addBuilderField(admin, 'group', 'visitors', '走访人员');
    await settings.getByRole('checkbox', { name: '必填' }).check();
    await addBuilderField(admin, 'personName', 'name', '姓名');
    await admin.getByTestId('field-settings').getByRole('checkbox', { name: '必填' }).check();
    await addBuilderField(admin, 'text', 'unit', '工作单位');
    await addBuilderField(admin, 'idNumber', 'idNumber', '身份证号');
    await admin.locator('[data-testid="tree-field"][data-path="visitors"]').click();
    settings = admin.getByTestId('field-settings');
    await choose(admin, settings.getByRole('combobox', { name: '添加规则' }), '不可重复');
    await choose(admin, settings.getByRole('combobox', { name: '不可重复（按字段）' }), '身份证号');
    // Back to the whole form: two photos, two amounts and their computed total, a yes/no and a text shown only on 是.
    await admin.getByRole('button', { name: '改为添加到整个表单' }).click();
    settings = await addBuilderField(admin, 'photos', 'photos', '走访照片');
    await settings.getByLabel('最少文件数').fill('2');
    await settings.getByLabel('最多文件数').fill('2');
    await addBuilderField(admin, 'money', 'gift', '慰问金');
    await addBuilderField(admin, 'money', 'transport', '交通补助');
    settings = await addBuilderField(admin, 'computed', 'total', '合计金额');
    await choose(admin, settings.getByRole('combobox', { name: '计算方式' }), '几个字段相加');
    await choose(admin, settings.getByRole('combobox', { name: '相加的字段' }), '慰问金（gift）', undefined, true);
    await choose(admin, settings.getByRole('combobox', { name: '相加的字段' }), '交通补助（transport）', undefined, true);
    await admin.keyboard.press('Escape');
    await addBuilderField(admin, 'yesNo', 'foundProblem', '发现新情况');
    settings = await addBuilderField(admin, 'longText', 'problem', '情况说明');
    const showIf = settings.getByTestId('show-if');
    await showIf.getByRole('button', { name: '添加条件' }).click();
    await choose(admin, showIf.getByRole('combobox', { name: '条件字段' }).first(), '发现新情况（foundProblem）');
    const problemRow = admin.locator('[data-testid="tree-field"][data-path="problem"]').locator('..');
    await problemRow.getByText('条件显示').waitFor();

    // Two undos take the condition away (its field, then the condition itself), two redos put it back.
    await admin.getByTestId('undo').click();
    await admin.getByTestId('undo').click();
    await problemRow.getByText('条件显示').waitFor({ state: 'detached' });
    await admin.getByTestId('redo').click();
    await admin.getByTestId('redo').click();
    await problemRow.getByText('条件显示').waitFor();
    expect(await admin.getByTestId('redo').isDisabled()).toBe(true);
    // The same from the keyboard, outside a text box: Ctrl+Z, then Ctrl+Shift+Z.
    await admin.getByRole('heading', { name: '表单结构' }).click();
    await admin.keyboard.press('Control+z');
    await admin.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { disabled: boolean } } }).document.querySelector('[data-testid="redo"]').disabled);
    await admin.keyboard.press('Control+Shift+z');
    await admin.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { disabled: boolean } } }).document.querySelector('[data-testid="redo"]').disabled);
    await problemRow.getByText('条件显示').waitFor();

    // The preview is the form as clerks will see it; the show-if works there too.
    const preview = admin.getByTestId('form-preview');
    await preview.getByText('走访人员').first().waitFor();
    expect(await preview.locator('#root_problem').count()).toBe(0);
    await preview.locator('#root_foundProblem').check();
    await preview.locator('#root_problem').waitFor();
    await suite.screenshot(admin, 'built-desktop-preview');
    await preview.getByText('手机 360px').click();
    expect(await preview.locator('[data-width="phone"]').evaluate((el) => (el as unknown as { clientWidth: number }).clientWidth)).toBeLessThanOrEqual(360);
    await suite.screenshot(admin, 'built-phone-preview');

    // The JSON view holds the same form; text that does not parse is reported and changes nothing.
    const schema = await schemaInJsonView(admin);
    expect(Object.keys(schema.properties.visitors.items.properties)).toEqual(['name', 'unit', 'idNumber']);
    expect(schema.properties.visitors).toMatchObject({ type: 'array', minItems: 1, uniqueBy: 'idNumber' });
    expect(schema.properties.photos).toMatchObject({ type: 'array', minItems: 2, maxItems: 2, items: { format: 'file-ref' } });
    expect(schema.properties.total['x-compute'].logic).toEqual({ '+': [{ var: 'gift' }, { var: 'transport' }] });
    expect(JSON.stringify(schema.allOf)).toContain('foundProblem');
    const json = admin.getByLabel('表单结构 JSON Schema');
    await json.fill(`${await json.inputValue()} oops`);
    await admin.getByTestId('json-error').waitFor();
    await admin.getByRole('tab', { name: '字段' }).click();
    await admin.getByTestId('form-tree').getByText('合计金额').waitFor();

    // No critical or serious accessibility problem on the builder as it is now.
    const axe = await auditPage(admin);
    expect(describeViolations(axe)).toBe('');

    await admin.getByTestId('save-form').click();
    await admin.getByText('表单草稿 v1 已保存').waitFor();
    await suite.screenshot(admin, 'form-saved');

    // Back in the editor: publish the definition with its new form.
    await admin.goBack();
    await admin.waitForURL(`**/admin/definitions/${KEY}/versions/2`);
    await graph.locator('.react-flow__node').filter({ hasText: '入户走访' }).first().waitFor();
    await admin.getByTestId('publish').click();
    await admin.getByRole('button', { name: buttonName('确定') }).click();
    await admin.getByText('v2 已发布', { exact: true }).waitFor();
    const form = await admin.request.get(`${suite.base}/api/forms/${FORM}`);
    expect(await form.json()).toMatchObject({ version: 1, status: 'published', title: { zh: '入户走访记录' } });
  }

  async function clerkFillsTheStep(): Promise<void> {
    // A case of the new version up to the appraisal, then 评议通过: the visit step opens.
    const { services } = suite.app;
    const clerk = await services.actor('cun-dongyuan');
    const started = await services.runtime.startInstance({ definitionKey: KEY, actor: clerk });
    await services.runtime.completeTask({ taskId: started.openedTasks[0].id, outcome: 'SUBMIT', actor: clerk, comment: '', data: withFreshIdNumbers(exampleFor(`${KEY}.application`)) });
    for (const [outcome, formKey] of [['VERIFY', `${KEY}.verification`], ['PASS', `${KEY}.villagerAppraisal`]]) {
      const { rows } = await services.db.pool.query(`SELECT id FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
      const data = await uploadEvidence(formKey, exampleFor(formKey), { services, actor: clerk, instanceId: started.instanceId });
      await services.runtime.completeTask({ taskId: rows[0].id, outcome, actor: clerk, comment: '', data });
    }
    const { rows } = await services.db.pool.query(`SELECT id, state, form_key FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
    expect(rows).toEqual([expect.objectContaining({ state: 'homeVisit', form_key: FORM })]);

    const page = await suite.signIn('cun-dongyuan');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${suite.base}/tasks/${rows[0].id}`);
    await page.getByRole('heading', { name: '入户走访', exact: true }).waitFor();
    expect(await page.locator('#root_problem').count()).toBe(0);
    const photo = '00000000-0000-4000-8000-000000000001';
    await fillSchemaForm(page, {
      visitors: [{ name: '钟伟东', unit: '华城镇扶贫办', idNumber: VISITOR_ID }, { name: '曾秀兰', unit: '董源村委会' }],
      photos: [photo, photo],
      gift: 500,
      transport: 45.5,
      foundProblem: true,
      problem: '厨房屋顶漏雨，需列入危房改造。',
    });
    await expect(page.locator('#root_total').inputValue()).resolves.toMatch(/^545\.5/);
    await suite.screenshot(page, 'clerk-1366');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator('#root_total').scrollIntoViewIfNeeded();
    await suite.screenshot(page, 'clerk-360');
    const overflow = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(360);

    await page.getByRole('button', { name: buttonName('走访完成') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确认“走访完成”？').filter({ visible: true }).waitFor();
    await dialog.getByRole('button', { name: buttonName('确认') }).click();
    await page.waitForURL('**/inbox');
    const { rows: [instance] } = await services.db.pool.query(`SELECT state, data FROM instances WHERE id = $1`, [started.instanceId]);
    expect(instance.data.homeVisit).toMatchObject({ gift: 500, transport: 45.5, total: 545.5, foundProblem: true, problem: '厨房屋顶漏雨，需列入危房改造。' });
    expect(instance.data.homeVisit.visitors.map((v: { name: string }) => v.name)).toEqual(['钟伟东', '曾秀兰']);
    expect(instance.data.homeVisit.photos).toHaveLength(2);
    expect(JSON.stringify(instance.state)).toContain('publicNotice');
  }
});
