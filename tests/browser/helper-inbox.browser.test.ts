import { exampleDataFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { auditPage, describeViolations } from './support/axe';
import { describeInBrowser } from './support';

/**
 * The 帮扶责任人's inbox page: 李志强 (role helper only) finds the open task of the change case of
 * the household paired with him, opens it and reads it; the case of a household not his stays out.
 */
describeInBrowser('helper inbox', 'helper-inbox', (suite) => {
  let pairedName = '';
  let otherName = '';
  beforeAll(async () => {
    const { services } = suite.app;
    const { rows: [village] } = await services.db.pool.query("SELECT id, path FROM org_units WHERE name = '董源村'");
    const { rows: [li] } = await services.db.pool.query("SELECT id FROM users WHERE username = 'bangfu-li'");
    const clerk = await services.actor('cun-dongyuan');
    const names: string[] = [];
    for (const [index, name] of ['甘丽芳', '钟建国'].entries()) {
      const household = withFreshIdNumbers(exampleDataFor('household-identification.application').household);
      const id = services.ids.uuid();
      await services.db.pool.query(
        `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
         VALUES ($1, '441424', $2, $3, $4, $5, $6, '未脱贫', $7, $8, $8)`,
        [id, village.id, village.path, name, household.head.idNumber, household.category, JSON.stringify(household), services.clock.now()]);
      if (index === 0) {
        await services.db.pool.query(
          `INSERT INTO household_helpers (id, tenant_id, household_id, helper_user_id, help_kind, assigned_at, assigned_by, reason)
           VALUES ($1, '441424', $2, $3, '重点帮扶', $4, 'zhen-huacheng', '镇扶贫工作站指派')`, [services.ids.uuid(), id, li.id, services.clock.now()]);
      }
      await services.runtime.startInstance({ definitionKey: 'household-change', data: { householdId: id, headName: name }, actor: clerk });
      names.push(name);
    }
    [pairedName, otherName] = names;
  });

  for (const width of [1366, 360]) {
    it(`When the helper opens the inbox at ${width} px, then the paired household's change task is listed and opens read-only, and the other household's is not`, async () => {
      const page = await suite.signIn('bangfu-li');
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${suite.base}/inbox`);
      const main = page.locator('main');
      await main.getByText(pairedName).first().waitFor();
      expect(await main.getByText(otherName).count()).toBe(0);
      const audit = await auditPage(page);
      expect(describeViolations(audit)).toBe('');
      await suite.screenshot(page, `helper-inbox-${width}`);

      await page.getByRole('link', { name: '申报户情变更' }).first().click();
      await page.getByRole('heading', { name: '申报户情变更' }).first().waitFor();
      await suite.screenshot(page, `helper-task-${width}`);
      // Nothing to complete: the step is the village's.
      expect(await page.getByRole('button', { name: /^提\s*交/ }).count()).toBe(0);
    }, 120_000);
  }
});
