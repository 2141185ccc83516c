import { exampleFor } from '../support/form-examples';
import { householdStatus, idNumber, incomeOf, registerHousehold } from './support/households';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * 返贫 on the real database: every branch of workflows/household-relapse.json. The verification
 * holds the identification's rules (the entry line of the income year, the exclusion rules, the
 * outcome agreeing with the conclusion), the appraisal its quorum, the notice its places and dates.
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver({ start: new Date('2018-10-08T01:00:00Z') }); });
afterAll(async () => { await driver.close(); });

let seq = 300;
/** A registered household of 董源村 out of poverty (or in `status`), with one help record by its helper, and its application patch. */
async function household(options: { status?: string; perCapita?: number; register?: boolean } = {}) {
  const id = idNumber(seq++);
  if (options.register !== false) {
    const householdId = await registerHousehold(driver, id, { status: options.status ?? '已脱贫' });
    await driver.query(
      `INSERT INTO help_records (id, tenant_id, household_id, head_id_number, date, helper_name, helper_unit, measure_type, content, created_at)
       VALUES ($1, '441424', $2, $3, '2017-05-20', '钟伟东', '五华县扶贫开发局', '就业/培训', '推荐户主到工业园就业', now())`,
      [driver.services.ids.uuid(), householdId, id]);
  }
  return { id, patch: { household: { head: { idNumber: id } }, householdSize: 6, income: incomeOf(options.perCapita ?? 3390, 6, 2018) } };
}

async function start(patch: Record<string, unknown>): Promise<string> {
  const instanceId = await driver.start('household-relapse');
  await driver.act(instanceId, 'SUBMIT', { patch });
  return instanceId;
}

const state = async (instanceId: string) => (await driver.instance(instanceId)).state;
const foundVehicle = () => ({
  exclusionChecks: (exampleFor('household-identification.verification').exclusionChecks as Array<Record<string, unknown>>)
    .map((c) => (c.rule === 'vehicle' ? { ...c, found: true, evidence: '县交警大队比对：户主名下小型轿车一辆' } : c)),
});
async function changes(headId: string) {
  return driver.query(
    `SELECT c.from_status, c.to_status, c.route, c.reason, c.decision_number FROM household_status_changes c JOIN households h ON h.id = c.household_id
     WHERE h.head_id_number = $1 ORDER BY c.changed_at, c.id`, [headId]);
}
const helpRecords = (headId: string) => driver.query(
  `SELECT date::text AS date, helper_name, helper_unit, measure_type, content FROM help_records WHERE head_id_number = $1 ORDER BY date, created_at`, [headId]);
const templates = async (instanceId: string) => (await driver.query('SELECT template FROM notifications WHERE instance_id = $1', [instanceId])).map((r) => r.template);

/** Through verification, appraisal and posting: the notice runs. */
async function toNotice(patch: Record<string, unknown>, posting?: Record<string, unknown>) {
  const instanceId = await start(patch);
  await driver.act(instanceId, 'VERIFY');
  await driver.act(instanceId, 'PASS');
  await driver.act(instanceId, 'POSTED', { patch: posting });
  return instanceId;
}

