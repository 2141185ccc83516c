import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { exampleFor } from '../support/form-examples';
import { APPLICATION, HEAD_ID, MASKED_HEAD_ID } from './household-application';
import { buttonName, completeTaskFromInbox, describeInBrowser, fillSchemaForm } from './support';

/** A form's example (realistic, valid data) with this case's own values. */
function typed(formKey: string, overrides: Record<string, unknown> = {}) {
  return { ...exampleFor(formKey), ...overrides };
}

/** The verification form shows each exclusion rule by its title: the browser picks it by that label. */
const verificationSchema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'household-identification', 'verification.json'), 'utf8')).schema;
const RULE_TITLES: Record<string, string> = Object.fromEntries(
  verificationSchema.properties.exclusionChecks.items.properties.rule.oneOf.map((o: { const: string; title: string }) => [o.const, o.title]));
const exclusionChecksAsShown = () => exampleFor('household-identification.verification').exclusionChecks
  .map((c: { rule: string }) => ({ ...c, rule: RULE_TITLES[c.rule] }));

async function goTo(page: Page, link: string, heading: string) {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

describeInBrowser('household identification in the browser', 'household-flow', (suite) => {
  it('When a village applies, the public objects, the village appraises again and the notice runs out, then the town and county approve and the household is registered', async () => {
    // The village clerk files the application.
    const clerk = await suite.signIn('cun-dongyuan');
    await clerk.getByText('董源村文书 · 董源村').waitFor();
    await clerk.getByText('暂无待办任务').waitFor();
    await suite.screenshot(clerk, 'clerk-inbox-empty');
    await goTo(clerk, '贫困户申请', '贫困户申请');
    await fillSchemaForm(clerk, APPLICATION);
    await clerk.getByText(/^身份证号有效：1972-04-16 出生，男/).first().waitFor();
    await suite.screenshot(clerk, 'application-filled');
    await clerk.getByRole('button', { name: buttonName('提交申请') }).click();
    await clerk.getByText('申请已提交').waitFor();
    await suite.screenshot(clerk, 'application-submitted');
    await clerk.getByRole('button', { name: buttonName('返回待办') }).click();

    // Home visit, villager appraisal and posting of the notice, all in the village.
    await completeTaskFromInbox(suite, clerk, {
      title: '入户核实', outcome: '核实通过', screenshot: 'verification',
      data: typed('household-identification.verification', { verifiedPerCapitaIncome: 3110, healthCheck: '户主患风湿性关节炎，不能从事重体力劳动。', exclusionChecks: exclusionChecksAsShown() }),
    });
    await completeTaskFromInbox(suite, clerk, { title: '村民民主评议', outcome: '评议通过', screenshot: 'appraisal', data: typed('household-identification.villagerAppraisal') });
    await completeTaskFromInbox(suite, clerk, { title: '张贴公示并登记', outcome: '已张贴', screenshot: 'notice-posting', data: typed('household-identification.publicNotice') });

    // The public board shows the notice with the ID number masked; someone objects.
    const citizen = await suite.openPage('/notices');
    const card = citizen.getByTestId('notice-card').filter({ hasText: '黄伟强' });
    await card.getByText(MASKED_HEAD_ID).waitFor();
    await card.getByText('还剩 7 天').waitFor();
    expect(await citizen.content()).not.toContain(HEAD_ID);
    await suite.screenshot(citizen, 'notice-board');
    await card.getByRole('link').first().click();
    await citizen.getByText('提出异议', { exact: true }).waitFor();
    await citizen.getByLabel('异议内容').fill('该户户主在水寨镇经营一间五金店，收入不低，请核实。');
    await citizen.getByLabel('联系电话（可不填）').fill('13902318765');
    await suite.screenshot(citizen, 'objection-filled');
    await citizen.getByRole('button', { name: buttonName('提交异议') }).click();
    await citizen.getByText('异议已收到，乡镇将会同驻村工作组调查核实。').waitFor();
    await suite.screenshot(citizen, 'objection-received');

    // The town investigates; the objection holds in part, so the village appraises again.
    const town = await suite.signIn('zhen-huacheng');
    await completeTaskFromInbox(suite, town, {
      title: '异议调查核实', outcome: '异议成立，重新评议', screenshot: 'objection-review',
      shows: ['该户户主在水寨镇经营一间五金店，收入不低，请核实。'],
      comment: '五金店已于2015年转让，现无经营收入，需重新评议确认。',
      data: typed('household-identification.objectionReview', {
        objectionSummary: '反映户主在水寨镇经营五金店。', findings: '五金店已于2015年转让他人，需村民代表大会重新评议。',
        decision: '异议成立', upheldAction: '重新组织评议', resultPostedOn: undefined,
      }),
    });

    await completeTaskFromInbox(suite, clerk, { title: '村民民主评议', outcome: '评议通过', screenshot: 'appraisal-again', data: typed('household-identification.villagerAppraisal', { meetingDate: '2016-11-12' }) });
    await completeTaskFromInbox(suite, clerk, {
      title: '张贴公示并登记', outcome: '已张贴', screenshot: 'notice-posting-again',
      data: typed('household-identification.publicNotice', { postedFrom: '2016-11-14', postedUntil: '2016-11-20' }),
    });
    await citizen.goto(`${suite.base}/notices`);
    await card.getByText('还剩 7 天').waitFor();
    await suite.screenshot(citizen, 'notice-board-second-notice');

    // Seven days pass without an objection: the notice closes and the village gives its opinion.
    const clock = await suite.advanceClock('P8D');
    expect(clock.fired).toBeGreaterThanOrEqual(1);
    await citizen.reload();
    await citizen.getByText('暂无公示').waitFor();
    await citizen.getByRole('checkbox', { name: '含已结束' }).click();
    await card.first().getByText('已结束').waitFor();
    await suite.screenshot(citizen, 'notice-board-closed');

    await completeTaskFromInbox(suite, clerk, { title: '村初审并造册上报', outcome: '上报乡镇', screenshot: 'preliminary-opinion', data: typed('household-identification.preliminaryOpinion') });
    await completeTaskFromInbox(suite, town, { title: '乡镇审核', outcome: '审核通过', screenshot: 'town-review', data: typed('household-identification.townReview'), comment: '同意上报。' });
    const county = await suite.signIn('xian');
    await completeTaskFromInbox(suite, county, {
      title: '县级审定', outcome: '审定通过', screenshot: 'county-approval', data: typed('household-identification.countyApproval'), comment: '同意纳入。',
      shows: ['黄伟强', '同意上报。'],
      check: async (page) => {
        // Each member of the application reads as one compact block titled by name, its other values flowing on a few lines.
        const member = page.locator('.jz-data-item').filter({ has: page.getByText('家庭成员 1 · 黄伟强', { exact: true }) });
        await member.waitFor();
        await member.getByText('长期慢性病', { exact: true }).waitFor();
        expect(await member.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['与户主关系', '身份证号', '劳动技能']));
        expect(await member.locator('dt').allTextContents()).not.toContain('姓名');
        const height = (await member.boundingBox())?.height ?? Infinity;
        // One line a value took about 380 px for this member; flowing, it takes about 150.
        expect(height).toBeLessThan(240);
        await page.getByText('家庭成员 2 · 刘美兰', { exact: true }).waitFor();
        // An earlier step's header says who did it and when on a line of its own, under the step's name; so does the history.
        const visit = page.locator('.jz-prior-step').filter({ hasText: '入户核实 · 核实通过' });
        const by = visit.locator('.jz-prior-step-by');
        expect(await by.textContent()).toMatch(/^董源村文书 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
        expect((await by.boundingBox())!.y).toBeGreaterThan((await visit.getByText('入户核实 · 核实通过').boundingBox())!.y);
        const visited = page.locator('.ant-timeline-item').filter({ hasText: '入户核实：核实通过' });
        expect(await visited.locator('.jz-muted').first().textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · 董源村文书$/);
      },
    });

    // The registry lists the household, its ID number masked.
    await goTo(county, '建档立卡', '建档立卡贫困户');
    await county.getByPlaceholder('户主姓名或身份证号').fill('黄伟强');
    await county.getByPlaceholder('户主姓名或身份证号').press('Enter');
    const row = county.getByRole('row').filter({ hasText: '黄伟强' });
    await row.getByText(MASKED_HEAD_ID).waitFor();
    await row.getByText('未脱贫').waitFor();
    await suite.screenshot(county, 'registry');
    await row.getByRole('link', { name: '黄伟强' }).click();
    await county.getByText('刘美兰').first().waitFor();
    await suite.screenshot(county, 'household');
  }, 150_000);

  it('When the county opens the registry on a phone, then the household registered above is on the first screen and the five filters fold behind one button that counts those in use', async () => {
    const page = await suite.signIn('xian');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${suite.base}/households`);
    const card = page.getByRole('row').filter({ hasText: '黄伟强' });
    await card.waitFor();
    const toggle = page.locator('.jz-fold-toggle');
    const status = page.getByRole('combobox', { name: '脱贫状态' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await status.isVisible()).toBe(false);
    expect((await card.boundingBox())!.y).toBeLessThan(300);
    await suite.screenshot(page, 'registry-360-folded');

    await toggle.click();
    await status.click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="未脱贫"]').click();
    await page.waitForURL(/status=/);
    await toggle.click();
    await status.waitFor({ state: 'hidden' });
    await toggle.getByText('筛选（1）').waitFor();
    await card.waitFor();
    await suite.screenshot(page, 'registry-360-one-filter');
  });
});
