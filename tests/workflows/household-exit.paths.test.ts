import { findNotice } from '../../server/src/domain/notices/notices.query';
import { chinaDateString } from '../../server/src/kernel';
import { exampleFor } from '../support/form-examples';
import { householdStatus, idNumber, incomeOf, registerHousehold } from './support/households';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * 脱贫退出 on the real database: every branch of workflows/household-exit.json, with the exit
 * line read from the county configuration (7365 yuan per person).
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver(); });
afterAll(async () => { await driver.close(); });

let seq = 100;
/** A newly registered household and the candidate form data for it. */
async function household(options: { perCapita?: number; labour?: '有劳动能力' | '无劳动能力'; register?: boolean } = {}) {
  const id = idNumber(seq++);
  if (options.register !== false) await registerHousehold(driver, id);
  const patch: Record<string, unknown> = {
    household: { head: { idNumber: id } },
    householdSize: 6,
    income: incomeOf(options.perCapita ?? 7490, 6),
    labourCapacity: options.labour ?? '有劳动能力',
  };
  if (options.labour === '无劳动能力') patch.minimumLivingCoverage = { certNo: '华民低保〔2016〕0412', approvedOn: '2016-07-01', monthlyAmount: 1230 };
  return { id, patch };
}

/** Nominates, appraises, confirms and posts: the instance then waits out the notice. */
async function toNotice(patch: Record<string, unknown>) {
  const instanceId = await driver.start('household-exit');
  await driver.act(instanceId, 'SUBMIT', { patch });
  await driver.act(instanceId, 'PASS');
  await driver.act(instanceId, 'CONFIRM');
  await driver.act(instanceId, 'POSTED');
  return instanceId;
}

async function changes(headId: string) {
  return driver.query(
    `SELECT c.from_status, c.to_status, c.route FROM household_status_changes c JOIN households h ON h.id = c.household_id
     WHERE h.head_id_number = $1 ORDER BY c.changed_at, c.id`, [headId]);
}

async function notifications(instanceId: string) {
  return (await driver.query('SELECT template FROM notifications WHERE instance_id = $1', [instanceId])).map((r) => r.template);
}

describe('household exit with labour capacity: income against the exit line', () => {
  it('exits a household above the line after an uncontested 7-day notice, town review and county approval', async () => {
    const { id, patch } = await household({ perCapita: 7490 });
    const instanceId = await toNotice(patch);
    expect(await householdStatus(driver, id)).toBe('预脱贫');
    await driver.elapse('P6D');
    expect((await driver.instance(instanceId)).state).toEqual({ publicNotice: 'running' });
    await driver.elapse('P1D');
    expect((await driver.openTask(instanceId)).state).toBe('townReview');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');

    const row = await driver.instance(instanceId);
    expect(row).toEqual(expect.objectContaining({ state: 'exited', status: 'completed' }));
    expect(row.data.exit).toEqual({ route: '收入达标', threshold: 7365 });
    expect(await householdStatus(driver, id)).toBe('已脱贫');
    expect(await changes(id)).toEqual([
      { from_status: '未脱贫', to_status: '预脱贫', route: '收入达标' },
      { from_status: '预脱贫', to_status: '已脱贫', route: '收入达标' },
    ]);
    const [decision] = await driver.query(
      `SELECT decision_number FROM household_status_changes c JOIN households h ON h.id = c.household_id WHERE h.head_id_number = $1 AND to_status = '已脱贫'`, [id]);
    expect(decision.decision_number).toBe('华扶〔2017〕96号');
    // Each status change is a version of the registry row, naming the case.
    const versions = await driver.query(
      `SELECT v.version, v.change_type, v.status, v.instance_id FROM household_versions v JOIN households h ON h.id = v.household_id WHERE h.head_id_number = $1 ORDER BY v.version`, [id]);
    expect(versions).toEqual([
      { version: 1, change_type: '建档立卡', status: '未脱贫', instance_id: null },
      { version: 2, change_type: '状态变更', status: '预脱贫', instance_id: instanceId },
      { version: 3, change_type: '状态变更', status: '已脱贫', instance_id: instanceId },
    ]);
    const help = await driver.query('SELECT entry_kind, measure_type, value, locked_at, confirmed_by_household FROM help_records WHERE head_id_number = $1 ORDER BY date', [id]);
    expect(help).toEqual([
      { entry_kind: 'measure', measure_type: '就业/培训', value: '800.00', locked_at: expect.any(Date), confirmed_by_household: true },
      { entry_kind: 'measure', measure_type: '危房改造', value: '40000.00', locked_at: expect.any(Date), confirmed_by_household: true },
      // The household's confirmation visit, declared by its step (meta.task.helpCard), confirmed by the household.
      { entry_kind: '走访', measure_type: '脱贫退出', value: null, locked_at: null, confirmed_by_household: true },
    ]);
    const notices = await driver.query('SELECT kind, status FROM notices WHERE instance_id = $1', [instanceId]);
    expect(notices).toEqual([{ kind: 'exit', status: 'closed' }]);
    expect(await notifications(instanceId)).toEqual(['exit-approved']);
  });

  it('passes a household exactly at the line (7365 ≥ 7365)', async () => {
    const { id, patch } = await household({ perCapita: 7365 });
    const instanceId = await driver.start('household-exit');
    await driver.act(instanceId, 'SUBMIT', { patch });
    expect((await driver.openTask(instanceId)).state).toBe('villagerAppraisal');
    expect(await householdStatus(driver, id)).toBe('预脱贫');
  });

  it('ends a nomination below the line as not eligible and leaves the household 未脱贫', async () => {
    const { id, patch } = await household({ perCapita: 7364 });
    const instanceId = await driver.start('household-exit');
    await driver.act(instanceId, 'SUBMIT', { patch });
    const row = await driver.instance(instanceId);
    expect(row).toEqual(expect.objectContaining({ state: 'notEligible', status: 'completed' }));
    expect(row.data.exit).toEqual({ threshold: 7365 });
    expect(await householdStatus(driver, id)).toBe('未脱贫');
    expect(await changes(id)).toEqual([]);
    expect(await notifications(instanceId)).toEqual(['exit-not-eligible']);
  });
});

