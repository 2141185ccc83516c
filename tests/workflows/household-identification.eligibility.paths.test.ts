import { exampleFor } from '../support/form-examples';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * The plan's entry rules at verification (§一(二), §二(三)1–2): a household passes only below the
 * income year's line and with no exclusion rule applying, before the villagers appraise it; an
 * outcome never disagrees with its form's decision field.
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver(); });
afterAll(async () => { await driver.close(); });

const NO_EXCLUSION = exampleFor('household-identification.verification').exclusionChecks as Array<{ rule: string; found: boolean; evidence: string }>;

async function submitted(): Promise<string> {
  const id = await driver.start('household-identification');
  await driver.act(id, 'SUBMIT');
  return id;
}

const historyOf = (id: string) => driver.query<{ type: string; payload: any }>('SELECT type, payload FROM history WHERE instance_id = $1 ORDER BY seq', [id]);
const openTasks = async (id: string) => (await driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [id]))[0].n;

describe('household identification: eligibility at verification', () => {
  it('passes a household below the income year\'s line to the villagers\' appraisal, recording the line applied', async () => {
    const id = await submitted();
    await driver.act(id, 'VERIFY');
    expect((await driver.openTask(id)).state).toBe('villagerAppraisal');
    expect((await driver.instance(id)).data.eligibility).toEqual({ outcome: 'eligible', incomeYear: 2016, line: 4000 });
  });

  it.each([
    ['above the line', 4200.5],
    ['exactly at the line (the plan says below)', 4000],
  ])('refuses a household %s: rejected before the appraisal, the line and income year named in the history', async (_name, income) => {
    const id = await submitted();
    await driver.act(id, 'VERIFY', { patch: { verifiedPerCapitaIncome: income } });
    const row = await driver.instance(id);
    expect(row).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect(row.data.eligibility).toEqual({ outcome: 'aboveLine', incomeYear: 2016, line: 4000, verifiedPerCapitaIncome: income });
    expect(await openTasks(id)).toBe(0);
    const verification = (await historyOf(id)).find((e) => e.payload.outcome === 'VERIFY');
    expect(verification?.payload.derived).toEqual({ eligibility: row.data.eligibility });
    expect(verification?.payload.to).toBe('rejected');
    // The written reason goes out, and the household's ID numbers are free again.
    expect(await driver.query('SELECT template FROM notifications WHERE instance_id = $1', [id])).toEqual([{ template: 'identification-rejected' }]);
    expect(await driver.query('SELECT count(*)::int AS n FROM id_number_claims WHERE instance_id = $1', [id])).toEqual([{ n: 0 }]);
  });

  it('excludes a household an exclusion rule applies to, before the appraisal, naming the rule and its evidence in the history', async () => {
    const id = await submitted();
    const checks = NO_EXCLUSION.map((c) => (c.rule === 'vehicle' ? { rule: 'vehicle', found: true, evidence: '县交警大队比对：户主之子名下小型轿车一辆（粤M·2K816）' } : c));
    await driver.act(id, 'VERIFY', { patch: { exclusionChecks: checks } });
    const row = await driver.instance(id);
    expect(row).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect(row.data.eligibility).toEqual({ outcome: 'excluded', excludedBy: [{ rule: 'vehicle', found: true, evidence: '县交警大队比对：户主之子名下小型轿车一辆（粤M·2K816）' }] });
    const verification = (await historyOf(id)).find((e) => e.payload.outcome === 'VERIFY');
    expect(verification?.payload.derived.eligibility.excludedBy[0].rule).toBe('vehicle');
    expect((await historyOf(id)).some((e) => e.payload.to === 'villagerAppraisal')).toBe(false);
  });

  it('refuses, with a 400 on the field and nothing changed, a verification that leaves out a configured exclusion rule', async () => {
    const id = await submitted();
    const before = await historyOf(id);
    await expect(driver.act(id, 'VERIFY', { patch: { exclusionChecks: NO_EXCLUSION.filter((c) => c.rule !== 'statePayroll') } }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/exclusionChecks': [expect.stringContaining('排除规则')] } });
    await expect(driver.act(id, 'VERIFY', { patch: { exclusionChecks: NO_EXCLUSION.map((c) => ({ ...c, evidence: '' })) } }))
      .rejects.toMatchObject({ code: 'invalid' });
    expect((await driver.openTask(id)).state).toBe('verification');
    expect(await historyOf(id)).toHaveLength(before.length);
  });

  it.each([
    ['核实通过 with a conclusion other than 情况属实', 'verification', 'VERIFY', { conclusion: '需补正', reason: '收入证明缺失' }, '/conclusion', '选择“核实通过”时，核实结论应为：情况属实'],
    ['评议通过 with the result 未通过', 'villagerAppraisal', 'PASS', { result: '未通过' }, '/result', '选择“评议通过”时，评议结果应为：通过'],
  ])('refuses %s with a 400 on the decision field', async (_name, state, outcome, patch, pointer, message) => {
    const id = await submitted();
    if (state === 'villagerAppraisal') await driver.act(id, 'VERIFY');
    expect((await driver.openTask(id)).state).toBe(state);
    await expect(driver.act(id, outcome, { patch })).rejects.toMatchObject({ code: 'invalid', fields: { [pointer]: [message] } });
    expect((await driver.openTask(id)).state).toBe(state);
  });

  it('refuses 异议不成立 when the review\'s decision says the objection is upheld', async () => {
    const id = await submitted();
    for (const outcome of ['VERIFY', 'PASS', 'POSTED']) await driver.act(id, outcome);
    await driver.signal(id, 'OBJECTION');
    expect((await driver.openTask(id)).state).toBe('objectionReview');
    await expect(driver.act(id, 'DISMISS', { patch: { decision: 'upheld', upheldAction: 'reject' } }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/decision': ['选择“异议不成立”时，处理意见应为：异议不成立'] } });
    await driver.act(id, 'DISMISS');
    expect((await driver.openTask(id)).state).toBe('preliminaryOpinion');
  });
});
