import { idNumber, registerHousehold } from './support/households';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/** 农村危房改造 on the real database: every branch of workflows/housing-renovation.json. */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver(); });
afterAll(async () => { await driver.close(); });

let seq = 300;
/** A registered household and the application data for it. */
async function applicant(options: { category?: string; renovationType?: string; careHome?: string } = {}) {
  const id = idNumber(seq++, '19490815');
  await registerHousehold(driver, id, { category: options.category ?? '一般贫困户' });
  const patch: Record<string, unknown> = { household: { head: { idNumber: id }, category: options.category ?? '一般贫困户' } };
  if (options.renovationType) patch.renovationType = options.renovationType;
  if (options.careHome) patch.careHome = options.careHome;
  return { id, patch };
}

async function toTownReview(patch: Record<string, unknown>) {
  const instanceId = await driver.start('housing-renovation');
  await driver.act(instanceId, 'SUBMIT', { patch });
  await driver.act(instanceId, 'PASS');
  await driver.elapse('P7D');
  expect((await driver.openTask(instanceId)).state).toBe('townReview');
  return instanceId;
}

async function toAgreement(patch: Record<string, unknown>) {
  const instanceId = await toTownReview(patch);
  await driver.act(instanceId, 'APPROVE');
  await driver.act(instanceId, 'APPROVE');
  await driver.elapse('P7D');
  expect((await driver.openTask(instanceId)).state).toBe('agreement');
  return instanceId;
}

const state = async (instanceId: string) => (await driver.openTask(instanceId)).state;
const renovation = async (instanceId: string) => (await driver.query('SELECT * FROM housing_renovations WHERE instance_id = $1', [instanceId]))[0];

