import type { Page } from 'playwright-core';
import { createFormValidator } from '../../server/src/forms';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { uploadEvidence } from '../support/evidence-uploads';
import { auditPage, describeViolations } from './support/axe';
import { buttonName, describeInBrowser } from './support';

// Issue 17: a shared block opened in the form builder's tree, edited with the builder's panels,
// saved after a confirmation naming every form using it; the form's preview and, once its process
// is published, the clerk's form show the change, while an old case keeps its published form.

const KEY = 'household-identification';
const FORM = `${KEY}.application`;

describeInBrowser('form builder: shared blocks', 'form-builder-blocks', (suite) => {
  it('When the admin changes the member block from the application form and confirms, then every form using it gets the change and an old case still validates', async () => {
    const { services } = suite.app;
    // An old case: its application submitted under version 1, before the block changes.
    const clerkActor = await services.actor('cun-dongyuan');
    const old = await services.runtime.startInstance({ definitionKey: KEY, actor: clerkActor });
    const oldApplication = withFreshIdNumbers(exampleFor(FORM));
    await services.runtime.completeTask({ taskId: old.openedTasks[0].id, outcome: 'SUBMIT', actor: clerkActor, comment: '', data: oldApplication });

    const admin = await suite.signIn('admin');
    await admin.setViewportSize({ width: 1366, height: 900 });
    try {
      await changeTheBlock(admin);
      await publishTheProcess(admin);
    } catch (error) {
      await suite.screenshot(admin, 'failed').catch(() => undefined);
      throw error;
    }

    // A clerk's new application shows the new label; the form stored for version 1 keeps the old one.
    const fresh = await services.runtime.startInstance({ definitionKey: KEY, actor: clerkActor });
    expect(fresh.definitionVersion).toBe(2);
    const clerk = await suite.signIn('cun-dongyuan');
    await clerk.setViewportSize({ width: 1366, height: 900 });
    await clerk.goto(`${suite.base}/tasks/${fresh.openedTasks[0].id}`);
    await clerk.getByText('家庭成员（第 1 位为户主）').first().click();
    await clerk.getByText('在校学生').first().waitFor();
    expect(await clerk.getByText('在校生', { exact: true }).count()).toBe(0);
    await suite.screenshot(clerk, 'clerk-application-1366');

    // The old case goes on under version 1; its data validates against its pinned form as before.
    const { rows: [task] } = await services.db.pool.query(`SELECT id, form_key FROM tasks WHERE instance_id = $1 AND status = 'open'`, [old.instanceId]);
    const verification = await uploadEvidence(task.form_key, exampleFor(task.form_key), { services, actor: clerkActor, instanceId: old.instanceId });
    await services.runtime.completeTask({ taskId: task.id, outcome: 'VERIFY', actor: clerkActor, comment: '', data: verification });
    const { rows: [instance] } = await services.db.pool.query(`SELECT definition_version, data FROM instances WHERE id = $1`, [old.instanceId]);
    expect(instance.definition_version).toBe(1);
    const { rows: versions } = await services.db.pool.query(`SELECT version, status, title, schema, ui_schema AS "uiSchema" FROM forms WHERE key = $1 ORDER BY version`, [FORM]);
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'published'], [2, 'published']]);
    expect(versions[0].schema.$defs.member.properties.inSchool.title).toBe('在校生');
    expect(versions[1].schema.$defs.member.properties.inSchool.title).toBe('在校学生');
    const v1 = { key: FORM, version: 1, ...versions[0] };
    expect(createFormValidator().validate(v1, instance.data.application)).toMatchObject({ valid: true });
  }, 300_000);

  it('When the admin inserts a shared block from the palette and saves, then the form carries the block at its newest version and opens with it as a block', async () => {
    const form = `${KEY}.townReview`;
    const admin = await suite.signIn('admin');
    await admin.setViewportSize({ width: 1366, height: 900 });
    await admin.goto(`${suite.base}/admin/forms/${form}`);
    const tree = admin.getByTestId('form-tree');
    await tree.locator('[data-testid="tree-field"]').first().waitFor();
    await admin.getByTestId('palette').locator('[data-block="member"]').click();
    const inserted = tree.locator('[data-testid="tree-field"][data-path="member1"]');
    await inserted.waitFor();
    await inserted.locator('..').getByTestId('block-badge').filter({ hasText: '家庭成员' }).waitFor();
    await admin.getByTestId('save-form').click();
    await admin.getByText(/表单草稿 v\d+ 已保存/).waitFor();

    // Stored with the reference and the block's newest version (the label changed in the test above).
    const { rows: [stored] } = await suite.app.services.db.pool.query(`SELECT schema FROM forms WHERE key = $1 AND status = 'draft'`, [form]);
    expect(stored.schema.properties.member1).toMatchObject({ $ref: '#/$defs/member' });
    expect(stored.schema.$defs.member.properties.inSchool.title).toBe('在校学生');
    // Opened again, it is the same block, closed, with the block's fields inside.
    await admin.reload();
    await inserted.waitFor();
    await tree.locator('[data-testid="block-toggle"][data-path="member1"]').click();
    await tree.locator('[data-testid="tree-field"][data-path="member1/inSchool"]').filter({ hasText: '在校学生' }).waitFor();
    await admin.getByTestId('save-form').isDisabled().then((disabled) => expect(disabled).toBe(true));
    await suite.screenshot(admin, 'block-inserted-from-palette');
    expect(describeViolations(await auditPage(admin))).toBe('');

    // 转为本表单字段: the block becomes this form's own fields, which it may change alone.
    await inserted.click();
    await admin.getByTestId('block-settings').getByRole('button', { name: buttonName('转为本表单字段') }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: buttonName('确定') }).click();
    await inserted.locator('..').getByTestId('block-badge').waitFor({ state: 'detached' });
    const ownInSchool = tree.locator('[data-testid="tree-field"][data-path="member1/inSchool"]');
    await ownInSchool.locator('..').getByRole('button', { name: /删除/ }).waitFor();
    await admin.getByTestId('save-form').click();
    await admin.getByText(/表单草稿 v\d+ 已保存/).waitFor();
    const { rows: [detached] } = await suite.app.services.db.pool.query(`SELECT schema FROM forms WHERE key = $1 AND status = 'draft'`, [form]);
    expect(detached.schema.properties.member1.$ref).toBeUndefined();
    expect(detached.schema.properties.member1.properties.inSchool.title).toBe('在校学生');
    expect(Object.keys(detached.schema.$defs)).not.toContain('member');
  }, 180_000);

  async function changeTheBlock(admin: Page): Promise<void> {
    await admin.goto(`${suite.base}/admin/forms/${FORM}`);
    const tree = admin.getByTestId('form-tree');
    const household = tree.locator('[data-testid="tree-field"][data-path="household"]');
    await household.waitFor();
    // The household field is the shared block 家庭基本情况: badged, closed until opened, its fields read-only.
    const householdRow = household.locator('..');
    await householdRow.getByTestId('block-badge').filter({ hasText: '共享模块' }).waitFor();
    expect(await tree.locator('[data-path="household/members"]').count()).toBe(0);
    await tree.locator('[data-testid="block-toggle"][data-path="household"]').click();
    await tree.locator('[data-testid="tree-field"][data-path="household/members"]').waitFor();
    await tree.locator('[data-testid="block-toggle"][data-path="household/members"]').click();
    const inSchool = tree.locator('[data-testid="tree-field"][data-path="household/members/[]/inSchool"]');
    await inSchool.waitFor();
    expect(await inSchool.textContent()).toContain('在校生');
    // Read-only inside the form: no drag handle, no delete button.
    const readOnlyRow = inSchool.locator('..');
    expect(await readOnlyRow.getByRole('button', { name: /删除/ }).count()).toBe(0);
    // The household's address extends the address block: opened, it shows that block's 乡镇, 行政村 and 村民小组.
    await tree.locator('[data-testid="block-toggle"][data-path="household/address"]').click();
    for (const [name, label] of [['town', '乡镇'], ['village', '行政村'], ['group', '村民小组']]) {
      expect(await tree.locator(`[data-testid="tree-field"][data-path="household/address/${name}"]`).textContent()).toContain(label);
    }

    await household.click();
    const settings = admin.getByTestId('block-settings');
    await settings.getByText('共享模块', { exact: true }).waitFor();
    await settings.getByRole('button', { name: buttonName('编辑共享模块') }).waitFor();
    await settings.getByRole('button', { name: buttonName('转为本表单字段') }).waitFor();
    await suite.screenshot(admin, 'block-opened-in-tree');
    expect(describeViolations(await auditPage(admin))).toBe('');

    // From a field inside the block, on to the block itself.
    await inSchool.click();
    await settings.getByText('在本表单中只读').waitFor();
    await settings.getByRole('button', { name: buttonName('编辑共享模块') }).click();
    await admin.waitForURL(`**/admin/blocks/member?form=${FORM}`);
    const blockTree = admin.getByTestId('form-tree');
    // The block's preview opens filled as the first form example using it fills it, and offers no
    // "设为示例数据": a block keeps no example of its own.
    const blocks = await (await admin.request.get(`${suite.base}/api/form-blocks`)).json();
    const memberName: string = blocks.examples.member.name;
    expect(memberName).toBeTruthy();
    const blockPreview = admin.getByTestId('form-preview');
    const nameBox = blockPreview.getByRole('textbox', { name: /姓名/ }).first();
    await nameBox.waitFor();
    expect(await nameBox.inputValue()).toBe(memberName);
    expect(await blockPreview.getByRole('button', { name: buttonName('设为示例数据') }).count()).toBe(0);
    await suite.screenshot(admin, 'block-editor-preview-filled');
    await blockTree.locator('[data-testid="tree-field"][data-path="member/inSchool"]').click();
    const fieldSettings = admin.getByTestId('field-settings');
    await fieldSettings.getByLabel('标题（中文）').fill('在校学生');
    await blockTree.locator('[data-testid="tree-field"][data-path="member/inSchool"]').filter({ hasText: '在校学生' }).waitFor();
    await admin.getByTestId('save-block').click();

    // The confirmation names every form using the block, and the process versions that keep the old one.
    const dialog = admin.getByRole('dialog');
    const forms = dialog.getByTestId('confirm-forms');
    await forms.waitFor();
    const named = await forms.locator('li').allTextContents();
    expect(named.find((text) => text.includes(FORM))).toContain('贫困户申请');
    expect(named.some((text) => text.includes('household-change.application'))).toBe(true);
    const { rows: using } = await suite.app.services.db.pool.query(
      `SELECT DISTINCT key FROM forms WHERE status = 'published' AND schema::jsonb->'$defs' ? 'member'`);
    expect(named).toHaveLength(using.length);
    expect((await dialog.getByTestId('confirm-definitions').textContent()) ?? '').toContain(`${KEY} v1`);
    await suite.screenshot(admin, 'block-change-confirmation');
    expect(describeViolations(await auditPage(admin))).toBe('');
    await dialog.getByRole('button', { name: buttonName('确认修改') }).click();

    // Back in the form: its draft carries the change, and the preview shows it.
    await admin.waitForURL(`**/admin/forms/${FORM}`);
    await admin.getByText('草稿').first().waitFor();
    const preview = admin.getByTestId('form-preview');
    await preview.getByText('家庭成员（第 1 位为户主）').click();
    await preview.getByText('在校学生').first().waitFor();
    await preview.getByText('在校学生').first().scrollIntoViewIfNeeded();
    await suite.screenshot(admin, 'form-preview-after-change');
    const draft = await admin.request.get(`${suite.base}/api/forms/${FORM}?draft=true`);
    expect(await draft.json()).toMatchObject({ version: 2, status: 'draft' });
  }

  async function publishTheProcess(admin: Page): Promise<void> {
    await admin.goto(`${suite.base}/admin/definitions`);
    const row = admin.getByRole('row').filter({ hasText: KEY }).first();
    await row.getByText('v1').first().waitFor();
    await row.getByRole('button', { name: '新建草稿' }).click();
    await admin.waitForURL(`**/admin/definitions/${KEY}/versions/2`);
    await admin.getByTestId('statechart').locator('.react-flow__node').first().waitFor();
    await admin.getByTestId('publish').click();
    await admin.getByRole('button', { name: buttonName('确定') }).click();
    await admin.getByText('v2 已发布', { exact: true }).waitFor();
  }
});
