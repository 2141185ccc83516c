import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor } from '../support/form-examples';
import { freshIdNumber, withFreshIdNumbers } from '../support/fresh-id-numbers';
import { openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

/**
 * 户情变更 and the registry's versions over HTTP with the demo users: a village files a birth, the
 * town and county approve, and `GET /api/households/:id/versions` shows version 2 with the member
 * added (ID number masked); another village can neither start a change of the household nor read
 * its versions.
 */
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

/** A registered household of 董源村 with the identification example's members, each number its own. */
async function registered(): Promise<{ id: string; headName: string }> {
  const household = withFreshIdNumbers(exampleDataFor('household-identification.application').household);
  const { rows: [village] } = await harness.services.db.pool.query("SELECT id, path FROM org_units WHERE name = '董源村'");
  const id = harness.services.ids.uuid();
  await harness.services.db.pool.query(
    `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
     VALUES ($1, '441424', $2, $3, $4, $5, $6, '未脱贫', $7, $8, $8)`,
    [id, village.id, village.path, household.head.name, household.head.idNumber, household.category, JSON.stringify(household), harness.services.clock.now()]);
  return { id, headName: household.head.name };
}

async function complete(client: ApiClient, instanceId: string, outcome: string, data?: unknown) {
  const task = await openTaskOf(client, instanceId);
  const filled = await uploadEvidence(task.formKey, data ?? exampleDataFor(task.formKey), { client, instanceId });
  const answer = await client.post(`/api/tasks/${task.id}/complete`, { outcome, data: filled, comment: '同意' });
  expect(answer.status).toBe(200);
  return answer;
}

describe('household change over HTTP', () => {
  it('When a village files a birth and the town and county approve, then the household\'s versions show version 2 with the member added', async () => {
    const h = await registered();
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: h.id, headName: h.headName } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: 'apply', status: 'running' });
    expect(started.body.subject.householdName).toBe(h.headName);
    const application = exampleDataFor('household-change.application');
    const baby = { ...application.addedMembers[0], idNumber: freshIdNumber(application.addedMembers[0].idNumber) };
    await complete(clerk, started.body.id, 'SUBMIT', { ...application, addedMembers: [baby] });
    await complete(await harness.login('zhen-huacheng'), started.body.id, 'APPROVE');
    await complete(await harness.login('xian'), started.body.id, 'APPROVE');

    const answer = await clerk.get(`/api/households/${h.id}/versions`);
    expect(answer.status).toBe(200);
    const [latest, first] = answer.body.items;
    expect(answer.body.items).toHaveLength(2);
    expect(latest).toMatchObject({ version: 2, previousVersion: 1, changeType: '出生', instanceId: started.body.id, size: 7, status: '未脱贫' });
    expect(latest.changedBy).toBeTruthy();
    expect(latest.receiptNo).toMatch(/^441424-\d{4}-\d{6}$/);
    expect(latest.changes.membersAdded).toEqual([{ name: baby.name, relation: baby.relation, idNumber: `${baby.idNumber.slice(0, 6)}********${baby.idNumber.slice(-4)}` }]);
    expect(latest.changes.membersRemoved).toEqual([]);
    expect(latest.changes.head).toBeNull();
    expect(first).toMatchObject({ version: 1, changeType: '建档立卡', changes: null, size: 6 });
    expect(answer.text).not.toContain(baby.idNumber);

    const town = await harness.login('zhen-huacheng');
    expect((await town.get(`/api/households/${h.id}/versions`)).status).toBe(200);

    // The household's page lists the change among its cases, with its 受理编号.
    const detail = await clerk.get(`/api/households/${h.id}`);
    expect(detail.body.instances).toEqual([expect.objectContaining({ id: started.body.id, definitionKey: 'household-change', status: 'completed', receiptNo: latest.receiptNo })]);
  });

  it('When a village opens a second change of a household while one runs, then it answers 409 naming the running case, and the household lists the running case', async () => {
    const h = await registered();
    const clerk = await harness.login('cun-dongyuan');
    const first = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: h.id, headName: h.headName } });
    expect(first.status).toBe(201);
    const second = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: h.id, headName: h.headName } });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(`该户已有正在办理的户情变更（受理编号 ${first.body.receiptNo}）`);
    const detail = await clerk.get(`/api/households/${h.id}`);
    expect(detail.body.instances.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[first.body.id, 'running']]);
  });

  it('When another village asks for the household\'s versions or starts a change of it, then it is answered as missing and nothing starts', async () => {
    const h = await registered();
    const other = await harness.login('cun-hezikou');
    const versions = await other.get(`/api/households/${h.id}/versions`);
    expect(versions.status).toBe(404);
    const { rows: [before] } = await harness.services.db.pool.query("SELECT count(*)::int AS n FROM instances WHERE definition_key = 'household-change'");
    const started = await other.post('/api/instances', { definitionKey: 'household-change', data: { householdId: h.id } });
    expect(started.status).toBe(404);
    const { rows: [after] } = await harness.services.db.pool.query("SELECT count(*)::int AS n FROM instances WHERE definition_key = 'household-change'");
    expect(after.n).toBe(before.n);
  });

  it('When the start names no household, or a head that is not the registry\'s, then it answers 400 with Chinese field messages', async () => {
    const h = await registered();
    const clerk = await harness.login('cun-dongyuan');
    const none = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: '不是编号' } });
    expect(none.status).toBe(400);
    expect(none.body.error.fields['/data/householdId'][0]).toMatch(/[\u4e00-\u9fa5]/);
    const wrongHead = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: h.id, headName: '张三' } });
    expect(wrongHead.status).toBe(400);
    expect(wrongHead.body.error.fields['/data/headName'][0]).toContain(h.headName);
  });

  it('When a village clerk submits a member whose number another household holds, then it answers 400 on that field', async () => {
    const h = await registered();
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: h.id } });
    const { rows: [held] } = await harness.services.db.pool.query('SELECT head_id_number FROM households WHERE id <> $1 LIMIT 1', [h.id]);
    const task = await openTaskOf(clerk, started.body.id);
    const application = exampleDataFor('household-change.application');
    const holder = held.head_id_number as string;
    const member = { ...application.addedMembers[0], idNumber: holder, birthDate: `${holder.slice(6, 10)}-${holder.slice(10, 12)}-${holder.slice(12, 14)}`, sex: Number(holder[16]) % 2 ? '男' : '女' };
    const filled = await uploadEvidence(task.formKey, { ...application, addedMembers: [member] }, { client: clerk, instanceId: started.body.id });
    const answer = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: filled });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields['/addedMembers/0/idNumber'][0]).toMatch(/身份证号 \d{6}\*+\d{3}[\dX] /);
    expect((await openTaskOf(clerk, started.body.id)).state).toBe('apply');
  });
});
