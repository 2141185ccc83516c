import type { Page } from 'playwright-core';
import { chinaDateString } from '../../server/src/kernel';
import { APPLICATION as FIRST, idNumber } from './household-application';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';

// Less typing for the village clerk: the application in sections with an outline; 乡镇 and 行政村
// already the clerk's own and picked from the org tree; the 户主 typed once, as the first member;
// the clerk's name and the server's date filled in; and the home visit opening with the living
// conditions the application declared. At 1366 px and at 360 px.

/** 黄伟强's household, and for the second run another household (an ID number applies once). */
function applicationFor(run: number): typeof FIRST {
  if (run === 0) return FIRST;
  const [head, spouse] = FIRST.household.members;
  const text = JSON.stringify(FIRST)
    .split(head.idNumber).join(idNumber('44142419720416305'))
    .split(spouse.idNumber).join(idNumber('44142419750902304'))
    .split(head.name).join('黄伟明');
  return JSON.parse(text) as typeof FIRST;
}

/** What the clerk still types: the application without what the form now fills by itself. */
function whatTheClerkTypes(APPLICATION: typeof FIRST) {
  const { household, applicationDate: _date, filledBy: _by, ...rest } = structuredClone(APPLICATION) as any;
  const { name: _n, sex: _s, idNumber: _i, ...head } = household.head;
  const { town: _t, village: _v, ...address } = household.address;
  // Members first: the head block's name and ID come from the first member.
  const { members, ...others } = household;
  return { ...rest, household: { address, members, ...others, head } };
}

const value = (page: Page, id: string) => page.locator(`[id="${id}"]`).inputValue();

/** Waits until the field shows `text` (a select its chosen option's label): the page fills fields as the server answers. */
async function shown(page: Page, id: string, text: string): Promise<void> {
  await page.waitForFunction(([fieldId, wanted]) => {
    const field = (globalThis as any).document.getElementById(fieldId);
    if (!field) return false;
    return (field.tagName === 'SELECT' ? field.selectedOptions[0]?.textContent : field.value) === wanted;
  }, [id, text] as const, { timeout: 10_000 });
}

describeInBrowser('less typing on the application', 'less-typing', (suite) => {
  for (const [run, viewport] of [{ width: 1366, height: 900 }, { width: 360, height: 740 }].entries()) {
    const APPLICATION = applicationFor(run);
    const name = APPLICATION.household.head.name;
    it(`When the clerk of 董源村 fills an application at ${viewport.width} px, then the town, village, head, clerk and date are filled in and the home visit opens with the declared conditions`, async () => {
      const page = await suite.signIn('cun-dongyuan');
      await page.setViewportSize(viewport);
      await page.getByRole('navigation').getByRole('link', { name: '贫困户申请', exact: true }).click();
      await page.getByRole('heading', { name: '贫困户申请' }).waitFor();

      // The outline: one header per section, the first open and the others folded.
      const sections = page.locator('.jz-form-sections > .ant-collapse > .ant-collapse-item');
      await sections.first().waitFor();
      expect(await sections.locator('.jz-section-label').allTextContents()).toEqual([
        '1 住址', '2 家庭成员（第 1 位为户主）', '3 户主联系信息', '4 户类别与致贫原因', '5 家庭收入', '6 生产生活条件', '7 银行账户',
      ]);
      expect(await page.locator('.jz-form-sections .ant-collapse-item-active').count()).toBe(1);

      // 乡镇 and 行政村 are the clerk's own, chosen from the tree and not open to typing or to other towns.
      const town = page.locator('[id="root_household_address_town"]');
      await shown(page, 'root_household_address_town', '华城镇');
      await shown(page, 'root_household_address_village', '董源村');
      expect(await town.locator('option').allTextContents()).toEqual(['请选择', '华城镇']);
      expect(await town.isDisabled()).toBe(true);
      const village = page.locator('[id="root_household_address_village"]');
      expect(await village.locator('option').allTextContents()).toEqual(['请选择', '董源村']);
      expect(await village.isDisabled()).toBe(true);

      // The clerk's name and the server's date (not the device's) are there before anything is typed.
      const today = chinaDateString(suite.app.services.clock.now());
      expect(await value(page, 'root_applicationDate')).toBe(today);
      expect(await value(page, 'root_filledBy')).toBe('董源村文书');
      await suite.screenshot(page, `opened-${viewport.width}`);

      await fillSchemaForm(page, whatTheClerkTypes(APPLICATION));
      // The 户主 was typed once, as the first member: the head block shows it, read-only.
      await page.locator('.jz-form-sections .ant-collapse-header', { hasText: '户主联系信息' }).first().scrollIntoViewIfNeeded();
      expect(await value(page, 'root_household_members_0_relation')).not.toBe('');
      expect(await value(page, 'root_household_head_name')).toBe(name);
      expect(await page.locator('[id="root_household_head_name"]').isEditable()).toBe(false);
      expect(await value(page, 'root_household_head_idNumber')).toBe(APPLICATION.household.head.idNumber);
      await suite.screenshot(page, `filled-${viewport.width}`);

      await page.getByRole('button', { name: buttonName('提交申请') }).click();
      await page.getByText(/^申请已提交，受理编号 441424-\d{4}-\d{6}$/).waitFor();

      const { rows: [instance] } = await suite.app.services.db.pool.query(
        `SELECT id, data->'application' AS application FROM instances WHERE subject->>'householdName' = $1`, [name]);
      expect(instance.application.household.head).toMatchObject({ name, idNumber: APPLICATION.household.head.idNumber, sex: '男' });
      expect(instance.application.household.address).toMatchObject({ town: '华城镇', village: '董源村' });
      expect(instance.application).toMatchObject({ applicationDate: today, filledBy: '董源村文书' });

      // The home visit opens with the living conditions the application declared.
      await page.goto(`${suite.base}/inbox`);
      const { rows: [task] } = await suite.app.services.db.pool.query(`SELECT id FROM tasks WHERE instance_id = $1 AND state = 'verification'`, [instance.id]);
      await page.goto(`${suite.base}/tasks/${task.id}`);
      await page.getByRole('heading', { name: '入户核实', exact: true }).waitFor();
      const area = page.locator('[id="root_livingConditions_houseArea"]');
      await area.waitFor({ state: 'attached' });
      await shown(page, 'root_livingConditions_houseArea', String(APPLICATION.household.livingConditions.houseArea));
      // The history names whose case it is, with its 受理编号.
      const { rows: [{ receipt_no: receiptNo }] } = await suite.app.services.db.pool.query('SELECT receipt_no FROM instances WHERE id = $1', [instance.id]);
      await page.getByTestId('history-subject').filter({ hasText: `${name} ****` }).filter({ hasText: `受理编号 ${receiptNo}` }).waitFor();
      await suite.screenshot(page, `verification-prefilled-${viewport.width}`);
    });
  }
});

