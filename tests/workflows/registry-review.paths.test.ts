import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../server/src/kernel';
import { findNotice } from '../../server/src/domain/notices/notices.query';
import { idNumber, registerHousehold } from './support/households';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * 回头看 on the real database: every branch of workflows/registry-review.json. A town or county
 * reviewer starts one case per village for a year (a second start is a conflict); the village's
 * roster comes from the registry; 需更正 starts a household change in the same step; 拟清退 is
 * posted at the 村委会 and every 村民小组 for 7 days from the posting date, reviewed by the town and
 * approved by the county, which marks the household 清退 with its reason, a registry version and
 * its ID numbers freed.
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver({ start: new Date('2018-09-03T01:00:00Z') }); });
afterAll(async () => { await driver.close(); });

const EVIDENCE = ['00000000-0000-4000-8000-000000000031'];
let seq = 700;

/** A registered household of 董源村 with its head's number claimed by it. */
async function household(name: string, status = '未脱贫') {
  const id = idNumber(seq++);
  const householdId = await registerHousehold(driver, id, { name, status });
  const clerk = await driver.actor('cun-dongyuan');
  await driver.query(
    `INSERT INTO id_number_claims (tenant_id, id_number, instance_id, household_id, org_unit_id, org_path, claimed_at) VALUES ('441424', $1, NULL, $2, $3, $4, now())`,
    [id, householdId, clerk.orgUnitId, clerk.orgPath]);
  return { id, householdId, name };
}

/** Starts the year's review of 董源村 as 华城镇's reviewer; answers the village's case. */
async function startReview(year: number): Promise<string> {
  const clerk = await driver.actor('cun-dongyuan');
  const answer = await driver.runtime.startRegistryReview({ actor: await driver.actor('zhen-huacheng'), year, villageIds: [clerk.orgUnitId] });
  expect(answer.started).toHaveLength(1);
  return answer.started[0].instanceId;
}

type Line = Record<string, unknown> & { householdId: string; headName: string };

/** The roster as the registry gave it, each line decided by `decide` (default 确认无误). */
async function roster(instanceId: string, decide: Record<string, Partial<Line>> = {}) {
  const { data } = await driver.instance(instanceId);
  const households = (data.start.households as Line[]).map((line) => ({ ...line, decision: '确认无误', ...decide[line.householdId] }));
  return { households, reviewer: '李志强', reviewDate: '2018-09-10' };
}

const state = async (instanceId: string) => (await driver.instance(instanceId)).state;
const statusOf = async (householdId: string) => (await driver.query('SELECT status FROM households WHERE id = $1', [householdId]))[0].status;
const claims = async (householdId: string) => driver.query('SELECT id_number FROM id_number_claims WHERE household_id = $1', [householdId]);
const changeCases = (reviewInstanceId: string) => driver.query(
  `SELECT id, state, org_unit_id, data->'start' AS start FROM instances WHERE definition_key = 'household-change' AND data->'start'->>'reviewInstanceId' = $1 ORDER BY created_at`,
  [reviewInstanceId]);
const propose = (reason: string) => ({ decision: '拟清退', reason, evidence: EVIDENCE });

