import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * 扶贫项目与资金 on the real database: every branch of workflows/project-tendering.json, with the
 * tender thresholds, notice periods and disbursement schedule of the county configuration.
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver({ start: new Date('2017-03-01T01:00:00Z') }); });
afterAll(async () => { await driver.close(); });

const CONTRACT = 1538000;
const state = async (instanceId: string) => (await driver.openTask(instanceId)).state;
const project = async (instanceId: string) => (await driver.query('SELECT * FROM projects WHERE instance_id = $1', [instanceId]))[0];

/** A project of `budget` yuan, all from one fund, optionally a 一事一议 village work. */
function proposal(budget: number, oneMatterOneDiscussion = false) {
  return { budget, oneMatterOneDiscussion, fundSources: [{ source: '县级财政专项扶贫资金', amount: budget }] };
}

/** Proposal through approval and the 10-day plan notice: the procurement route is next. */
async function toProcurement(options: { budget?: number; oneMatterOneDiscussion?: boolean } = {}): Promise<string> {
  const budget = options.budget ?? 1600000;
  const instanceId = await driver.start('project-tendering');
  await driver.act(instanceId, 'SUBMIT', { patch: proposal(budget, options.oneMatterOneDiscussion) });
  if (options.oneMatterOneDiscussion) await driver.act(instanceId, 'PASS');
  await driver.act(instanceId, 'APPROVE');
  await driver.act(instanceId, 'APPROVE', { patch: { approvedBudget: budget } });
  await driver.act(instanceId, 'POSTED');
  await driver.elapse('P9D');
  expect((await driver.instance(instanceId)).state).toEqual({ planPublicity: 'running' });
  await driver.elapse('P1D');
  expect(await state(instanceId)).toBe('procurement');
  return instanceId;
}

/** Public tender through the award notice: the contract is next. */
async function toContract(): Promise<string> {
  const instanceId = await toProcurement();
  await driver.act(instanceId, 'DECIDE');
  await driver.act(instanceId, 'PUBLISHED');
  await driver.act(instanceId, 'RECOMMEND');
  await driver.act(instanceId, 'POSTED');
  await driver.elapse('P3D');
  expect(await state(instanceId)).toBe('contracted');
  return instanceId;
}

/** Contract, construction and the town's pre-acceptance: the county acceptance is next. */
async function toAcceptance(): Promise<string> {
  const instanceId = await toContract();
  await driver.act(instanceId, 'SIGN');
  await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
  await driver.act(instanceId, 'PASS');
  expect(await state(instanceId)).toBe('countyAcceptance');
  return instanceId;
}

/** One staged payment of the contract: `percent` of it as instalment `stage`. */
function payment(stage: number, stageName: string, percent: number, extra: Record<string, unknown> = {}) {
  return { stage, stageName, percent, amount: (CONTRACT * percent) / 100, contractAmount: CONTRACT, retentionPercent: 5, ...extra };
}

describe('project: from proposal to the results notice by public tender', () => {
  it('runs the whole procedure, pays 40/55/5 and closes after the 三公开 notice', async () => {
    const instanceId = await toAcceptance();
    expect(await project(instanceId)).toEqual(expect.objectContaining({
      name: '董源村200千瓦村级光伏扶贫电站', status: '实施中', approved_budget: '1600000.00', procurement_route: 'public_tender', subject_type: 'works',
      tender_threshold: '2000000.00', contractor: '广东粤能新能源工程有限公司', contract_amount: '1538000.00', progress_percent: 100, locked_at: expect.any(Date),
    }));
    await driver.act(instanceId, 'ACCEPT');
    await driver.act(instanceId, 'PAY', { patch: payment(1, '进度款', 40) });
    expect(await state(instanceId)).toBe('disbursement');
    await driver.act(instanceId, 'PAY', { patch: payment(2, '完工款', 55) });
    await driver.act(instanceId, 'PAY', { patch: payment(3, '质保金', 5) });
    expect(await state(instanceId)).toBe('resultsPublicity.resultsNotice');
    await driver.act(instanceId, 'POSTED');
    await driver.elapse('P7D');

    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'closed', status: 'completed' }));
    expect(await project(instanceId)).toEqual(expect.objectContaining({
      status: '已完结', acceptance_quality: '合格', paid_amount: '1538000.00', paid_percent: '100.00', closed_at: expect.any(Date),
    }));
    const paid = await driver.query('SELECT stage, stage_name, amount, locked_at FROM disbursements WHERE instance_id = $1 ORDER BY stage', [instanceId]);
    expect(paid).toEqual([
      { stage: 1, stage_name: '进度款', amount: '615200.00', locked_at: expect.any(Date) },
      { stage: 2, stage_name: '完工款', amount: '845900.00', locked_at: expect.any(Date) },
      { stage: 3, stage_name: '质保金', amount: '76900.00', locked_at: expect.any(Date) },
    ]);
    const notices = await driver.query('SELECT kind, status FROM notices WHERE instance_id = $1 ORDER BY starts_at', [instanceId]);
    expect(notices).toEqual([
      { kind: 'project-plan', status: 'closed' }, { kind: 'project-award', status: 'closed' }, { kind: 'project-results', status: 'closed' },
    ]);
  });
});

