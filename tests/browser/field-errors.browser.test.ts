import type { Locator, Page } from 'playwright-core';
import { APPLICATION, HEAD_ID } from './household-application';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';

// The 户主's ID number is typed once, as the first member's; the head block copies it.
const HEAD_ID_FIELD = '#root_household_members_0_idNumber';
/** 黄伟强's number with its last character changed: 17 good digits, a wrong check character. */
const WRONG_CHECK_ID = `${HEAD_ID.slice(0, 17)}${HEAD_ID.endsWith('0') ? '1' : '0'}`;

/** The messages shown under one field (the innermost field block around it). */
function errorsOf(page: Page, field: string): Locator {
  return page.locator('.jz-field').filter({ has: page.locator(field) }).last().locator('.jz-field-error');
}

async function openApplication(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: '贫困户申请', exact: true }).click();
  await page.locator('.jz-form-sections').waitFor();
}

describeInBrowser('field errors in the browser', 'field-errors', (suite) => {
  it('When a clerk types an ID number with a wrong check character, then the field says so in Chinese as it is typed and again on submit', async () => {
    const clerk = await suite.signIn('cun-dongyuan');
    await openApplication(clerk);
    await fillSchemaForm(clerk, { household: { members: [{ idNumber: WRONG_CHECK_ID.slice(0, 10) }] } });
    await clerk.getByText('已输入 10/18 位').waitFor();
    await fillSchemaForm(clerk, { household: { members: [{ name: '黄伟强', idNumber: WRONG_CHECK_ID }] } });
    await clerk.getByText(`身份证号校验码不正确，请核对 按前 17 位计算，末位应为 ${HEAD_ID.slice(-1)}`).waitFor();
    await suite.screenshot(clerk, 'live-check');

    await clerk.getByRole('button', { name: buttonName('提交申请') }).click();
    await clerk.getByText('还有内容需要补充或修改，已在表单中标出。').first().waitFor();
    await errorsOf(clerk, HEAD_ID_FIELD).getByText('身份证号校验码不正确，请核对').waitFor();
    await suite.screenshot(clerk, 'submit-refused-in-browser');
    // Nothing reached the server: no application was started.
    const started = await suite.app.services.db.pool.query(`SELECT count(*)::int AS n FROM instances WHERE definition_key = 'household-identification'`);
    expect(started.rows[0].n).toBe(0);
  }, 90_000);

  it('When a bad ID number gets past the browser, then the server refuses it and its Chinese message shows on that field', async () => {
    const clerk = await suite.signIn('cun-dongyuan');
    await openApplication(clerk);
    await fillSchemaForm(clerk, APPLICATION);
    await clerk.getByText(/^身份证号有效：1972-04-16 出生，男/).first().waitFor();
    // An outdated page or a hand-made request: the number changes between the form's check and the server.
    await clerk.route('**/api/tasks/*/complete', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      body.data.household.members[0].idNumber = WRONG_CHECK_ID;
      body.data.household.head.idNumber = WRONG_CHECK_ID;
      await route.continue({ postData: JSON.stringify(body) });
    });
    const answer = clerk.waitForResponse((response) => response.url().endsWith('/complete'));
    await clerk.getByRole('button', { name: buttonName('提交申请') }).click();
    const refused = await answer;
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.fields).toEqual({
      '/household/members/0/idNumber': ['身份证号校验码不正确，请核对'], '/household/head/idNumber': ['身份证号校验码不正确，请核对'],
    });
    await clerk.getByText('还有内容需要补充或修改，已在表单中标出。').first().waitFor();
    await errorsOf(clerk, HEAD_ID_FIELD).getByText('身份证号校验码不正确，请核对').waitFor();
    await suite.screenshot(clerk, 'submit-refused-by-server');
    await clerk.unroute('**/api/tasks/*/complete');

    // Sent again as typed, the application goes through.
    await clerk.getByRole('button', { name: buttonName('提交申请') }).click();
    await clerk.getByText('申请已提交').waitFor();
    await suite.screenshot(clerk, 'submitted-after-fix');
  }, 90_000);

  it('When a clerk types an amount that is not one, then the money field says why in Chinese as it is typed, and a good amount shows in yuan with two decimals once left', async () => {
    const clerk = await suite.signIn('cun-dongyuan');
    await openApplication(clerk);
    const wage = '#root_household_income_wageIncome';
    await fillSchemaForm(clerk, { household: { income: { wageIncome: '12.345' } } });
    await clerk.getByText('金额最多两位小数（精确到分）').waitFor();
    expect(await clerk.locator(wage).getAttribute('aria-invalid')).toBe('true');
    expect(await clerk.locator(wage).getAttribute('aria-describedby')).toContain(`${wage.slice(1)}__money`);
    await clerk.locator(wage).fill('一千二');
    await clerk.getByText('金额只能填数字，例如 1200 或 1200.50').waitFor();
    await suite.screenshot(clerk, 'money-not-a-number');
    await clerk.locator(wage).fill('１２，０００.５');
    await clerk.locator(wage).blur();
    expect(await clerk.locator(wage).inputValue()).toBe('12,000.50');
    expect(await clerk.locator(wage).getAttribute('aria-invalid')).toBeNull();
    expect(await clerk.locator(wage).getAttribute('inputmode')).toBe('decimal');
  }, 90_000);
});