describe('household relapse: approved', () => {
  it('marks the household 返贫 with its cause after verification, appraisal, a 7-day notice, town and county, and its last helper resumes', async () => {
    const { id, patch } = await household();
    const instanceId = await toNotice(patch, { postedFrom: '2018-10-10', postedUntil: '2018-10-16' });
    const [notice] = await driver.query(`SELECT kind, status, title, ends_at FROM notices WHERE instance_id = $1`, [instanceId]);
    // 7 days from the posting date recorded (10 Oct, China time), not from when the state was entered.
    expect(notice).toEqual(expect.objectContaining({ kind: 'relapse', status: 'open', title: '返贫户公示', ends_at: new Date('2018-10-17T00:00:00+08:00') }));
    expect((await driver.instance(instanceId)).data.eligibility).toEqual(expect.objectContaining({ outcome: 'eligible', incomeYear: 2018, line: 4000 }));
    await driver.elapse('P8D');
    expect(await state(instanceId)).toEqual({ publicNotice: 'running' });
    await driver.elapse('P1D');
    expect((await driver.openTask(instanceId)).state).toBe('townReview');
    expect((await driver.query(`SELECT status FROM notices WHERE instance_id = $1`, [instanceId]))[0].status).toBe('closed');
    expect(await householdStatus(driver, id)).toBe('已脱贫');

    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE', { patch: { helpMeasures: [] } });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'relapsed', status: 'completed' }));
    expect(await householdStatus(driver, id)).toBe('返贫');
    expect(await changes(id)).toEqual([{
      from_status: '已脱贫', to_status: '返贫', route: '返贫', decision_number: '华扶〔2018〕112号',
      reason: expect.stringMatching(/^因病返贫：户主2018年3月确诊尿毒症/),
    }]);
    // The registry keeps the version before and the 返贫 version, named with its cause and case.
    const versions = await driver.query(
      `SELECT v.version, v.status, v.change_type, v.reason, v.instance_id FROM household_versions v JOIN households h ON h.id = v.household_id WHERE h.head_id_number = $1 ORDER BY v.version`, [id]);
    expect(versions.slice(-2)).toEqual([
      expect.objectContaining({ status: '已脱贫' }),
      { version: versions.length, status: '返贫', change_type: '返贫', reason: '因病返贫', instance_id: instanceId },
    ]);
    expect(await helpRecords(id)).toEqual([
      expect.objectContaining({ date: '2017-05-20', helper_name: '钟伟东' }),
      { date: '2018-11-20', helper_name: '钟伟东', helper_unit: '五华县扶贫开发局', measure_type: '就业/培训', content: '因病返贫，经县审定（华扶〔2018〕112号）恢复帮扶措施' },
    ]);
    expect(await templates(instanceId)).toContain('relapse-approved');
  });

  it('files the help measures the county lists instead', async () => {
    const { id, patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.elapse('P8D');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    expect(await householdStatus(driver, id)).toBe('返贫');
    expect((await helpRecords(id)).slice(1)).toEqual([expect.objectContaining({ measure_type: '医疗', content: expect.stringContaining('大病医疗救助') })]);
  });
});

describe('household relapse: verification holds the identification rules', () => {
  it('refuses a household whose verified income is not below the income year\'s line, naming the year and the line', async () => {
    const { id, patch } = await household();
    const instanceId = await start(patch);
    await driver.act(instanceId, 'VERIFY', { patch: { verifiedPerCapitaIncome: 4500 } });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect((await driver.instance(instanceId)).data.eligibility).toEqual({ outcome: 'aboveLine', incomeYear: 2018, line: 4000, verifiedPerCapitaIncome: 4500 });
    expect(await householdStatus(driver, id)).toBe('已脱贫');
    expect(await changes(id)).toEqual([]);
    expect(await templates(instanceId)).toEqual(['relapse-rejected']);
  });

  it('refuses a household excluded by a rule, naming the rule, before any appraisal', async () => {
    const { id, patch } = await household();
    const instanceId = await start(patch);
    await driver.act(instanceId, 'VERIFY', { patch: foundVehicle() });
    expect(await state(instanceId)).toBe('rejected');
    expect((await driver.instance(instanceId)).data.eligibility).toEqual({
      outcome: 'excluded', excludedBy: [expect.objectContaining({ rule: 'vehicle', found: true, evidence: expect.stringContaining('小型轿车') })],
    });
    expect(await driver.query(`SELECT 1 FROM tasks WHERE instance_id = $1 AND state = 'villagerAppraisal'`, [instanceId])).toEqual([]);
    expect(await householdStatus(driver, id)).toBe('已脱贫');
  });

  it('refuses 核实通过 with a conclusion other than 情况属实 (400, nothing changed)', async () => {
    const { patch } = await household();
    const instanceId = await start(patch);
    await expect(driver.act(instanceId, 'VERIFY', { patch: { conclusion: '需补正', reason: '收入证明缺失' } }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/conclusion': ['选择“核实通过”时，核实结论应为：情况属实'] } });
    expect(await state(instanceId)).toBe('verification');
  });

  it('returns the application for correction, and ends on a rejection at verification', async () => {
    const { patch } = await household();
    const instanceId = await start(patch);
    await driver.act(instanceId, 'RETURN', { comment: '缺少医院诊断证明' });
    expect((await driver.openTask(instanceId)).state).toBe('application');
    await driver.act(instanceId, 'SUBMIT', { patch });
    await driver.act(instanceId, 'REJECT', { patch: { conclusion: '情况不实', reason: '入户核实该户收入未下降' }, comment: '情况不实' });
    expect(await state(instanceId)).toBe('rejected');
  });
});

describe('household relapse: only a registered household out of poverty, one case at a time', () => {
  it.each([
    ['not in the registry', { register: false }, /台账中没有/],
    ['still in poverty (未脱贫)', { status: '未脱贫' }, /不是已脱贫户/],
    ['already 返贫', { status: '返贫' }, /不是已脱贫户/],
  ])('refuses an application for a household %s with a 400 on the ID number', async (_name, options, message) => {
    const { patch } = await household(options);
    const instanceId = await driver.start('household-relapse');
    await expect(driver.act(instanceId, 'SUBMIT', { patch })).rejects.toMatchObject({ code: 'invalid', fields: { '/household/head/idNumber': [expect.stringMatching(message)] } });
    expect((await driver.openTask(instanceId)).state).toBe('application');
  });

  it('refuses a second open relapse case of the same household', async () => {
    const { patch } = await household();
    await start(patch);
    const second = await driver.start('household-relapse');
    await expect(driver.act(second, 'SUBMIT', { patch })).rejects.toMatchObject({ fields: { '/household/head/idNumber': [expect.stringContaining('在办的返贫申请')] } });
  });
});

describe('household relapse: appraisal, notice, objections, town and county', () => {
  it('refuses an appraisal short of its quorum, and ends on a failed appraisal', async () => {
    const { patch } = await household();
    const instanceId = await start(patch);
    await driver.act(instanceId, 'VERIFY');
    await expect(driver.act(instanceId, 'PASS', { patch: { meetingType: '村民代表大会', eligibleCount: 45, attendeeCount: 29, votesFor: 25, votesAgainst: 2, abstentions: 2 } }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/attendeeCount': [expect.stringContaining('三分之二')] } });
    await driver.act(instanceId, 'FAIL', { patch: { votesFor: 15, votesAgainst: 24, abstentions: 2, result: '未通过' }, comment: '评议未过半数' });
    expect(await state(instanceId)).toBe('rejected');
  });

  it('refuses a posting that leaves out a 村民小组 of the village', async () => {
    const { patch } = await household();
    const instanceId = await start(patch);
    await driver.act(instanceId, 'VERIFY');
    await driver.act(instanceId, 'PASS');
    await expect(driver.act(instanceId, 'POSTED', { patch: { places: ['董源村村委会公告栏', '第一村民小组'] } }))
      .rejects.toMatchObject({ fields: { '/places': [expect.stringMatching(/还缺：第二村民小组/)] } });
    expect(await state(instanceId)).toEqual({ publicNotice: 'posting' });
  });

  it('sends an objection to the town: dismissed goes on to the town review, upheld appraises again or refuses', async () => {
    const dismissed = await toNotice((await household()).patch);
    await driver.signal(dismissed, 'OBJECTION');
    expect((await driver.openTask(dismissed)).state).toBe('objectionReview');
    await driver.act(dismissed, 'DISMISS');
    expect((await driver.openTask(dismissed)).state).toBe('townReview');

    const reappraised = await toNotice((await household()).patch);
    await driver.signal(reappraised, 'OBJECTION');
    await driver.act(reappraised, 'UPHOLD_REAPPRAISE', { patch: { decision: 'upheld' }, comment: '重新评议' });
    expect((await driver.openTask(reappraised)).state).toBe('villagerAppraisal');

    const { id, patch } = await household();
    const refused = await toNotice(patch);
    await driver.signal(refused, 'OBJECTION');
    await driver.act(refused, 'UPHOLD_REJECT', { patch: { decision: 'upheld' }, comment: '异议属实' });
    expect(await state(refused)).toBe('rejected');
    expect(await householdStatus(driver, id)).toBe('已脱贫');
  });

  it('lets the town return to verification or refuse, and the county return to the town or refuse', async () => {
    const { id, patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.elapse('P8D');
    await driver.act(instanceId, 'RETURN', { comment: '请补充诊断证明后重新核实' });
    expect((await driver.openTask(instanceId)).state).toBe('verification');
    await driver.act(instanceId, 'VERIFY');
    await driver.act(instanceId, 'PASS');
    await driver.act(instanceId, 'POSTED');
    await driver.elapse('P8D');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'RETURN', { comment: '退回乡镇复核' });
    expect((await driver.openTask(instanceId)).state).toBe('townReview');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'REJECT', { comment: '不予认定' });
    expect(await state(instanceId)).toBe('rejected');
    expect(await householdStatus(driver, id)).toBe('已脱贫');

    const other = await toNotice((await household()).patch);
    await driver.elapse('P8D');
    await driver.act(other, 'REJECT', { comment: '乡镇复核收入未下降' });
    expect(await state(other)).toBe('rejected');
  });
});
