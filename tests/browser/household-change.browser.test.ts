import { exampleDataFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { idNumber } from './household-application';
import { buttonName, completeTaskFromInbox, describeInBrowser, fillSchemaForm } from './support';

// 户情变更 in the browser: a village clerk files a birth from the household page, the town and the
// county approve in their inboxes, and the household page then shows version 2 with the member added.

const BABY_ID = idNumber('44142420170308004');

describeInBrowser('household change', 'household-change', (suite) => {
  it('When the clerk files a birth and the town and county approve, then the household page shows version 2 with the newborn, at 1366 px and at 360 px', async () => {
    const household = withFreshIdNumbers(exampleDataFor('household-identification.application').household);
    household.head.name = '邱国平';
    household.members[0].name = '邱国平';
    const { services } = suite.app;
    const { rows: [village] } = await services.db.pool.query("SELECT id, path FROM org_units WHERE name = '董源村'");
    const householdId = services.ids.uuid();
    await services.db.pool.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       VALUES ($1, '441424', $2, $3, $4, $5, $6, '未脱贫', $7, $8, $8)`,
      [householdId, village.id, village.path, household.head.name, household.head.idNumber, household.category, JSON.stringify(household), services.clock.now()]);

    const clerk = await suite.signIn('cun-dongyuan');
    await clerk.setViewportSize({ width: 1366, height: 900 });
    await clerk.goto(`${suite.base}/households/${householdId}`);
    await clerk.getByRole('heading', { name: /邱国平/ }).waitFor();
    await clerk.locator('.jz-version[data-version="1"]').getByText('建档立卡').waitFor();
    await clerk.getByRole('button', { name: buttonName('申报户情变更') }).click();
    await clerk.getByRole('heading', { name: '申报户情变更', exact: true }).waitFor();
    await fillSchemaForm(clerk, {
      changeType: '出生',
      reason: '户主之孙女于2017年3月8日出生，已办理户口登记，申请增员。',
      addedMembers: [{
        name: '邱小雨', relation: '之孙女', sex: '女', idNumber: BABY_ID, birthDate: '2017-03-08', education: '学龄前儿童',
        health: '健康', labour: '无劳动力', medicalInsurance: true,
      }],
      evidence: exampleDataFor('household-change.application').evidence,
    });
    await suite.screenshot(clerk, 'birth-filed');
    await clerk.getByRole('button', { name: buttonName('提交乡镇审核') }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.getByRole('button', { name: buttonName('确认') }).click();
    await clerk.waitForURL('**/inbox');

    const town = await suite.signIn('zhen-huacheng');
    await completeTaskFromInbox(suite, town, {
      title: '乡镇审核户情变更', data: { opinion: '经核对出生医学证明和户口簿，新增成员属实，同意。' }, outcome: '审核通过', screenshot: 'town',
    });
    const county = await suite.signIn('xian');
    await completeTaskFromInbox(suite, county, {
      title: '县级审定户情变更', data: { opinion: '同意增员，更新台账。', decisionNumber: '华扶〔2017〕31号' }, outcome: '审定通过', screenshot: 'county',
    });

    await clerk.goto(`${suite.base}/households/${householdId}`);
    const second = clerk.locator('.jz-version[data-version="2"]');
    await second.getByText('第 2 版').waitFor();
    await second.getByText('出生', { exact: true }).waitFor();
    await second.getByText(`邱小雨（之孙女 441424********${BABY_ID.slice(-4)}）`).waitFor();
    expect(await clerk.content()).not.toContain(BABY_ID);
    await clerk.getByRole('cell', { name: '邱小雨' }).first().waitFor();
    // The change is among the household's cases, linked, with its 受理编号.
    await clerk.locator('.jz-household-instance').filter({ hasText: /441424-\d{4}-\d{6}/ }).getByRole('link', { name: '户情变更（动态管理）' }).waitFor();
    await suite.screenshot(clerk, 'versions-1366');

    await clerk.setViewportSize({ width: 360, height: 740 });
    await second.scrollIntoViewIfNeeded();
    const box = await second.boundingBox();
    expect(box && box.width).toBeLessThanOrEqual(360);
    expect(await clerk.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await suite.screenshot(clerk, 'versions-360');
    // On a phone the members are cards, not a table to scroll sideways.
    await clerk.locator('.jz-member-card').filter({ hasText: '邱小雨' }).waitFor();
    expect(await clerk.locator('.jz-member-card').count()).toBe(household.members.length + 1);
    await clerk.locator('.jz-member-cards').scrollIntoViewIfNeeded();
    await suite.screenshot(clerk, 'members-360');
  });
});