describe('project: proposal, 一事一议 and approval', () => {
  it('sends a 一事一议 village work to the villagers first, and on to the town when a majority of attendees passes it', async () => {
    const instanceId = await driver.start('project-tendering');
    await driver.act(instanceId, 'SUBMIT', { patch: proposal(300000, true) });
    expect(await state(instanceId)).toBe('villageDeliberation');
    await driver.act(instanceId, 'PASS');
    expect(await state(instanceId)).toBe('townPreReview');
  });

  it('goes straight to the town for a project that is not 一事一议', async () => {
    const instanceId = await driver.start('project-tendering');
    await driver.act(instanceId, 'SUBMIT');
    expect(await state(instanceId)).toBe('townPreReview');
  });

  it('refuses PASS when fewer than half of the attendees voted for it', async () => {
    const instanceId = await driver.start('project-tendering');
    await driver.act(instanceId, 'SUBMIT', { patch: proposal(300000, true) });
    await expect(driver.act(instanceId, 'PASS', { patch: { attendeeCount: 43, votesFor: 20, votesAgainst: 20, abstentions: 3, result: '未通过' } }))
      .rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'FAIL', { comment: '赞成票未过半数' });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
  });

  it.each([
    ['the town returns it to the village', ['RETURN'], 'proposed'],
    ['the county returns it to the town', ['APPROVE', 'RETURN'], 'townPreReview'],
  ])('when %s, the earlier step is open again', async (_name, outcomes, expected) => {
    const instanceId = await driver.start('project-tendering');
    await driver.act(instanceId, 'SUBMIT');
    for (const outcome of outcomes) await driver.act(instanceId, outcome, { comment: '请补充效益测算' });
    expect(await state(instanceId)).toBe(expected);
  });

  it.each([
    ['the town', ['REJECT']],
    ['the county', ['APPROVE', 'REJECT']],
  ])('when %s rejects it, the project is not set up', async (_who, outcomes) => {
    const instanceId = await driver.start('project-tendering');
    await driver.act(instanceId, 'SUBMIT');
    for (const outcome of outcomes) await driver.act(instanceId, outcome, { comment: '不符合扶贫项目库要求' });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect(await project(instanceId)).toBeUndefined();
    expect(await driver.query('SELECT template FROM notifications WHERE instance_id = $1', [instanceId])).toEqual([{ template: 'project-rejected' }]);
  });

  it('refuses a county approval above the proposed budget', async () => {
    const instanceId = await driver.start('project-tendering');
    await driver.act(instanceId, 'SUBMIT');
    await driver.act(instanceId, 'APPROVE');
    await expect(driver.act(instanceId, 'APPROVE', { patch: { approvedBudget: 1700000 } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('sends an objection to the plan notice back to the county, whose new approval updates the one project record', async () => {
    const instanceId = await driver.start('project-tendering');
    await driver.act(instanceId, 'SUBMIT');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'POSTED');
    await driver.signal(instanceId, 'OBJECTION', { content: '选址在基本农田上', anonymous: true });
    expect(await state(instanceId)).toBe('countyApproval');
    await driver.act(instanceId, 'APPROVE', { patch: { approvedBudget: 1500000, decisionNumber: '华扶〔2017〕30号' } });
    expect(await state(instanceId)).toBe('planPublicity.planNotice');
    const rows = await driver.query('SELECT approved_budget, decision_number FROM projects WHERE instance_id = $1', [instanceId]);
    expect(rows).toEqual([{ approved_budget: '1500000.00', decision_number: '华扶〔2017〕30号' }]);
  });
});

describe('project: procurement route by amount against the tender thresholds', () => {
  const govProcurement = (amount: number, decidedOn: string, subjectType = 'works') => ({
    route: 'government_procurement', subjectType, estimatedAmount: amount, decidedOn, procurementMethod: '竞争性磋商', procurementPlanNumber: '华财采计〔2017〕118号',
  });

  it('lets a works project under 2 M yuan (2017) go through government procurement', async () => {
    const instanceId = await toProcurement();
    await driver.act(instanceId, 'DECIDE', { patch: govProcurement(1600000, '2017-04-15') });
    expect(await state(instanceId)).toBe('tenderNotice');
    expect((await driver.instance(instanceId)).data.project.tenderThreshold).toBe(2000000);
  });

  it('requires a public tender for 2.5 M yuan of works decided in 2017 (threshold 2 M)', async () => {
    const instanceId = await toProcurement({ budget: 2500000 });
    await expect(driver.act(instanceId, 'DECIDE', { patch: govProcurement(2500000, '2017-04-15') })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'DECIDE', { patch: { estimatedAmount: 2500000 } });
    expect(await state(instanceId)).toBe('tenderNotice');
  });

  it('requires a public tender for 1.5 M yuan of goods (threshold 1 M)', async () => {
    const instanceId = await toProcurement();
    await expect(driver.act(instanceId, 'DECIDE', { patch: govProcurement(1500000, '2017-04-15', 'goods') })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('refuses a procurement budget above the approved budget', async () => {
    const instanceId = await toProcurement();
    await expect(driver.act(instanceId, 'DECIDE', { patch: { estimatedAmount: 1700000 } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('commissions a 一事一议 micro work directly to the village, skipping the tender', async () => {
    const instanceId = await toProcurement({ budget: 300000, oneMatterOneDiscussion: true });
    await driver.act(instanceId, 'DECIDE', { data: {
      route: 'direct_commission', subjectType: 'works', estimatedAmount: 300000, decidedBy: '温建新', decidedOn: '2017-04-15',
      commissionedParty: '董源村股份经济合作社', resolutionRef: '00000000-0000-4000-8000-000000000099', reason: '村内道路硬化，一事一议，村民投工投劳自建自管',
    } });
    expect(await state(instanceId)).toBe('contracted');
    await expect(driver.act(instanceId, 'SIGN', { patch: { contractAmount: 300000 } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'SIGN', { patch: { contractor: '董源村股份经济合作社', contractAmount: 300000 } });
    expect(await state(instanceId)).toBe('inProgress');
    expect(await project(instanceId)).toEqual(expect.objectContaining({ procurement_route: 'direct_commission', contractor: '董源村股份经济合作社', status: '实施中' }));
  });

  it('refuses direct commission for a project that was not decided by 一事一议', async () => {
    const instanceId = await toProcurement({ budget: 300000 });
    await expect(driver.act(instanceId, 'DECIDE', { data: {
      route: 'direct_commission', subjectType: 'works', estimatedAmount: 300000, decidedBy: '温建新', decidedOn: '2017-04-15',
      commissionedParty: '董源村股份经济合作社', resolutionRef: '00000000-0000-4000-8000-000000000099', reason: '村内道路硬化',
    } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  describe('in 2018, across the switch of 2018-06-01', () => {
    beforeAll(() => { driver.services.clock.set(new Date('2018-03-01T01:00:00Z')); });

    it('still requires a tender for 2.5 M yuan of works decided before June 2018 (old threshold 2 M)', async () => {
      const instanceId = await toProcurement({ budget: 2500000 });
      await expect(driver.act(instanceId, 'DECIDE', { patch: govProcurement(2500000, '2018-05-31') })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    });

    it('lets the same 2.5 M yuan decided from June 2018 go through government procurement (threshold 4 M)', async () => {
      const instanceId = await toProcurement({ budget: 2500000 });
      await driver.act(instanceId, 'DECIDE', { patch: govProcurement(2500000, '2018-06-01') });
      expect(await state(instanceId)).toBe('tenderNotice');
      expect((await driver.instance(instanceId)).data.project.tenderThreshold).toBe(4000000);
    });

    it('lets 1.5 M yuan of goods decided from June 2018 go through government procurement (threshold 2 M)', async () => {
      const instanceId = await toProcurement();
      await driver.act(instanceId, 'DECIDE', { patch: govProcurement(1500000, '2018-07-02', 'goods') });
      expect(await state(instanceId)).toBe('tenderNotice');
    });
  });
});

describe('project: tender, evaluation and award', () => {
  beforeAll(() => { driver.services.clock.set(new Date('2017-03-01T01:00:00Z')); });

  async function toEvaluation(): Promise<string> {
    const instanceId = await toProcurement();
    await driver.act(instanceId, 'DECIDE');
    await driver.act(instanceId, 'PUBLISHED');
    return instanceId;
  }

  it('refuses a recommendation with fewer than 3 bidders, and procures again after a failed tender (流标)', async () => {
    const instanceId = await toEvaluation();
    const twoBidders = [{ name: '广东粤能新能源工程有限公司', bidAmount: 1538000, score: 91.5 }, { name: '梅州市嘉和电力工程有限公司', bidAmount: 1562000, score: 87.25 }];
    await expect(driver.act(instanceId, 'RECOMMEND', { patch: { bidders: twoBidders } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'RETENDER', { comment: '投标人不足3家，流标' });
    expect(await state(instanceId)).toBe('procurement');
  });

  it('refuses an evaluation before the bid deadline and a recommended bidder who did not bid', async () => {
    const instanceId = await toEvaluation();
    await expect(driver.act(instanceId, 'RECOMMEND', { patch: { evaluationDate: '2017-05-10' } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await expect(driver.act(instanceId, 'RECOMMEND', { patch: { recommendedBidder: '五华县某建筑公司' } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('sends an objection to the award notice back to the evaluation, and refuses an award to another bidder', async () => {
    const instanceId = await toEvaluation();
    await driver.act(instanceId, 'RECOMMEND');
    await expect(driver.act(instanceId, 'POSTED', { patch: { winner: '梅州市嘉和电力工程有限公司' } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'POSTED');
    await driver.signal(instanceId, 'OBJECTION', { content: '中标人项目经理有在建工程', anonymous: false, name: '李建平', phone: '13902318765' });
    expect(await state(instanceId)).toBe('bidEvaluation');
    expect(await driver.query('SELECT kind, status FROM notices WHERE instance_id = $1 AND kind = $2', [instanceId, 'project-award'])).toEqual([{ kind: 'project-award', status: 'closed' }]);
  });

  it('refuses a contract with someone other than the winner or for another amount', async () => {
    const instanceId = await toContract();
    await expect(driver.act(instanceId, 'SIGN', { patch: { contractor: '梅州市嘉和电力工程有限公司' } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await expect(driver.act(instanceId, 'SIGN', { patch: { contractAmount: 1600000 } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });
});

describe('project: construction, acceptance and rectification', () => {
  it('keeps construction open while progress is below 100%, and refuses completion before it', async () => {
    const instanceId = await toContract();
    await driver.act(instanceId, 'SIGN');
    await expect(driver.act(instanceId, 'COMPLETE')).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'REPORT');
    expect(await state(instanceId)).toBe('inProgress');
    expect((await project(instanceId)).progress_percent).toBe(60);
  });

  it('sends a failed town pre-acceptance back to construction', async () => {
    const instanceId = await toContract();
    await driver.act(instanceId, 'SIGN');
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'FAIL', { patch: { result: '不通过' }, comment: '并网资料不全' });
    expect(await state(instanceId)).toBe('inProgress');
  });

  it('orders rectification on 不合格, flags it overdue when the deadline passes, and accepts after the rectification', async () => {
    const instanceId = await toAcceptance();
    await driver.act(instanceId, 'FAIL', {
      patch: { quality: '不合格', rectificationDeadline: '2017-10-28', rectificationRequirements: '更换隐裂组件，补做接地电阻测试' }, comment: '组件隐裂',
    });
    expect(await state(instanceId)).toBe('rectification');
    expect((await project(instanceId)).status).toBe('整改中');

    await driver.elapse('P1M');
    const rectification = await driver.openTask(instanceId);
    expect(rectification.state).toBe('rectification');
    expect((await driver.instance(instanceId)).data.project.rectificationOverdue).toBe(true);
    expect(await driver.query('SELECT template FROM notifications WHERE instance_id = $1', [instanceId])).toEqual([{ template: 'project-rectification-overdue' }]);

    await driver.act(instanceId, 'DONE');
    expect(await state(instanceId)).toBe('countyAcceptance');
    await driver.act(instanceId, 'ACCEPT', { patch: { quality: '优质' } });
    expect(await state(instanceId)).toBe('disbursement');
    expect(await project(instanceId)).toEqual(expect.objectContaining({ status: '已验收', acceptance_quality: '优质' }));
  });

  it('refuses outcomes that contradict the acceptance form', async () => {
    const instanceId = await toAcceptance();
    await expect(driver.act(instanceId, 'FAIL', { comment: '不合格' })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await expect(driver.act(instanceId, 'ACCEPT', {
      patch: { quality: '不合格', rectificationDeadline: '2017-10-28', rectificationRequirements: '整改' },
    })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });
});

describe('project: staged disbursement against the schedule', () => {
  let instanceId: string;
  beforeAll(async () => {
    instanceId = await toAcceptance();
    await driver.act(instanceId, 'ACCEPT');
  });

  it.each([
    ['paying ahead of the 40% ceiling of the first instalment', payment(1, '进度款', 50)],
    ['skipping an instalment number', payment(2, '完工款', 40)],
    ['an amount that is not the percent of the contract', payment(1, '进度款', 40, { amount: 600000 })],
    ['another contract amount', { ...payment(1, '进度款', 40), contractAmount: 1600000, amount: 640000 }],
  ])('refuses %s', async (_name, data) => {
    await expect(driver.act(instanceId, 'PAY', { patch: data })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    expect(await driver.query('SELECT count(*)::int AS n FROM disbursements WHERE instance_id = $1', [instanceId])).toEqual([{ n: 0 }]);
  });

  it('refuses a retention release above the retention held, on the percent field', async () => {
    await expect(driver.act(instanceId, 'PAY', { patch: payment(1, '质保金', 20, { retentionPercent: 5 }) }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/percent': ['质保金的拨付比例不能超过质保金比例'] } });
  });

  it('refuses a retention above 5% (the form)', async () => {
    await expect(driver.act(instanceId, 'PAY', { patch: payment(1, '进度款', 40, { retentionPercent: 8 }) })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses a results notice whose funds do not match what was paid', async () => {
    await driver.act(instanceId, 'PAY', { patch: payment(1, '进度款', 40) });
    await driver.act(instanceId, 'PAY', { patch: payment(2, '完工款', 55) });
    await expect(driver.act(instanceId, 'PAY', { patch: payment(3, '完工款', 6) })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'PAY', { patch: payment(3, '质保金', 5) });
    await expect(driver.act(instanceId, 'POSTED', { patch: { fundsUsed: 1600000 } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'POSTED');
    expect((await driver.instance(instanceId)).state).toEqual({ resultsPublicity: 'running' });
  });
});

describe('project: the 质保金 cap follows the contract date (5 %, 3 % from 2017-07-01)', () => {
  it('refuses 5 % retention on a contract signed on 2017-07-01 with the Chinese message on its field, takes 3 %, and writes nothing when refused', async () => {
    const instanceId = await toContract();
    await driver.act(instanceId, 'SIGN', { patch: { signedOn: '2017-07-01' } });
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'PASS');
    await driver.act(instanceId, 'ACCEPT');
    const refused = driver.act(instanceId, 'PAY', { patch: payment(1, '进度款', 40, { retentionPercent: 5 }) });
    await expect(refused).rejects.toMatchObject({ code: 'invalid', fields: { '/retentionPercent': [expect.stringContaining('2017年7月1日起签订的不超过3%')] } });
    expect(await driver.query('SELECT count(*)::int AS n FROM disbursements WHERE instance_id = $1', [instanceId])).toEqual([{ n: 0 }]);
    await driver.act(instanceId, 'PAY', { patch: payment(1, '进度款', 40, { retentionPercent: 3 }) });
    expect(await driver.query('SELECT stage, retention_percent FROM disbursements WHERE instance_id = $1', [instanceId])).toEqual([{ stage: 1, retention_percent: '3.00' }]);
  });

  it('takes 5 % on a contract signed on 2017-06-30', async () => {
    const instanceId = await toContract();
    await driver.act(instanceId, 'SIGN', { patch: { signedOn: '2017-06-30' } });
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'PASS');
    await driver.act(instanceId, 'ACCEPT');
    await driver.act(instanceId, 'PAY', { patch: payment(1, '进度款', 40, { retentionPercent: 5 }) });
    expect(await state(instanceId)).toBe('disbursement');
  });
});
