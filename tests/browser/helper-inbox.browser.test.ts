import { pairWithHelper, registerHousehold } from '../support/registered-households';
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
    const clerk = await services.actor('cun-dongyuan');
    const names: string[] = [];
    for (const [index, name] of ['甘丽芳', '钟建国'].entries()) {
      const { id } = await registerHousehold(services, '董源村', { headName: name });
      if (index === 0) await pairWithHelper(services, id, 'bangfu-li');
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