/** The China date `days` after the clock's today. */
function chinaDate(days = 0): string {
  return new Date(driver.services.clock.now().getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Submits a roster proposing `dismiss` for removal and posts the notice from tomorrow; answers the case and the posting date. */
async function toNotice(year: number, dismiss: string) {
  const instanceId = await startReview(year);
  await driver.act(instanceId, 'SUBMIT', { data: await roster(instanceId, { [dismiss]: propose('经核查比对，户主在县城购有商品房一套，属七不进情形。') }) });
  await driver.act(instanceId, 'POSTED', { patch: { postedFrom: chinaDate(1), postedUntil: chinaDate(7), noticeNo: `董源村回头看〔${year}〕第1号` } });
  return instanceId;
}

describe('registry review: starting a year\'s review', () => {
  it('starts one case per village of the town with its registered households on the roster (ID numbers masked); a second start of the same village and year is a conflict', async () => {
    const a = await household('曾庆华');
    const removed = await household('曾伟清', '清退');
    const xian = await driver.actor('xian');
    const zhen = await driver.actor('zhen-huacheng');
    const answer = await driver.runtime.startRegistryReview({ actor: zhen, year: 2016 });
    const dongyuan = answer.started.find((s) => s.villageName === '董源村')!;
    expect(dongyuan).toBeDefined();
    // Only villages of 华城镇, none of another town.
    const units = await driver.query('SELECT org_unit_id, org_path FROM instances WHERE id = ANY($1::uuid[])', [answer.started.map((s) => s.instanceId)]);
    expect(units.every((u) => u.org_path.startsWith(zhen.orgPath))).toBe(true);
    const { data } = await driver.instance(dongyuan.instanceId);
    const ids = data.start.households.map((h: Line) => h.householdId);
    expect(ids).toContain(a.householdId);
    expect(ids).not.toContain(removed.householdId);
    expect(data.start.households.find((h: Line) => h.householdId === a.householdId)).toEqual(expect.objectContaining({
      headName: '曾庆华', idNumber: `${a.id.slice(0, 6)}********${a.id.slice(-4)}`, status: '未脱贫',
    }));
    const task = await driver.openTask(dongyuan.instanceId);
    expect(task).toEqual(expect.objectContaining({ state: 'roster', form_key: 'registry-review.roster', org_unit_id: (await driver.actor('cun-dongyuan')).orgUnitId }));

    const again = await driver.runtime.startRegistryReview({ actor: zhen, year: 2016, villageIds: [(await driver.actor('cun-dongyuan')).orgUnitId] }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toMatch(/董源村2016年度回头看已发起，不能重复发起/);
    // The county's start of the same year skips the village 华城镇 started and starts another town's village with households.
    const zhuanshui = await driver.actor('cun-zhuanshui');
    await driver.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       VALUES ($1, '441424', $2, $3, '李秀英', $4, '一般贫困户', '未脱贫', '{}', now(), now())`,
      [driver.services.ids.uuid(), zhuanshui.orgUnitId, zhuanshui.orgPath, idNumber(seq++)]);
    const county = await driver.runtime.startRegistryReview({ actor: xian, year: 2016 });
    expect(county.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ villageName: '董源村', reason: 'started', instanceId: dongyuan.instanceId })]));
    expect(county.started.map((s) => s.villageId)).toEqual([zhuanshui.orgUnitId]);
    const nothingLeft = await driver.runtime.startRegistryReview({ actor: xian, year: 2016 }).catch((e: unknown) => e);
    expect(nothingLeft).toBeInstanceOf(ConflictError);
    expect((nothingLeft as Error).message).toBe('本辖区有建档立卡户的村2016年度回头看均已发起，不能重复发起');
  });

  it('answers another town\'s village as missing and refuses a village clerk, starting nothing', async () => {
    const before = (await driver.query(`SELECT count(*)::int AS n FROM instances WHERE definition_key = 'registry-review'`))[0].n;
    const other = await driver.actor('cun-zhuanshui');
    const missing = await driver.runtime.startRegistryReview({ actor: await driver.actor('zhen-huacheng'), year: 2017, villageIds: [other.orgUnitId] }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    const clerk = await driver.runtime.startRegistryReview({ actor: await driver.actor('cun-dongyuan'), year: 2017 }).catch((e: unknown) => e);
    expect(clerk).toBeInstanceOf(ForbiddenError);
    expect((await driver.query(`SELECT count(*)::int AS n FROM instances WHERE definition_key = 'registry-review'`))[0].n).toBe(before);
  });
});

describe('registry review: the roster', () => {
  it('ends the review when every household is confirmed, changing nothing in the registry', async () => {
    const a = await household('曾庆明');
    const instanceId = await startReview(2019);
    await driver.act(instanceId, 'SUBMIT', { data: await roster(instanceId) });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'reviewed', status: 'completed' }));
    expect(await changeCases(instanceId)).toEqual([]);
    expect(await statusOf(a.householdId)).toBe('未脱贫');
    expect(await driver.query('SELECT 1 FROM notices WHERE instance_id = $1', [instanceId])).toEqual([]);
  });

  it('starts a household change (origin 回头看) for a household to correct, in the same step, once even when the roster is submitted again', async () => {
    const a = await household('曾庆东');
    const instanceId = await startReview(2020);
    const data = await roster(instanceId, { [a.householdId]: { decision: '需更正', reason: '户主之母2020年3月去世，须减员。' } });
    await driver.act(instanceId, 'SUBMIT', { data });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'reviewed', status: 'completed' }));
    const [change] = await changeCases(instanceId);
    expect(change).toEqual(expect.objectContaining({
      state: 'apply', org_unit_id: (await driver.actor('cun-dongyuan')).orgUnitId,
      start: { householdId: a.householdId, headName: '曾庆东', origin: '回头看', reviewInstanceId: instanceId },
    }));
    expect((await driver.openTask(change.id)).state).toBe('apply');
    await driver.act(change.id, 'WITHDRAW');

    // A roster sent back and submitted again does not start a second change of the same household.
    const b = await household('曾庆西');
    const again = await startReview(2018);
    const decide = { [a.householdId]: { decision: '需更正', reason: '户主之母2020年3月去世，须减员。' }, [b.householdId]: propose('户籍已迁出本县。') };
    await driver.act(again, 'SUBMIT', { data: await roster(again, decide) });
    await driver.act(again, 'POSTED', { patch: { postedFrom: chinaDate(1), postedUntil: chinaDate(7), noticeNo: '董源村回头看〔2018〕第1号' } });
    await driver.elapse('P9D');
    await driver.act(again, 'RETURN', { comment: '请重新复核' });
    expect((await driver.openTask(again)).state).toBe('roster');
    await driver.act(again, 'SUBMIT', { data: await roster(again, { [a.householdId]: decide[a.householdId] }) });
    expect(await driver.instance(again)).toEqual(expect.objectContaining({ state: 'reviewed', status: 'completed' }));
    expect(await changeCases(again)).toHaveLength(1);
  });

  it('starts no second change of a household whose change the village already opened, and still ends the review', async () => {
    // 河子口村, so the year is free: 董源村's are taken by the other tests.
    const clerk = await driver.actor('cun-hezikou');
    const householdId = driver.services.ids.uuid();
    await driver.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       VALUES ($1, '441424', $2, $3, '曾庆南', $4, '一般贫困户', '未脱贫', '{}', now(), now())`,
      [householdId, clerk.orgUnitId, clerk.orgPath, idNumber(seq++)]);
    const { instanceId: own } = await driver.runtime.startInstance({ definitionKey: 'household-change', data: { householdId, headName: '曾庆南' }, actor: clerk });
    const answer = await driver.runtime.startRegistryReview({ actor: await driver.actor('xian'), year: 2020, villageIds: [clerk.orgUnitId] });
    const instanceId = answer.started[0].instanceId;
    const { data } = await driver.instance(instanceId);
    const households = (data.start.households as Line[]).map((line) => ({ ...line, decision: '需更正', reason: '户主之母2020年去世，须减员。' }));
    await driver.act(instanceId, 'SUBMIT', { data: { households, reviewer: '李志强', reviewDate: '2020-09-10' }, as: 'cun-hezikou' });
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'reviewed', status: 'completed' }));
    expect(await changeCases(instanceId)).toHaveLength(0);
    const running = await driver.query(
      `SELECT id FROM instances WHERE definition_key = 'household-change' AND status = 'running' AND data->'start'->>'householdId' = $1`, [householdId]);
    expect(running.map((r) => r.id)).toEqual([own]);
  });

  it('refuses a roster that leaves out a household, adds one or renames a head, with the line to fix, and writes nothing', async () => {
    const a = await household('曾庆南');
    const instanceId = await startReview(2021);
    const full = await roster(instanceId);
    const short = { ...full, households: full.households.filter((h) => h.householdId !== a.householdId) };
    const left = await driver.act(instanceId, 'SUBMIT', { data: short }).catch((e: unknown) => e);
    expect(left).toBeInstanceOf(ValidationError);
    expect((left as ValidationError).fields['/households'][0]).toMatch(/名册缺少：.*曾庆南/);
    const renamed = { ...full, households: full.households.map((h) => (h.householdId === a.householdId ? { ...h, headName: '张三' } : h)) };
    const i = renamed.households.findIndex((h) => h.householdId === a.householdId);
    const err = await driver.act(instanceId, 'SUBMIT', { data: renamed }).catch((e: unknown) => e);
    expect((err as ValidationError).fields[`/households/${i}/headName`][0]).toMatch(/户主为曾庆南/);
    const added = { ...full, households: [...full.households, { ...full.households[0], householdId: driver.services.ids.uuid() }] };
    const extra = await driver.act(instanceId, 'SUBMIT', { data: added }).catch((e: unknown) => e);
    expect(Object.values((extra as ValidationError).fields).flat().join()).toMatch(/不在本次回头看的名册中/);
    expect((await driver.openTask(instanceId)).state).toBe('roster');
  });

  it('refuses a proposed removal without its reason or evidence', async () => {
    const a = await household('曾庆北');
    const instanceId = await startReview(2022);
    const err = await driver.act(instanceId, 'SUBMIT', { data: await roster(instanceId, { [a.householdId]: { decision: '拟清退' } }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const i = (await roster(instanceId)).households.findIndex((h) => h.householdId === a.householdId);
    expect(Object.keys((err as ValidationError).fields)).toEqual(expect.arrayContaining([`/households/${i}/reason`, `/households/${i}/evidence`]));
    expect((await driver.openTask(instanceId)).state).toBe('roster');
  });
});

describe('registry review: removal (清退)', () => {
  it('posts the removals for 7 days from the posting date, then the town and county approve: 清退 with its reason, a registry version and the numbers freed', async () => {
    const a = await household('曾伟明');
    const kept = await household('曾伟光');
    const postedFrom = chinaDate(1);
    const instanceId = await toNotice(2023, a.householdId);
    const [notice] = await driver.query('SELECT id, kind, status, title, content, ends_at FROM notices WHERE instance_id = $1', [instanceId]);
    // The public notice lists the village's households proposed for removal, with the reason; names masked as the county sets, ID numbers always.
    const shown = await findNotice(driver.services.db.pool, '441424', notice.id, { maskNames: true });
    expect(shown?.batch).toEqual([expect.objectContaining({ headName: '曾*明', headIdNumber: `${a.id.slice(0, 6)}********${a.id.slice(-4)}`, cause: expect.stringMatching(/^经核查比对/) })]);
    expect(shown?.noticeNo).toBe('董源村回头看〔2023〕第1号');
    expect(notice).toEqual(expect.objectContaining({ kind: 'dismissal', status: 'open', title: '拟清退建档立卡户公示', ends_at: new Date(`${new Date(Date.parse(postedFrom) + 7 * 86_400_000).toISOString().slice(0, 10)}T00:00:00+08:00`) }));
    expect(notice.content.households).toEqual([expect.objectContaining({ headName: '曾伟明', cause: '经核查比对，户主在县城购有商品房一套，属七不进情形。' })]);
    await driver.elapse('P7D');
    expect(await state(instanceId)).toEqual({ dismissalNotice: 'running' });
    await driver.elapse('P2D');
    expect((await driver.openTask(instanceId)).state).toBe('townReview');
    expect(await statusOf(a.householdId)).toBe('未脱贫');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'dismissed', status: 'completed' }));
    expect(await statusOf(a.householdId)).toBe('清退');
    expect(await statusOf(kept.householdId)).toBe('未脱贫');
    expect(await claims(a.householdId)).toEqual([]);
    expect(await claims(kept.householdId)).toHaveLength(1);
    const [change] = await driver.query('SELECT from_status, to_status, route, reason, decision_number, instance_id FROM household_status_changes WHERE household_id = $1', [a.householdId]);
    expect(change).toEqual({ from_status: '未脱贫', to_status: '清退', route: '回头看', reason: expect.stringMatching(/^回头看清退：经核查比对/), decision_number: '华扶〔2018〕126号', instance_id: instanceId });
    const versions = await driver.query('SELECT change_type, status, reason, instance_id FROM household_versions WHERE household_id = $1 ORDER BY version', [a.householdId]);
    expect(versions.at(-1)).toEqual({ change_type: '清退', status: '清退', reason: expect.stringMatching(/^回头看清退/), instance_id: instanceId });
    // The next year's review no longer lists it.
    const next = await startReview(2024);
    expect((await driver.instance(next)).data.start.households.map((h: Line) => h.householdId)).not.toContain(a.householdId);
  });

  it('refuses a posting that leaves out a 村民小组', async () => {
    const a = await household('曾伟亮');
    const instanceId = await startReview(2025);
    await driver.act(instanceId, 'SUBMIT', { data: await roster(instanceId, { [a.householdId]: propose('户籍已迁出本县。') }) });
    const err = await driver.act(instanceId, 'POSTED', { patch: { places: ['董源村村委会公示栏'] } }).catch((e: unknown) => e);
    expect((err as ValidationError).fields['/places'][0]).toMatch(/还缺：.*村民小组/);
    expect((await driver.openTask(instanceId)).state).toBe('dismissalNotice.posting');
  });

  it('keeps the household registered when the town or the county refuses, and goes back to the village when the town returns it', async () => {
    const a = await household('曾伟强');
    const byTown = await toNotice(2026, a.householdId);
    await driver.elapse('P9D');
    await driver.act(byTown, 'REJECT');
    expect(await driver.instance(byTown)).toEqual(expect.objectContaining({ state: 'kept', status: 'completed' }));
    expect(await statusOf(a.householdId)).toBe('未脱贫');
    expect(await claims(a.householdId)).toHaveLength(1);

    const byCounty = await toNotice(2027, a.householdId);
    await driver.elapse('P9D');
    await driver.act(byCounty, 'APPROVE');
    await driver.act(byCounty, 'REJECT');
    expect(await driver.instance(byCounty)).toEqual(expect.objectContaining({ state: 'kept', status: 'completed' }));
    expect(await statusOf(a.householdId)).toBe('未脱贫');

    const returned = await toNotice(2028, a.householdId);
    await driver.elapse('P9D');
    await driver.act(returned, 'APPROVE');
    await driver.act(returned, 'RETURN');
    expect((await driver.openTask(returned)).state).toBe('townReview');
    await driver.act(returned, 'RETURN');
    expect((await driver.openTask(returned)).state).toBe('roster');
    // The village now confirms the household: the review ends and the notice it posted is closed.
    await driver.act(returned, 'SUBMIT', { data: await roster(returned) });
    expect(await driver.instance(returned)).toEqual(expect.objectContaining({ state: 'reviewed', status: 'completed' }));
    expect(await statusOf(a.householdId)).toBe('未脱贫');
  });

  it('sends an objection during the notice to the town: dismissed goes on to the town, upheld keeps the household or sends the roster back', async () => {
    const a = await household('曾伟文');
    const dismissed = await toNotice(2029, a.householdId);
    await driver.signal(dismissed, 'OBJECTION');
    expect((await driver.openTask(dismissed)).state).toBe('objectionReview');
    expect((await driver.query('SELECT status FROM notices WHERE instance_id = $1', [dismissed]))[0].status).toBe('closed');
    await driver.act(dismissed, 'DISMISS');
    expect((await driver.openTask(dismissed)).state).toBe('townReview');
    await driver.act(dismissed, 'REJECT');

    const upheld = await toNotice(2030, a.householdId);
    await driver.signal(upheld, 'OBJECTION');
    await driver.act(upheld, 'UPHOLD_KEEP', { patch: { decision: 'upheld', upheldAction: 'reject', findings: '经查，该户商品房系其子名下，户主一家仍居住在村，拟清退理由不成立。' } });
    expect(await driver.instance(upheld)).toEqual(expect.objectContaining({ state: 'kept', status: 'completed' }));
    expect(await statusOf(a.householdId)).toBe('未脱贫');

    const again = await toNotice(2017, a.householdId);
    await driver.signal(again, 'OBJECTION');
    await driver.act(again, 'UPHOLD_REVIEW', { patch: { decision: 'upheld', upheldAction: 'reappraise', findings: '反映情况部分属实，须村里重新复核该户。' }, comment: '重新复核' });
    expect((await driver.openTask(again)).state).toBe('roster');
  });
});
