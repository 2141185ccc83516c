import type { Locator, Page } from 'playwright-core';
import { buttonName, describeInBrowser } from './support';

const KEY = 'household-identification';
const NEW_FORM = `${KEY}.countyRecheck`;

const OPEN_OPTIONS = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';

/**
 * Opens an Ant Design select and picks the option showing `text` (typing first when the select
 * searches). A click that lands while the list is still sliding open is ignored by the select:
 * then it picks again.
 */
async function choose(page: Page, select: Locator, text: string, search?: string, multiple = false): Promise<void> {
  await select.click();
  if (search) await select.fill(search);
  const option = page.locator(OPEN_OPTIONS).filter({ hasText: text }).first();
  for (let attempt = 0; attempt < 3; attempt++) {
    await option.click();
    // A multiple select stays open after a pick; a single one closes.
    if (multiple) return;
    const closed = await page.locator(OPEN_OPTIONS).first().waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false);
    if (closed) return;
  }
  throw new Error(`The select did not take the option "${text}"`);
}

/** The JSON answer of a GET with the page's session. */
async function getJson<T>(page: Page, url: string): Promise<T> {
  const answer = await page.request.get(url);
  expect(answer.status()).toBe(200);
  return (await answer.json()) as T;
}

interface DefinitionItem {
  key: string;
  currentVersion: number;
  versions: { version: number; status: string }[];
}

