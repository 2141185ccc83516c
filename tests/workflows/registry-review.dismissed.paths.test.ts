import { findHelperInbox } from '../../server/src/domain/tasks/helper-inbox.query';
import { exampleDataFor } from '../support/form-examples';
import { idNumber, registerHousehold } from './support/households';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * After 清退 (workflows/registry-review.json's county approval): the household's 帮扶责任人 pairing
 * ends with the removal's reason, its cases leave the helper's inbox, and the head's ID number is
 * free for a later application, which registers the same registry record again.
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver({ start: new Date('2018-09-03T01:00:00Z') }); });
afterAll(async () => { await driver.close(); });

const EVIDENCE = ['00000000-0000-4000-8000-000000000031'];
const statusOf = async (householdId: string) => (await driver.query('SELECT status FROM households WHERE id = $1', [householdId]))[0].status;
const claims = async (householdId: string) => driver.query('SELECT id_number FROM id_number_claims WHERE household_id = $1', [householdId]);

function chinaDate(days = 0): string {
  return new Date(driver.services.clock.now().getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Starts 董源村's review of `year`, proposes `householdId` for removal and posts the notice from tomorrow. */
async function toNotice(year: number, householdId: string): Promise<string> {
  const clerk = await driver.actor('cun-dongyuan');
  const answer = await driver.runtime.startRegistryReview({ actor: await driver.actor('zhen-huacheng'), year, villageIds: [clerk.orgUnitId] });
  const instanceId = answer.started[0].instanceId;
  const { data } = await driver.instance(instanceId);
  const households = (data.start.households as Array<{ householdId: string }>).map((line) => (line.householdId === householdId
    ? { ...line, decision: '拟清退', reason: '经核查比对，户主在县城购有商品房一套，属七不进情形。', evidence: EVIDENCE } : { ...line, decision: '确认无误' }));
  await driver.act(instanceId, 'SUBMIT', { data: { households, reviewer: '李志强', reviewDate: '2018-09-10' } });
  await driver.act(instanceId, 'POSTED', { patch: { postedFrom: chinaDate(1), postedUntil: chinaDate(7), noticeNo: `董源村回头看〔${year}〕第1号` } });
  return instanceId;
}

describe('registry review: after 清退', () => {
  it('ends a removed household\'s helper pairing (kept as history) so its cases leave the helper\'s inbox, and a later application registers the head again', async () => {
    // A man's number (odd sequence), born as the application's example head, so the example's member checks hold.
    const id = idNumber(771);
    const householdId = await registerHousehold(driver, id, { name: '曾伟强' });
    const clerk = await driver.actor('cun-dongyuan');
    await driver.query(`INSERT INTO id_number_claims (tenant_id, id_number, instance_id, household_id, org_unit_id, org_path, claimed_at) VALUES ('441424', $1, NULL, $2, $3, $4, now())`,
      [id, householdId, clerk.orgUnitId, clerk.orgPath]);
    const li = await driver.actor('bangfu-li');
    await driver.query(`INSERT INTO household_helpers (id, tenant_id, household_id, helper_user_id, help_kind, assigned_at, assigned_by, reason) VALUES ($1, '441424', $2, $3, '重点帮扶', $4, 'zhen-huacheng', '结对')`,
      [driver.services.ids.uuid(), householdId, li.userId, driver.services.clock.now()]);
    // A renovation case about the household: its open task is in the helper's inbox.
    const renovation = await driver.start('housing-renovation');
    await driver.act(renovation, 'SUBMIT', { patch: { household: { head: { name: '曾伟强', idNumber: id }, category: '一般贫困户' } } });
    const inbox = async () => (await findHelperInbox(driver.services.db.pool, { tenantId: '441424', now: driver.services.clock.now() }, li.userId!, { page: 1, pageSize: 50 }))
      .items.map((t) => t.instanceId);
    expect(await inbox()).toContain(renovation);

    const review = await toNotice(2019, householdId);
    await driver.elapse('P9D');
    await driver.act(review, 'APPROVE');
    await driver.act(review, 'APPROVE');
    expect(await statusOf(householdId)).toBe('清退');
    const pairings = () => driver.query('SELECT helper_user_id, ended_at IS NOT NULL AS ended, ended_by, end_reason FROM household_helpers WHERE household_id = $1 ORDER BY assigned_at', [householdId]);
    expect(await pairings()).toEqual([{ helper_user_id: li.userId, ended: true, ended_by: 'xian', end_reason: expect.stringMatching(/^回头看清退：经核查比对/) }]);
    expect(await inbox()).not.toContain(renovation);

    // Years later the head applies again: the registry's one record per head's number comes back, registered by the new case.
    const application = exampleDataFor('household-identification.application') as any;
    const exampleHead = application.household.head.idNumber;
    application.household.head = { ...application.household.head, name: '曾伟强', idNumber: id };
    application.household.members = application.household.members.map((m: any) => (m.idNumber === exampleHead ? { ...m, name: '曾伟强', idNumber: id } : m));
    const again = await driver.start('household-identification');
    await driver.act(again, 'SUBMIT', { data: application });
    for (const outcome of ['VERIFY', 'PASS', 'POSTED']) await driver.act(again, outcome);
    await driver.elapse('P8D');
    for (const outcome of ['FORWARD', 'APPROVE', 'APPROVE']) await driver.act(again, outcome);
    expect((await driver.instance(again)).state).toBe('registered');
    const [row] = await driver.query('SELECT id, status, source_instance_id FROM households WHERE head_id_number = $1', [id]);
    expect(row).toEqual({ id: householdId, status: '未脱贫', source_instance_id: again });
    const versions = await driver.query('SELECT change_type, status, instance_id FROM household_versions WHERE household_id = $1 ORDER BY version', [householdId]);
    expect(versions.slice(-2)).toEqual([{ change_type: '清退', status: '清退', instance_id: review }, { change_type: '重新识别纳入', status: '未脱贫', instance_id: again }]);
    expect((await claims(householdId)).map((c: { id_number: string }) => c.id_number)).toContain(id);
    // The removal's pairing stays ended; the registration pairs the household anew.
    expect(await pairings()).toEqual([expect.objectContaining({ ended: true }), expect.objectContaining({ ended: false })]);
  });
});
