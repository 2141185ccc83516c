import { decideCorrectionRequest, fileCorrectionRequest } from '../../server/src/domain/records';
import type { Actor } from '../../server/src/kernel';
import { idNumber, registerHousehold } from '../workflows/support/households';
import { startWorkflowDriver } from '../workflows/support/workflow-driver';
import type { WorkflowDriver } from '../workflows/support/workflow-driver';

/** 重审申请: approved records are locked; a correction is its own audited request. */
let driver: WorkflowDriver;
let clerk: Actor;
let county: Actor;
beforeAll(async () => {
  driver = await startWorkflowDriver();
  clerk = await driver.actor('cun-dongyuan');
  county = await driver.actor('xian');
});
afterAll(async () => { await driver.close(); });

/** An assessment case row, locked (closed) or still running. */
async function assessmentCase(locked: boolean): Promise<string> {
  const id = driver.services.ids.uuid();
  const now = driver.services.clock.now();
  await driver.query(
    `INSERT INTO assessment_cases (id, tenant_id, instance_id, org_unit_id, org_path, source, problem_type, target_type, target_unit, found_on, status,
       opened_at, closed_at, locked_at, updated_at)
     VALUES ($1, '441424', $2, '441424130', '441424/441424130', '督查', '帮扶不到位', '单位', '华城镇人民政府', '2017-05-02', $3, $4, $5, $5, $4)`,
    [id, driver.services.ids.uuid(), locked ? '已销号' : '整改中', now, locked ? now : null]);
  return id;
}

function request(recordType: string, recordId: string, overrides: Partial<Parameters<typeof fileCorrectionRequest>[1]> = {}) {
  return fileCorrectionRequest(driver.services.db.pool, {
    tenantId: '441424', recordType, recordId, reason: '整改核查日期录入错误，应为2017年6月25日', requestedChanges: { closedOn: '2017-06-25' },
    actor: clerk, now: driver.services.clock.now(), id: driver.services.ids.uuid(), ...overrides,
  });
}

describe('fileCorrectionRequest', () => {
  it('files a pending request with its reason, the requested change and who asked', async () => {
    const recordId = await assessmentCase(true);
    const { id } = await request('assessmentCase', recordId);
    const [row] = await driver.query('SELECT record_type, record_id, reason, requested_changes, status, requested_by_name FROM correction_requests WHERE id = $1', [id]);
    expect(row).toEqual({
      record_type: 'assessmentCase', record_id: recordId, reason: '整改核查日期录入错误，应为2017年6月25日', requested_changes: { closedOn: '2017-06-25' },
      status: 'pending', requested_by_name: '董源村文书',
    });
  });

  it('accepts a request on a registered household (locked by its county approval)', async () => {
    const householdId = await registerHousehold(driver, idNumber(900));
    await expect(request('household', householdId, { reason: '户主姓名录入错误，应为曾庆桦' })).resolves.toEqual({ id: expect.any(String) });
  });

  it('refuses a second pending request on the same record', async () => {
    const recordId = await assessmentCase(true);
    await request('assessmentCase', recordId);
    await expect(request('assessmentCase', recordId)).rejects.toMatchObject({ code: 'correction_pending' });
  });

  it('refuses a record its workflow still changes (not locked)', async () => {
    await expect(request('assessmentCase', await assessmentCase(false))).rejects.toMatchObject({ code: 'record_not_locked' });
  });

  it.each([
    ['an unknown record type', { recordType: 'instance' }, { code: 'invalid', fields: { '/recordType': expect.any(Array) } }],
    ['a reason that says nothing', { reason: ' 错误 ' }, { code: 'invalid', fields: { '/reason': expect.any(Array) } }],
  ])('refuses %s', async (_name, overrides, error) => {
    const recordId = await assessmentCase(true);
    await expect(request((overrides as any).recordType ?? 'assessmentCase', recordId, overrides as any)).rejects.toMatchObject(error);
  });

  it('answers not found for a record that does not exist', async () => {
    await expect(request('project', driver.services.ids.uuid())).rejects.toMatchObject({ code: 'not_found' });
    await expect(request('project', 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('decideCorrectionRequest', () => {
  const decide = (requestId: string, decision: 'approved' | 'rejected', actor: Actor, comment?: string) =>
    decideCorrectionRequest(driver.services.db.pool, { tenantId: '441424', requestId, decision, comment, actor, now: driver.services.clock.now() });

  it('records the decision of someone other than the requester, once', async () => {
    const { id } = await request('assessmentCase', await assessmentCase(true));
    await expect(decide(id, 'approved', clerk)).rejects.toMatchObject({ code: 'forbidden' });
    await decide(id, 'approved', county, '核实无误');
    const [row] = await driver.query('SELECT status, decided_by_name, decision_comment, decided_at FROM correction_requests WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'approved', decided_by_name: '县扶贫开发局审核员', decision_comment: '核实无误', decided_at: expect.any(Date) });
    await expect(decide(id, 'rejected', county, '重复')).rejects.toMatchObject({ code: 'correction_decided' });
  });

  it('needs a comment to reject, and lets a new request be filed afterwards', async () => {
    const recordId = await assessmentCase(true);
    const { id } = await request('assessmentCase', recordId);
    await expect(decide(id, 'rejected', county)).rejects.toMatchObject({ code: 'invalid', fields: { '/comment': expect.any(Array) } });
    await decide(id, 'rejected', county, '核查记录与档案一致，无需更正');
    await expect(request('assessmentCase', recordId)).resolves.toEqual({ id: expect.any(String) });
  });
});