describe('housing renovation of a C/D-grade only home', () => {
  it('renovates, accepts and pays the subsidy into the head of household\'s account, recording it on the 帮扶记录卡', async () => {
    const { id, patch } = await applicant();
    const instanceId = await toAgreement(patch);
    const notices = await driver.query('SELECT kind, status FROM notices WHERE instance_id = $1 ORDER BY starts_at', [instanceId]);
    expect(notices).toEqual([{ kind: 'renovation-appraisal', status: 'closed' }, { kind: 'renovation-approval', status: 'closed' }]);
    expect(await renovation(instanceId)).toEqual(expect.objectContaining({ status: '已批准', approved_subsidy: '40000.00', decision_number: '华建〔2017〕18号', locked_at: expect.any(Date) }));

    await driver.act(instanceId, 'SIGN');
    await driver.act(instanceId, 'REPORT');
    expect(await state(instanceId)).toBe('construction');
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'PASS');
    await driver.act(instanceId, 'PAY');

    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'done', status: 'completed' }));
    expect(await renovation(instanceId)).toEqual(expect.objectContaining({
      status: '已发放', head_id_number: id, household_id: expect.any(String), agreement_number: 'HC-WG-2017-0087', paid_amount: '40000.00', voucher_number: '华财农〔2017〕0931',
    }));
    // The acceptance and the payment each declare a card entry (meta.task.helpCard): one each, in the step's case.
    const help = await driver.query('SELECT entry_kind, measure_type, value, content, result, source_instance_id FROM help_records WHERE head_id_number = $1 ORDER BY created_at', [id]);
    expect(help).toEqual([
      { entry_kind: '帮扶成效', measure_type: '危房改造', value: null, content: '新建砖混住房90平方米，结构安全，功能齐全，已入住。', result: '竣工验收合格：砖混住房90平方米', source_instance_id: instanceId },
      { entry_kind: '帮扶措施', measure_type: '危房改造', value: '40000.00', content: '原址重建：华城镇建筑工程队（曾伟明）承建，竣工砖混住房90平方米，补助40000元已发放至户主账户（华财农〔2017〕0931）', result: null, source_instance_id: instanceId },
    ]);
  });

  it('sends a failed completion acceptance back to construction, then accepts the rectified house', async () => {
    const { patch } = await applicant();
    const instanceId = await toAgreement(patch);
    await driver.act(instanceId, 'SIGN');
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'FAIL', { patch: { result: '不合格', rectificationDeadline: '2017-09-30' }, comment: '圈梁未按图施工' });
    expect(await state(instanceId)).toBe('construction');
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'PASS');
    expect(await state(instanceId)).toBe('subsidyPayment');
  });

  it('refuses outcomes that contradict the form: PASS on 不合格, FAIL on 合格, COMPLETE below 100%', async () => {
    const { patch } = await applicant();
    const instanceId = await toAgreement(patch);
    await driver.act(instanceId, 'SIGN');
    await expect(driver.act(instanceId, 'COMPLETE')).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await expect(driver.act(instanceId, 'PASS', { patch: { result: '不合格', rectificationDeadline: '2017-09-30' } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await expect(driver.act(instanceId, 'FAIL', { comment: '不合格' })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('refuses an agreement above the approved subsidy and a payment to another account or of another amount', async () => {
    const { patch } = await applicant();
    const instanceId = await toAgreement(patch);
    await expect(driver.act(instanceId, 'SIGN', { patch: { subsidyAmount: 45000 } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'SIGN');
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'PASS');
    await expect(driver.act(instanceId, 'PAY', { patch: { accountHolder: '曾繁荣' } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await expect(driver.act(instanceId, 'PAY', { patch: { amount: 39000 } })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await driver.act(instanceId, 'PAY');
    expect((await driver.instance(instanceId)).state).toBe('done');
  });

  it('refuses a house that is not graded C or D (the form)', async () => {
    const { patch } = await applicant();
    const instanceId = await driver.start('housing-renovation');
    await expect(driver.act(instanceId, 'SUBMIT', { patch: { ...patch, house: { dangerGrade: '否' } } }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/house/dangerGrade': expect.any(Array) } });
  });
});

describe('housing renovation: the 帮扶记录卡 entries its steps declare', () => {
  const card = (id: string) => driver.query('SELECT entry_kind, measure_type, date::text AS date, helper_name, helper_unit, household_id IS NOT NULL AS registered FROM help_records WHERE head_id_number = $1 ORDER BY created_at', [id]);

  it('writes exactly one entry per completed step that declares one, and none for a failed acceptance', async () => {
    const { id, patch } = await applicant();
    const instanceId = await toAgreement(patch);
    // The town's approval declares an entry only for 集中供养 (`when`): an ordinary renovation writes none.
    expect(await card(id)).toEqual([]);
    await driver.act(instanceId, 'SIGN');
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'FAIL', { patch: { result: '不合格', rectificationDeadline: '2017-09-30' }, comment: '圈梁未按图施工' });
    expect(await card(id)).toEqual([]);
    await driver.act(instanceId, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(instanceId, 'PASS', { patch: { inspectionDate: '2017-10-12' } });
    const accepted = await card(id);
    expect(accepted).toEqual([{ entry_kind: '帮扶成效', measure_type: '危房改造', date: '2017-10-12', helper_name: expect.any(String), helper_unit: expect.any(String), registered: true }]);
    await driver.act(instanceId, 'PAY');
    expect(await card(id)).toEqual([...accepted, expect.objectContaining({ entry_kind: '帮扶措施', date: '2017-09-08', helper_unit: '五华县住房和城乡建设局' })]);
  });

  it('writes none when the town returns or rejects a care-home application, though the entry would apply to it', async () => {
    const { id, patch } = await applicant({ category: '五保户', renovationType: '集中供养', careHome: '华城镇敬老院' });
    const returned = await toTownReview(patch);
    await driver.act(returned, 'RETURN', { comment: '补充敬老院床位证明' });
    expect(await state(returned)).toBe('application');
    const rejected = await toTownReview(patch);
    await driver.act(rejected, 'REJECT', { comment: '本人不愿入住敬老院' });
    expect((await driver.instance(rejected)).status).toBe('completed');
    expect(await card(id)).toEqual([]);
  });
});

describe('housing renovation: 五保户 placed in a care home instead', () => {
  it('places a 五保户 who chose 集中供养 in the care home after the town review, with no county subsidy', async () => {
    const { id, patch } = await applicant({ category: '五保户', renovationType: '集中供养', careHome: '华城镇敬老院' });
    const instanceId = await toTownReview(patch);
    await driver.act(instanceId, 'APPROVE');
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'placedInCareHome', status: 'completed' }));
    expect(await renovation(instanceId)).toEqual(expect.objectContaining({ status: '集中供养', care_home: '华城镇敬老院', approved_subsidy: null }));
    const help = await driver.query('SELECT measure_type, content FROM help_records WHERE head_id_number = $1', [id]);
    expect(help).toEqual([{ measure_type: '社保兜底', content: '五保户集中供养，入住华城镇敬老院' }]);
  });

  it('refuses 集中供养 for a household that is not 五保户', async () => {
    const { patch } = await applicant({ renovationType: '集中供养', careHome: '华城镇敬老院' });
    const instanceId = await driver.start('housing-renovation');
    await expect(driver.act(instanceId, 'SUBMIT', { patch })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('renovates the house of a 五保户 who did not choose the care home', async () => {
    const { patch } = await applicant({ category: '五保户' });
    const instanceId = await toTownReview(patch);
    await driver.act(instanceId, 'APPROVE');
    expect(await state(instanceId)).toBe('countyApproval');
  });
});

describe('housing renovation: approved by 县住建局', () => {
  it('opens the approval at 县住建局 for its department officer; the county poverty office may not approve it', async () => {
    const { patch } = await applicant();
    const instanceId = await toTownReview(patch);
    await driver.act(instanceId, 'APPROVE');
    const task = await driver.openTask(instanceId);
    expect(task).toEqual(expect.objectContaining({ state: 'countyApproval', org_unit_id: '441424901', candidate_roles: ['department_officer'] }));
    await expect(driver.act(instanceId, 'APPROVE', { as: 'xian' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(driver.act(instanceId, 'APPROVE', { as: 'bm-jiaoyu' })).rejects.toMatchObject({ code: expect.stringMatching(/forbidden|not_found/) });
    await driver.act(instanceId, 'APPROVE', { as: 'bm-zhujian' });
    expect((await driver.instance(instanceId)).state).toBe('approvalNotice');
    expect(await driver.query(`SELECT completed_by FROM tasks WHERE instance_id = $1 AND state = 'countyApproval'`, [instanceId]))
      .toEqual([{ completed_by: (await driver.actor('bm-zhujian')).userId }]);
  });
});

describe('housing renovation: notices, objections, returns and rejections', () => {
  it('sends an objection to the appraisal notice straight to the town review with the objection on record', async () => {
    const { patch } = await applicant();
    const instanceId = await driver.start('housing-renovation');
    await driver.act(instanceId, 'SUBMIT', { patch });
    await driver.act(instanceId, 'PASS');
    await driver.signal(instanceId, 'OBJECTION', { content: '该户在镇上另有住房', anonymous: true });
    expect(await state(instanceId)).toBe('townReview');
    expect((await driver.instance(instanceId)).data.objections.appraisal.content).toBe('该户在镇上另有住房');
    expect(await driver.query('SELECT status FROM timers WHERE instance_id = $1', [instanceId])).toEqual([{ status: 'cancelled' }]);
  });

  it('sends an objection to the approval notice back to the county, whose new approval replaces the old one', async () => {
    const { patch } = await applicant();
    const instanceId = await toTownReview(patch);
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    await driver.signal(instanceId, 'OBJECTION', { content: '补助标准偏高', anonymous: true });
    expect(await state(instanceId)).toBe('countyApproval');
    await driver.act(instanceId, 'APPROVE', { patch: { approvedSubsidy: 30000, decisionNumber: '华建〔2017〕25号' } });
    const rows = await driver.query('SELECT approved_subsidy, decision_number FROM housing_renovations WHERE instance_id = $1', [instanceId]);
    expect(rows).toEqual([{ approved_subsidy: '30000.00', decision_number: '华建〔2017〕25号' }]);
  });

  it.each([
    ['the town returns it to the village', ['RETURN'], 'application'],
    ['the county returns it to the town', ['APPROVE', 'RETURN'], 'townReview'],
  ])('when %s, the earlier step is open again', async (_name, outcomes, expected) => {
    const { patch } = await applicant();
    const instanceId = await toTownReview(patch);
    for (const outcome of outcomes) await driver.act(instanceId, outcome, { comment: '请补充鉴定报告' });
    expect(await state(instanceId)).toBe(expected);
  });

  it.each([
    ['the villagers do not pass it', async (instanceId: string) => { await driver.act(instanceId, 'FAIL', { comment: '评议未通过' }); }],
    ['the town rejects it', async (instanceId: string) => { await driver.act(instanceId, 'PASS'); await driver.elapse('P7D'); await driver.act(instanceId, 'REJECT', { comment: '非唯一住房' }); }],
    ['the county rejects it', async (instanceId: string) => {
      await driver.act(instanceId, 'PASS'); await driver.elapse('P7D'); await driver.act(instanceId, 'APPROVE'); await driver.act(instanceId, 'REJECT', { comment: '年度计划已满' });
    }],
  ])('when %s, the application ends rejected with a written reason', async (_name, steps) => {
    const { patch } = await applicant();
    const instanceId = await driver.start('housing-renovation');
    await driver.act(instanceId, 'SUBMIT', { patch });
    await steps(instanceId);
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect(await driver.query('SELECT template FROM notifications WHERE instance_id = $1', [instanceId])).toEqual([{ template: 'renovation-rejected' }]);
    expect(await renovation(instanceId)).toBeUndefined();
  });
});