describe('household exit without labour capacity: 低保 coverage (政策性保障兜底)', () => {
  it('exits a household far below the income line through minimum-living coverage', async () => {
    const { id, patch } = await household({ perCapita: 3200, labour: '无劳动能力' });
    const instanceId = await toNotice(patch);
    await driver.elapse('P7D');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    const row = await driver.instance(instanceId);
    expect(row.state).toBe('exited');
    expect(row.data.exit.route).toBe('政策性保障兜底');
    expect(await householdStatus(driver, id)).toBe('已脱贫');
    expect((await changes(id)).map((c) => c.route)).toEqual(['政策性保障兜底', '政策性保障兜底']);
  });

  it('refuses a household without labour capacity whose 低保 coverage is missing (the form requires it)', async () => {
    const { patch } = await household({ perCapita: 3200 });
    const instanceId = await driver.start('household-exit');
    await expect(driver.act(instanceId, 'SUBMIT', { patch: { ...patch, labourCapacity: '无劳动能力' } }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/minimumLivingCoverage': expect.any(Array) } });
    expect((await driver.openTask(instanceId)).state).toBe('candidate');
  });
});

describe('household exit: objections during the notice', () => {
  it('continues to town review when the objection is dismissed, and the notice timer is cancelled', async () => {
    const { id, patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.signal(instanceId, 'OBJECTION');
    expect((await driver.openTask(instanceId)).state).toBe('objectionReview');
    await driver.act(instanceId, 'DISMISS');
    expect((await driver.openTask(instanceId)).state).toBe('townReview');
    expect(await driver.query('SELECT status FROM timers WHERE instance_id = $1', [instanceId])).toEqual([{ status: 'cancelled' }]);
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    expect(await householdStatus(driver, id)).toBe('已脱贫');
  });

  it('refuses DISMISS when the review form says the objection was upheld', async () => {
    const { patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.signal(instanceId, 'OBJECTION');
    await expect(driver.act(instanceId, 'DISMISS', { patch: { decision: 'upheld', upheldAction: 'reject' } }))
      .rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('goes back to villager appraisal when the objection is upheld for a new appraisal', async () => {
    const { id, patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.signal(instanceId, 'OBJECTION');
    await driver.act(instanceId, 'UPHOLD_REAPPRAISE', { comment: '户主之父新发大病，需重新评议' });
    expect((await driver.openTask(instanceId)).state).toBe('villagerAppraisal');
    expect(await householdStatus(driver, id)).toBe('预脱贫');
  });

  it('rejects the exit and restores 未脱贫 when the objection is upheld', async () => {
    const { id, patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.signal(instanceId, 'OBJECTION');
    await driver.act(instanceId, 'UPHOLD_REJECT', { comment: '经核实，务工收入不稳定' });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect(await householdStatus(driver, id)).toBe('未脱贫');
    expect(await notifications(instanceId)).toEqual(['exit-rejected']);
  });
});

describe('household exit: returns and rejections', () => {
  it('restores 未脱贫 when the villagers do not pass the exit', async () => {
    const { id, patch } = await household();
    const instanceId = await driver.start('household-exit');
    await driver.act(instanceId, 'SUBMIT', { patch });
    await driver.act(instanceId, 'FAIL', { comment: '评议未过半数' });
    expect((await driver.instance(instanceId)).state).toBe('rejected');
    expect(await householdStatus(driver, id)).toBe('未脱贫');
  });

  it('records the household declining to sign and keeps it 未脱贫', async () => {
    const { id, patch } = await household();
    const instanceId = await driver.start('household-exit');
    await driver.act(instanceId, 'SUBMIT', { patch });
    await driver.act(instanceId, 'PASS');
    await driver.act(instanceId, 'CONFIRM', { patch: { agreed: false, disagreementReason: '子女上学开支大，收入不稳定' } });
    const row = await driver.instance(instanceId);
    expect(row.state).toBe('declined');
    expect(row.data.householdConfirmation.disagreementReason).toBe('子女上学开支大，收入不稳定');
    expect(await householdStatus(driver, id)).toBe('未脱贫');
    expect(await notifications(instanceId)).toEqual(['exit-declined']);
  });

  it('lets the town return the nomination to the village, which can nominate again', async () => {
    const { id, patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.elapse('P7D');
    await driver.act(instanceId, 'RETURN', { comment: '请补充帮扶记录' });
    expect((await driver.openTask(instanceId)).state).toBe('candidate');
    await driver.act(instanceId, 'SUBMIT', { patch });
    expect((await driver.openTask(instanceId)).state).toBe('villagerAppraisal');
    expect((await changes(id)).length).toBe(1);
  });

  it('lets the county return the exit to the town', async () => {
    const { patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.elapse('P7D');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'RETURN', { comment: '请核实收入来源' });
    expect((await driver.openTask(instanceId)).state).toBe('townReview');
  });

  it.each([
    ['the town', ['REJECT']],
    ['the county', ['APPROVE', 'REJECT']],
  ])('restores 未脱贫 when %s rejects', async (_who, outcomes) => {
    const { id, patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.elapse('P7D');
    for (const outcome of outcomes) await driver.act(instanceId, outcome, { comment: '收入不稳定，暂缓退出' });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect(await householdStatus(driver, id)).toBe('未脱贫');
    expect(await driver.query(`SELECT count(*)::int AS n FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [instanceId])).toEqual([{ n: 0 }]);
  });

  it('requires a comment to return', async () => {
    const { patch } = await household();
    const instanceId = await toNotice(patch);
    await driver.elapse('P7D');
    await expect(driver.act(instanceId, 'RETURN', { comment: ' ' })).rejects.toMatchObject({ code: 'invalid', fields: { '/comment': expect.any(Array) } });
  });
});

describe('household exit: what the registry allows', () => {
  it('refuses to nominate a household that is not in the registry, naming the field, and writes nothing', async () => {
    const { patch } = await household({ register: false });
    const instanceId = await driver.start('household-exit');
    await expect(driver.act(instanceId, 'SUBMIT', { patch }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/household/head/idNumber': [expect.stringContaining('台账')] } });
    expect((await driver.openTask(instanceId)).state).toBe('candidate');
  });

  it('refuses a second nomination of a household whose exit is already under way', async () => {
    const { patch } = await household();
    const first = await driver.start('household-exit');
    await driver.act(first, 'SUBMIT', { patch });
    const second = await driver.start('household-exit');
    await expect(driver.act(second, 'SUBMIT', { patch })).rejects.toMatchObject({ code: 'household_exit_pending' });
  });

  it('refuses a nomination whose 两不愁三保障 checklist is not all met (the form)', async () => {
    const { patch } = await household();
    const instanceId = await driver.start('household-exit');
    await expect(driver.act(instanceId, 'SUBMIT', { patch: { ...patch, assurances: { safeHousing: false } } }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/assurances/safeHousing': expect.any(Array) } });
  });

  it('exits a household the identification process registered (建档立卡 → 脱贫)', async () => {
    const identification = await driver.start('household-identification');
    // The example household itself, whose head the exit candidate names.
    await driver.act(identification, 'SUBMIT', { data: exampleFor('household-identification.application') });
    for (const outcome of ['VERIFY', 'PASS', 'POSTED']) await driver.act(identification, outcome);
    await driver.elapse('P7D');
    for (const outcome of ['FORWARD', 'APPROVE', 'APPROVE']) await driver.act(identification, outcome);
    expect(await householdStatus(driver, '441424196803153012')).toBe('未脱贫');

    const instanceId = await toNotice({ household: { head: { idNumber: '441424196803153012' } } });
    await driver.elapse('P7D');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    expect(await householdStatus(driver, '441424196803153012')).toBe('已脱贫');
  });
});

describe('the exit notice\'s posting (§二(三)2 as for identification: 在村委会和各村民小组公示7天, with a number)', () => {
  const toPosting = async () => {
    const { patch } = await household({ perCapita: 7490 });
    const instanceId = await driver.start('household-exit');
    await driver.act(instanceId, 'SUBMIT', { patch });
    await driver.act(instanceId, 'PASS');
    await driver.act(instanceId, 'CONFIRM');
    expect((await driver.instance(instanceId)).state).toEqual({ publicNotice: 'posting' });
    return instanceId;
  };
  const dayAfter = (date: string, days: number) => chinaDateString(new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000));

  it('refuses places that leave out a 村民小组 of the village, naming it, and changes nothing', async () => {
    const instanceId = await toPosting();
    const places = ['董源村村委会公告栏', '第一村民小组', '第二村民小组', '第三村民小组', '第四村民小组'];
    await expect(driver.act(instanceId, 'POSTED', { patch: { places } })).rejects.toMatchObject({
      fields: { '/places': [expect.stringMatching(/还缺：第五村民小组/)] },
    });
    expect((await driver.instance(instanceId)).state).toEqual({ publicNotice: 'posting' });
    expect(await driver.query(`SELECT id FROM timers WHERE instance_id = $1`, [instanceId])).toEqual([]);
  });

  it('refuses places without the 村委会, and a posting without a notice number', async () => {
    const instanceId = await toPosting();
    const places = ['第一村民小组', '第二村民小组', '第三村民小组', '第四村民小组', '第五村民小组'];
    await expect(driver.act(instanceId, 'POSTED', { patch: { places } })).rejects.toMatchObject({ fields: { '/places': [expect.stringMatching(/还缺：村委会/)] } });
    await expect(driver.act(instanceId, 'POSTED', { patch: { noticeNo: undefined } })).rejects.toMatchObject({ fields: { '/noticeNo': expect.any(Array) } });
    expect((await driver.instance(instanceId)).state).toEqual({ publicNotice: 'posting' });
  });

  it('counts the 7 days from the posting date the clerk records, and the notice shows the same end and its number', async () => {
    const instanceId = await toPosting();
    const postedFrom = dayAfter(chinaDateString(driver.services.clock.now()), 2);
    await driver.act(instanceId, 'POSTED', { patch: { postedFrom, postedUntil: dayAfter(postedFrom, 6) } });
    const [{ fire_at, ends_at, id }] = await driver.query(
      `SELECT t.fire_at, n.ends_at, n.id FROM timers t JOIN notices n ON n.instance_id = t.instance_id AND n.kind = 'exit'
       WHERE t.instance_id = $1 AND t.status = 'scheduled'`, [instanceId]);
    expect(fire_at).toEqual(new Date(`${dayAfter(postedFrom, 7)}T00:00:00+08:00`));
    expect(ends_at).toEqual(fire_at);
    expect(await findNotice(driver.services.db.pool, '441424', id)).toMatchObject({ noticeNo: '董源村公示〔2017〕第3号', postedFrom });
    // Seven days after the recording the notice is still up: it counts from the posting date.
    expect(await driver.elapse('P8D')).toBe(0);
    expect((await driver.instance(instanceId)).state).toEqual({ publicNotice: 'running' });
    expect(await driver.elapse('P1D')).toBe(1);
    expect((await driver.openTask(instanceId)).state).toBe('townReview');
  });
});