describeInBrowser('admin editor in the browser', 'admin-editor', (suite) => {
  it('When the admin adds a guarded step in a draft, builds its form and publishes, then a new case runs on the new version', async () => {
    const admin = await suite.signIn('admin');
    try {
      await editPublishAndStart(admin);
    } catch (error) {
      // What the admin saw when a step failed.
      await suite.screenshot(admin, 'failed').catch(() => undefined);
      throw error;
    }
  });

  async function editPublishAndStart(admin: Page): Promise<void> {
    await admin.goto(`${suite.base}/admin/definitions`);
    const row = admin.getByRole('row').filter({ hasText: KEY }).first();
    await row.getByText('v1').first().waitFor();
    await suite.screenshot(admin, 'definitions');

    // A draft copy of the published version opens in the editor, drawn as a graph with nested states.
    await row.getByRole('button', { name: '新建草稿' }).click();
    await admin.waitForURL(`**/admin/definitions/${KEY}/versions/2`);
    const graph = admin.getByTestId('statechart');
    await graph.locator('.react-flow__node').filter({ hasText: '乡镇审核' }).first().waitFor();
    await expect(graph.locator('.react-flow__node.jz-admin-group').count()).resolves.toBeGreaterThanOrEqual(2);
    await suite.screenshot(admin, 'draft-opened');

    // A new task state: the county re-checks cases the data cross-check flagged.
    await admin.getByTestId('add-state').click();
    const addState = admin.getByRole('dialog');
    await addState.getByLabel('名称（中文）').fill('县级复核');
    await addState.getByLabel('编号（可不填）').fill('countyRecheck');
    await addState.getByRole('button', { name: buttonName('添加') }).click();
    const state = admin.getByTestId('state-inspector');
    await state.getByText('countyRecheck', { exact: true }).waitFor();
    await state.getByLabel('任务名称（中文）').fill('县级复核');
    await state.getByLabel('表单', { exact: true }).fill(NEW_FORM);
    await choose(admin, state.getByLabel('候选角色'), 'county_reviewer', 'county_reviewer', true);
    await admin.keyboard.press('Escape');
    await choose(admin, state.getByLabel('办理范围'), '县级');
    await state.getByRole('button', { name: '添加办理结果' }).click();
    await state.getByLabel('事件').last().fill('CONFIRM');
    await state.getByLabel('按钮文字（中文）').last().fill('复核通过');
    await graph.locator('.react-flow__node').filter({ hasText: '县级复核' }).waitFor();

    // Its outcome has no transition yet: add one to 建档立卡 from the outcome row.
    await state.getByRole('button', { name: '添加流转' }).click();
    const addOut = admin.getByRole('dialog');
    expect(await addOut.getByLabel('事件').inputValue()).toBe('CONFIRM');
    await choose(admin, addOut.getByLabel('流转到'), 'registered', 'registered');
    await addOut.getByRole('button', { name: buttonName('添加') }).click();
    await admin.getByTestId('transition-inspector').waitFor();

    // A transition into it from county approval, guarded by a condition built visually.
    await admin.getByTestId('add-transition').click();
    const addIn = admin.getByRole('dialog');
    await choose(admin, addIn.getByLabel('从'), 'countyApproval', 'countyApproval');
    await addIn.getByLabel('事件').fill('APPROVE');
    // The event's suggestions cover the fields below: close them as a person would, by clicking elsewhere.
    await addIn.getByText('新增流转').click();
    await choose(admin, addIn.getByLabel('流转到'), 'countyRecheck', 'countyRecheck');
    await addIn.getByRole('button', { name: buttonName('添加') }).click();
    const transition = admin.getByTestId('transition-inspector');
    await transition.getByText('countyApproval', { exact: true }).waitFor();
    await transition.getByRole('switch', { name: '条件' }).click();
    const builder = transition.getByTestId('condition-builder');
    await builder.getByRole('button', { name: /添加条件$/ }).click();
    const rule = builder.getByTestId('condition-rule').first();
    await choose(admin, rule.getByLabel('选择字段'), 'event.data.dataCrossCheck.noVehicle', 'noVehicle');
    await choose(admin, rule.getByLabel('值'), '否');
    await builder.getByText('{"===":[{"var":"event.data.dataCrossCheck.noVehicle"},false]}').waitFor();
    // Guarded transitions are tried in order: put it before the unguarded ones.
    await transition.getByText('同一事件的第 3 条').waitFor();
    await transition.getByRole('button', { name: '上移' }).click();
    await transition.getByText('同一事件的第 2 条').waitFor();
    await transition.getByRole('button', { name: '上移' }).click();
    await transition.getByText('同一事件的第 1 条').waitFor();
    await graph.locator('.react-flow__edge').nth(20).waitFor();
    await suite.screenshot(admin, 'guard-built');

    // The JSON view shows the same document.
    await admin.getByRole('tab', { name: 'JSON' }).click();
    const json = await admin.getByLabel('流程定义 JSON').inputValue();
    const countyApproval = JSON.parse(json).machine.states.countyApproval;
    expect(countyApproval.on.APPROVE[0]).toEqual({
      target: 'countyRecheck',
      guard: { type: 'expr', params: { if: { '===': [{ var: 'event.data.dataCrossCheck.noVehicle' }, false] } } },
    });
    expect(JSON.parse(json).machine.states.countyRecheck.on).toEqual({ CONFIRM: 'registered' });

    await admin.getByTestId('save').click();
    await admin.getByText('草稿已保存').waitFor();
    await suite.screenshot(admin, 'draft-saved');

    // The new task's form, built field by field with the preview beside it.
    await graph.locator('.react-flow__node').filter({ hasText: '县级复核' }).click();
    await admin.getByRole('link', { name: '在表单设计中打开' }).click();
    await admin.waitForURL(`**/admin/forms/${NEW_FORM}`);
    await admin.getByText('这是一个新表单').waitFor();
    await admin.getByTestId('add-field').click();
    let field = admin.getByRole('dialog');
    await field.getByLabel('字段名').fill('recheckResult');
    await field.getByLabel('标题（中文）').fill('复核结论');
    await field.getByLabel('标题（英文）').fill('Result');
    await choose(admin, field.getByLabel('类型'), '选项');
    await field.getByLabel('值').first().fill('confirmed');
    await field.getByLabel('中文标签').first().fill('情况属实');
    await field.getByRole('button', { name: '添加选项' }).click();
    await field.getByLabel('值').last().fill('corrected');
    await field.getByLabel('中文标签').last().fill('已更正');
    await field.getByLabel('必填').check();
    await field.getByRole('button', { name: buttonName('确定') }).click();
    await admin.getByTestId('add-field').click();
    field = admin.getByRole('dialog');
    await field.getByLabel('字段名').fill('correction');
    await field.getByLabel('标题（中文）').fill('更正情况');
    await choose(admin, field.getByLabel('类型'), '多行文字');
    await choose(admin, field.getByLabel('显示条件'), 'recheckResult');
    await choose(admin, field.getByLabel('取值'), '已更正');
    await field.getByRole('button', { name: buttonName('确定') }).click();

    const preview = admin.getByTestId('form-preview');
    await preview.getByText('复核结论').waitFor();
    expect(await preview.getByText('更正情况').count()).toBe(0);
    await preview.locator('select').first().selectOption({ label: '已更正' });
    await preview.getByText('更正情况').waitFor();
    await suite.screenshot(admin, 'form-preview');
    await admin.getByTestId('save-form').click();
    await admin.getByText('表单草稿 v1 已保存').waitFor();

    // Back in the editor: publish (saving again pins the form draft).
    await admin.goBack();
    await admin.waitForURL(`**/admin/definitions/${KEY}/versions/2`);
    await graph.locator('.react-flow__node').filter({ hasText: '县级复核' }).waitFor();
    await admin.getByTestId('publish').click();
    await admin.getByRole('button', { name: buttonName('确定') }).click();
    await admin.getByText('v2 已发布', { exact: true }).waitFor();
    await admin.getByText('已发布或已停用的版本只能查看').waitFor();
    await suite.screenshot(admin, 'published');

    const definitions = await getJson<{ items: DefinitionItem[] }>(admin, `${suite.base}/api/definitions`);
    const definition = definitions.items.find((item) => item.key === KEY)!;
    expect(definition.currentVersion).toBe(2);
    expect(definition.versions.map((v) => [v.version, v.status])).toEqual([[1, 'retired'], [2, 'published']]);
    const form = await getJson<{ version: number; status: string }>(admin, `${suite.base}/api/forms/${NEW_FORM}`);
    expect(form).toMatchObject({ version: 1, status: 'published' });

    // A village clerk starts a case: it runs on the new version.
    const clerk = await suite.signIn('cun-dongyuan');
    // The client keeps the session's CSRF token where every mutation reads it (client/src/api/http.ts).
    const token = await clerk.evaluate(() => (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('jz.csrfToken'));
    const started = await clerk.request.post(`${suite.base}/api/instances`, { data: { definitionKey: KEY }, headers: { 'X-CSRF-Token': token ?? '' } });
    expect(started.status()).toBe(201);
    const instance = (await started.json()) as { id: string; definitionVersion: number };
    expect(instance.definitionVersion).toBe(2);
    const reread = await getJson<{ definitionVersion: number; state: unknown }>(clerk, `${suite.base}/api/instances/${instance.id}`);
    expect(reread).toMatchObject({ definitionVersion: 2, state: 'application' });
  }
});
