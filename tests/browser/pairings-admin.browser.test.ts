import { pairWithHelper, registerHousehold } from '../support/registered-households';
import { auditPage, describeViolations } from './support/axe';
import { describeInBrowser } from './support';

/**
 * Departments and pairings from the browser: the admin adds a county department on the org-unit
 * page; 华城镇's reviewer reads 董源村's 帮扶单位 and its households' helpers and changes one
 * household's helper with a reason; the workflow editor offers the departments as task scopes.
 */
describeInBrowser('pairings and departments', 'pairings-admin', (suite) => {
  let dongyuan = '';
  const names = ['甘丽芳', '钟建国'];
  beforeAll(async () => {
    const { services } = suite.app;
    const { rows: [village] } = await services.db.pool.query("SELECT id FROM org_units WHERE name = '董源村'");
    dongyuan = village.id;
    for (const name of names) {
      const { id } = await registerHousehold(services, '董源村', { headName: name });
      await pairWithHelper(services, id, 'bangfu-li');
    }
  });

  [1366, 360].forEach((width, index) => {
    it(`When the town opens 董源村's pairings at ${width} px, then it reads the 帮扶单位 and helpers and changes ${names[index]}'s helper with a reason`, async () => {
      const page = await suite.signIn('zhen-huacheng');
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${suite.base}/households`);
      const main = page.locator('main');
      await main.getByRole('link', { name: '结对帮扶' }).click();
      await main.getByLabel('行政村').click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '董源村' }).first().click();
      await page.waitForURL(`**/pairings?village=${dongyuan}`);
      // The link to this village is shareable: opened afresh it shows the same (and the picker's list is closed for the audit).
      await page.goto(page.url());
      await main.getByText('县教育局').first().waitFor();
      await main.getByText(names[index]).first().waitFor();
      const audit = await auditPage(page);
      expect(describeViolations(audit)).toBe('');
      await suite.screenshot(page, `pairings-${width}`);

      await page.getByRole('button', { name: `更换 ${names[index]}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('现帮扶责任人：李志强（县教育局）').waitFor();
      expect(describeViolations(await auditPage(page))).toBe('');
      await dialog.getByLabel('新帮扶责任人').click();
      await page.getByTitle(/^王春梅（县农业农村局/).click();
      await dialog.getByLabel('更换原因').fill('李志强调离县教育局');
      await suite.screenshot(page, `pairings-dialog-${width}`);
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await main.getByText('王春梅（县农业农村局）').nth(index).waitFor();
      const { rows } = await suite.app.services.db.pool.query(
        `SELECT u.display_name, a.ended_at IS NULL AS current, a.end_reason FROM household_helpers a JOIN users u ON u.id = a.helper_user_id JOIN households h ON h.id = a.household_id
         WHERE h.head_name = $1 ORDER BY a.assigned_at, a.ended_at NULLS LAST`, [names[index]]);
      expect(rows).toEqual([
        { display_name: '李志强', current: false, end_reason: '李志强调离县教育局' },
        { display_name: '王春梅', current: true, end_reason: null },
      ]);
    }, 180_000);

    it(`When the admin adds a county department at ${width} px, then the org tree lists it as a department`, async () => {
      const page = await suite.signIn('admin');
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${suite.base}/admin/org-units`);
      const main = page.locator('main');
      await main.getByText('县住建局（部门）').first().waitFor();
      const code = `44142490${8 + index}`;
      const name = index === 0 ? '县退役军人事务局' : '县统计局';
      await main.getByLabel('新增县直部门（帮扶单位） 代码').fill(code);
      await main.getByLabel('新增县直部门（帮扶单位） 名称').fill(name);
      expect(describeViolations(await auditPage(page))).toBe('');
      await suite.screenshot(page, `org-units-department-${width}`);
      await main.getByRole('button', { name: '新增县直部门（帮扶单位）' }).click();
      await main.getByText(`${name}（部门）`).first().waitFor();
      const { rows } = await suite.app.services.db.pool.query('SELECT level, parent_id FROM org_units WHERE id = $1', [code]);
      expect(rows).toEqual([{ level: 'department', parent_id: '441424' }]);
    }, 180_000);
  });

  it('When the admin opens the 住建局 step of a draft, then its scope shows the department by its Chinese name and the select offers every department', async () => {
    const page = await suite.signIn('admin');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${suite.base}/admin/definitions`);
    const row = page.getByRole('row').filter({ hasText: 'housing-renovation' }).first();
    await row.getByRole('button', { name: '新建草稿' }).click();
    await page.waitForURL('**/admin/definitions/housing-renovation/versions/2');
    const graph = page.getByTestId('statechart');
    await graph.locator('.react-flow__node').filter({ hasText: '县级审批危房改造' }).first().click();
    const state = page.getByTestId('state-inspector');
    await state.getByText('县直部门：县住建局').first().waitFor();
    await state.getByLabel('办理范围').click();
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await options.filter({ hasText: '县直部门：县教育局' }).first().waitFor();
    expect(await options.filter({ hasText: '县直部门：县住建局' }).count()).toBe(1);
    await suite.screenshot(page, 'editor-department-scope');
  }, 180_000);
});
