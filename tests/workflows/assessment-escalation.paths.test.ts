import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * 督查考核与问责 on the real database: every branch of workflows/assessment-escalation.json. The
 * cases target 华城镇, so the rectification report is the town's task.
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver({ start: new Date('2017-04-12T01:00:00Z') }); });
afterAll(async () => { await driver.close(); });

const HUACHENG = '441424130';

async function openCase(findingPatch?: Record<string, unknown>): Promise<string> {
  const instanceId = await driver.start('assessment-escalation', { as: 'ducha', orgUnitId: HUACHENG });
  await driver.act(instanceId, 'SUBMIT', { patch: findingPatch });
  return instanceId;
}

/** The China date `days` after the test clock's now (YYYY-MM-DD). */
function chinaDate(days: number): string {
  return new Date(driver.services.clock.now().getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A rectification order issued today with the deadline `days` from now written in it. */
const order = (days: number) => ({ issuedOn: chinaDate(0), deadline: chinaDate(days) });

/** Finding, circular and rectification order (deadline in 60 days): the town now has to report. */
async function toReport(): Promise<string> {
  const instanceId = await openCase();
  await driver.act(instanceId, 'ISSUE');
  await driver.act(instanceId, 'ORDER', { patch: order(60) });
  return instanceId;
}

const state = async (instanceId: string) => (await driver.openTask(instanceId)).state;
const assessmentCase = async (instanceId: string) => (await driver.query(
  'SELECT *, found_on::text AS found_on, interviewed_on::text AS interviewed_on FROM assessment_cases WHERE instance_id = $1', [instanceId]))[0];
const notRectified = { result: '未整改到位', opinion: '仍有1个项目未开工' };

describe('assessment escalation: rectification and verification', () => {
  it('closes the case when the verification finds the rectification done, and locks it', async () => {
    const instanceId = await toReport();
    const report = await driver.openTask(instanceId);
    expect(report).toEqual(expect.objectContaining({ state: 'rectificationReport', org_unit_id: HUACHENG, candidate_roles: ['town_reviewer', 'village_clerk'] }));
    await driver.act(instanceId, 'SUBMIT');
    expect(await driver.query('SELECT status FROM timers WHERE instance_id = $1', [instanceId])).toEqual([{ status: 'cancelled' }]);
    await driver.act(instanceId, 'CLOSE');
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'closed', status: 'completed' }));
    expect(await assessmentCase(instanceId)).toEqual(expect.objectContaining({
      status: '已销号', source: '季度考核', problem_type: '项目进度滞后', target_unit: '某镇人民政府', circular_number: '华扶组〔2017〕7号', rounds: 1,
      closed_at: expect.any(Date), locked_at: expect.any(Date),
    }));
  });

  it('orders a new rectification when the verification finds it not done', async () => {
    const instanceId = await toReport();
    await driver.act(instanceId, 'SUBMIT', { patch: { status: '部分完成', outstandingReason: '1个项目因征地未开工，7月底前开工' } });
    await driver.act(instanceId, 'REOPEN', { patch: notRectified, comment: '限期再整改' });
    expect(await state(instanceId)).toBe('rectification');
    await driver.act(instanceId, 'ORDER');
    await driver.act(instanceId, 'SUBMIT');
    await driver.act(instanceId, 'CLOSE');
    expect(await assessmentCase(instanceId)).toEqual(expect.objectContaining({ status: '已销号', rounds: 2 }));
  });

  it('refuses CLOSE when the verification says not rectified, and REOPEN when it says rectified', async () => {
    const instanceId = await toReport();
    await driver.act(instanceId, 'SUBMIT');
    await expect(driver.act(instanceId, 'CLOSE', { patch: notRectified })).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await expect(driver.act(instanceId, 'REOPEN', { comment: '再整改' })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('refers falsification for accountability: the report claimed done, the verification found it not done', async () => {
    const instanceId = await toReport();
    await driver.act(instanceId, 'SUBMIT');
    await driver.act(instanceId, 'FALSIFIED', { patch: notRectified, comment: '报告称已开工，现场未开工' });
    expect(await state(instanceId)).toBe('accountability');
    expect((await driver.instance(instanceId)).data.escalation.reason).toBe('整改报告弄虚作假');
    await driver.act(instanceId, 'CONCLUDE');
    expect(await assessmentCase(instanceId)).toEqual(expect.objectContaining({
      status: '已销号', escalation_reason: '整改报告弄虚作假', accountability: expect.objectContaining({ body: '县纪委监委', outcome: '诫勉谈话' }),
    }));
  });

  it('does not call it falsification when the report admitted the work was not done', async () => {
    const instanceId = await toReport();
    await driver.act(instanceId, 'SUBMIT', { patch: { status: '未完成', outstandingReason: '资金未到位' } });
    await expect(driver.act(instanceId, 'FALSIFIED', { patch: notRectified, comment: '弄虚作假' })).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('closes an unfounded finding without a circular, with a reason', async () => {
    const instanceId = await openCase();
    await driver.act(instanceId, 'DISMISS', { comment: '经核实，项目已按计划开工' });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'dismissed', status: 'completed' }));
    expect(await assessmentCase(instanceId)).toEqual(expect.objectContaining({ status: '不予通报', locked_at: expect.any(Date) }));
    expect(await driver.query('SELECT template FROM notifications WHERE instance_id = $1', [instanceId])).toEqual([{ template: 'assessment-dismissed' }]);
  });
});

describe('assessment escalation: the deadline written in the order', () => {
  it('runs the report task and its timer to the end of the deadline day, not a fixed 2 months', async () => {
    const instanceId = await openCase();
    await driver.act(instanceId, 'ISSUE');
    const deadline = chinaDate(10);
    await driver.act(instanceId, 'ORDER', { patch: { issuedOn: chinaDate(0), deadline } });
    const endOfDeadline = new Date(Date.parse(`${deadline}T00:00:00Z`) + 16 * 3600_000);
    expect(await driver.query(`SELECT fire_at FROM timers WHERE instance_id = $1 AND status = 'scheduled'`, [instanceId])).toEqual([{ fire_at: endOfDeadline }]);
    expect((await driver.openTask(instanceId)).due_at).toEqual(endOfDeadline);
    await driver.elapse('P10D');
    expect(await state(instanceId)).toBe('rectificationReport');
    await driver.elapse('PT23H');
    expect(await state(instanceId)).toBe('interview');
    expect((await driver.instance(instanceId)).data.escalation.reason).toBe('整改逾期');
  });
});

describe('assessment escalation: town inspection (县督查到村，镇督查到户)', () => {
  const DONGYUAN = '441424130201';
  it('lets a town reviewer open a case about a village of its own town and record the finding', async () => {
    const instanceId = await driver.start('assessment-escalation', { as: 'zhen-huacheng', orgUnitId: DONGYUAN });
    expect(await driver.openTask(instanceId)).toEqual(expect.objectContaining({ state: 'finding', org_unit_id: DONGYUAN }));
    await driver.act(instanceId, 'SUBMIT', { as: 'zhen-huacheng', patch: { foundBy: '华城镇督查组', targetUnit: '董源村村民委员会' } });
    expect(await state(instanceId)).toBe('circular');
  });

  it('refuses a town reviewer a case about another town\'s village with 403 and says why', async () => {
    const [other] = await driver.query(`SELECT id FROM org_units WHERE level = 'village' AND path LIKE '441424/441424103/%' LIMIT 1`);
    const before = await driver.query('SELECT count(*)::int AS n FROM instances');
    await expect(driver.start('assessment-escalation', { as: 'zhen-huacheng', orgUnitId: other.id }))
      .rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('乡镇只能对本镇的村和户立案督查') });
    expect(await driver.query('SELECT count(*)::int AS n FROM instances')).toEqual(before);
  });

  it('still answers a unit that does not exist as missing', async () => {
    await expect(driver.start('assessment-escalation', { as: 'zhen-huacheng', orgUnitId: '441424999999' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('assessment escalation: overdue rectification, interview, accountability', () => {
  it('interviews the leaders when the deadline passes, and refers for accountability when it passes again after the interview', async () => {
    const instanceId = await toReport();
    await driver.elapse('P1M');
    expect(await state(instanceId)).toBe('rectificationReport');
    await driver.elapse('P1M');
    expect(await state(instanceId)).toBe('interview');
    expect((await driver.instance(instanceId)).data.escalation.reason).toBe('整改逾期');

    await driver.act(instanceId, 'COMMIT');
    expect(await assessmentCase(instanceId)).toEqual(expect.objectContaining({ status: '已约谈', interviewed_on: '2017-07-05' }));
    await driver.act(instanceId, 'ORDER');
    await driver.elapse('P2M');
    expect(await state(instanceId)).toBe('accountability');
    expect((await driver.instance(instanceId)).data.escalation.reason).toBe('约谈后逾期仍未整改（不作为）');

    await driver.act(instanceId, 'CONCLUDE');
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'closed', status: 'completed' }));
    expect(await assessmentCase(instanceId)).toEqual(expect.objectContaining({ status: '已销号', rounds: 2, escalation_reason: '约谈后逾期仍未整改（不作为）' }));
    const fired = await driver.query(`SELECT count(*)::int AS n FROM history WHERE instance_id = $1 AND type = 'timer_fired'`, [instanceId]);
    expect(fired).toEqual([{ n: 2 }]);
  });

  it('lets a rectification reported after an interview be verified and closed', async () => {
    const instanceId = await toReport();
    await driver.elapse('P2M');
    await driver.act(instanceId, 'COMMIT');
    await driver.act(instanceId, 'ORDER');
    await driver.act(instanceId, 'SUBMIT');
    await driver.act(instanceId, 'CLOSE');
    expect((await driver.instance(instanceId)).state).toBe('closed');
  });

  it('refers for accountability straight from the interview on inaction or falsification', async () => {
    const instanceId = await toReport();
    await driver.elapse('P2M');
    await driver.act(instanceId, 'REFER', { comment: '被约谈人对逾期未整改无正当理由，属不作为' });
    expect(await state(instanceId)).toBe('accountability');
    expect(await assessmentCase(instanceId)).toEqual(expect.objectContaining({ status: '已约谈', escalation_reason: '约谈认定不作为或弄虚作假' }));
  });
});

describe('assessment escalation: a town that failed its annual task (targets by year)', () => {
  const annual = (year: number) => ({ source: '年度考核', annualTask: { year, registeredPoor: 1000, exitedPoor: 500 } });

  it('interviews the leaders of a town that took 50% of its poor out in 2017 (target 70%)', async () => {
    const instanceId = await openCase(annual(2017));
    expect(await state(instanceId)).toBe('interview');
    expect((await driver.instance(instanceId)).data.escalation).toEqual({ reason: '未完成年度减贫任务', annualTarget: 0.7 });
    expect(await assessmentCase(instanceId)).toEqual(expect.objectContaining({ status: '已立案', source: '年度考核', escalation_reason: '未完成年度减贫任务' }));
  });

  it('circulates the same 50% as an ordinary finding in 2016 (target 30%)', async () => {
    const instanceId = await openCase(annual(2016));
    expect(await state(instanceId)).toBe('circular');
  });

  it('circulates a town that met the 2017 target', async () => {
    const instanceId = await openCase({ source: '年度考核', annualTask: { year: 2017, registeredPoor: 1000, exitedPoor: 700 } });
    expect(await state(instanceId)).toBe('circular');
  });
});
