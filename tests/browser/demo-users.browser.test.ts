import type { Page } from 'playwright-core';
import { uploadEvidence } from '../support/evidence-uploads';
import { DEMO_ACCOUNTS } from '../../server/src/domain/org-seed';
import { exampleDataFor } from '../support/form-examples';
import type { TestServices } from '../support/test-services';
import { describeInBrowser } from './support';
import type { BrowserSuite } from './support';

/** Who completes each step of household identification, for a village and its town. */
function workers(clerk: string, town: string): Record<string, string> {
  return {
    application: clerk, verification: clerk, villagerAppraisal: clerk, 'publicNotice.posting': clerk, preliminaryOpinion: clerk,
    objectionReview: town, townReview: town, countyApproval: 'xian',
  };
}

/** The clerks' own 乡镇 / 行政村: an application's address must be the case's village (the examples are 董源村's). */
const CLERK_ADDRESS: Record<string, { town: string; village: string }> = {
  'cun-dongyuan': { town: '华城镇', village: '董源村' }, 'cun-hezikou': { town: '华城镇', village: '河子口村' }, 'cun-zhuanshui': { town: '转水镇', village: '转水村' },
};

function inClerksVillage(data: any, clerk: string): any {
  if (!data?.household?.address) return data;
  return { ...data, household: { ...data.household, address: { ...data.household.address, ...CLERK_ADDRESS[clerk] } } };
}

/** Starts a case in the clerk's village and completes its steps with these outcomes, through the runtime. */
async function caseAt(services: TestServices, clerk: string, town: string, outcomes: string[]): Promise<void> {
  const who = workers(clerk, town);
  const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: await services.actor(clerk) });
  for (const outcome of outcomes) {
    if (outcome === 'NOTICE_RUNS_OUT') {
      services.clock.advance('P8D');
      await services.runtime.fireDueTimers();
      continue;
    }
    const { rows: [task] } = await services.db.pool.query(
      `SELECT id, state, form_key FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [started.instanceId]);
    const actor = await services.actor(who[task.state]);
    const data = await uploadEvidence(task.form_key, inClerksVillage(exampleDataFor(task.form_key), clerk), { services, actor, instanceId: started.instanceId });
    await services.runtime.completeTask({ taskId: task.id, outcome, actor, data, comment: '同意' });
  }
}

const TO_TOWN = ['SUBMIT', 'VERIFY', 'PASS', 'POSTED', 'NOTICE_RUNS_OUT', 'FORWARD'];

/** What each demo user should find: their menu, and the task title waiting in their inbox (if any). */
const EXPECTED: Record<string, { nav: string[]; task?: string }> = {
  admin: { nav: ['待办任务', '已办', '建档立卡', '公示公告', '攻坚进度', '贫困村', '资金报表', '系统管理'] },
  xian: { nav: ['待办任务', '已办', '建档立卡', '公示公告', '攻坚进度', '贫困村', '资金报表'], task: '县级审定' },
  ducha: { nav: ['待办任务', '已办', '建档立卡', '公示公告', '攻坚进度', '贫困村', '资金报表'] },
  'zhen-huacheng': { nav: ['待办任务', '已办', '建档立卡', '公示公告', '攻坚进度', '贫困村', '资金报表'], task: '乡镇审核' },
  'cun-dongyuan': { nav: ['待办任务', '贫困户申请', '我发起的', '已办', '建档立卡', '公示公告', '贫困村'], task: '填写贫困户申请' },
  'cun-hezikou': { nav: ['待办任务', '贫困户申请', '我发起的', '已办', '建档立卡', '公示公告', '贫困村'], task: '入户核实' },
  'zhen-zhuanshui': { nav: ['待办任务', '已办', '建档立卡', '公示公告', '攻坚进度', '贫困村', '资金报表'], task: '乡镇审核' },
  'cun-zhuanshui': { nav: ['待办任务', '贫困户申请', '我发起的', '已办', '建档立卡', '公示公告', '贫困村'], task: '填写贫困户申请' },
  // County departments read the fund report (财政局's money among it); helpers only their households.
  ...Object.fromEntries(['bm-zhujian', 'bm-jiaoyu', 'bm-renshe', 'bm-minzheng', 'bm-weijian', 'bm-nongye', 'bm-caizheng']
    .map((username) => [username, { nav: ['待办任务', '已办', '建档立卡', '公示公告', '资金报表'] }])),
  ...Object.fromEntries(['bangfu-li', 'bangfu-wang'].map((username) => [username, { nav: ['待办任务', '已办', '建档立卡', '公示公告'] }])),
};

async function visit(suite: BrowserSuite, page: Page, link: string, heading: string, shot: string) {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading }).first().waitFor();
  await suite.screenshot(page, shot);
}

describeInBrowser('every demo user in the browser', 'demo-users', (suite) => {
  beforeAll(async () => {
    const { services } = suite.app;
    await caseAt(services, 'cun-dongyuan', 'zhen-huacheng', []);
    await caseAt(services, 'cun-dongyuan', 'zhen-huacheng', TO_TOWN);
    await caseAt(services, 'cun-dongyuan', 'zhen-huacheng', [...TO_TOWN, 'APPROVE']);
    await caseAt(services, 'cun-hezikou', 'zhen-huacheng', ['SUBMIT']);
    await caseAt(services, 'cun-zhuanshui', 'zhen-zhuanshui', []);
    await caseAt(services, 'cun-zhuanshui', 'zhen-zhuanshui', TO_TOWN);
  }, 60_000);

  it.each(DEMO_ACCOUNTS.map((account) => [account.username, account] as const))('When %s logs in, then their menu, inbox and pages work', async (username, account) => {
    const expected = EXPECTED[username];
    const page = await suite.signIn(username);
    await page.getByText(`${account.displayName} · ${account.orgUnit}`).waitFor();
    const nav = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(nav).toEqual(expected.nav);
    await suite.screenshot(page, `${username}-inbox`);

    if (expected.task) {
      const task = page.getByRole('link', { name: expected.task, exact: true }).first();
      await task.click();
      await page.getByRole('heading', { name: expected.task, exact: true }).waitFor();
      await page.getByText('本环节办理').waitFor();
      await page.getByText('此任务尚未认领，办理时将自动认领。').waitFor();
      await suite.screenshot(page, `${username}-task`);
    } else {
      await page.getByText('暂无待办任务').waitFor();
    }

    await visit(suite, page, '建档立卡', '建档立卡贫困户', `${username}-households`);
    if (expected.nav.includes('攻坚进度')) {
      await visit(suite, page, '攻坚进度', '脱贫攻坚进度', `${username}-dashboard`);
      await page.getByTestId('progress-summary').getByText(/年目标脱贫比例/).waitFor();
      await page.getByText(account.orgUnit === '五华县' ? '全县脱贫进度与目标' : `${account.orgUnit}脱贫进度与目标`).waitFor();
    }
    if (expected.nav.includes('贫困户申请')) {
      await visit(suite, page, '贫困户申请', '贫困户申请', `${username}-application`);
      // The form is there (the head's block sits in a folded section, so present rather than visible).
      await page.locator('#root_household_head_idNumber').waitFor({ state: 'attached' });
    }
    await visit(suite, page, '公示公告', '公示公告栏', `${username}-notices`);
  }, 90_000);
});
