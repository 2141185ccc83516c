import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, openTaskOf, startApiHarness } from '../api/api-harness';
import type { ApiHarness } from '../api/api-harness';

const APPLICATION = 'household-identification.application';
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

/** Starts a case in the clerk's village and submits `data`; answers the SUBMIT response. */
async function submit(clerkName: 'cun-dongyuan' | 'cun-zhuanshui' | 'cun-hezikou', data: unknown) {
  const clerk = await harness.login(clerkName);
  const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  expect(started.status).toBe(201);
  const task = await openTaskOf(clerk, started.body.id);
  const answer = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data, comment: '提交' });
  return { instanceId: started.body.id as string, answer };
}

/**
 * A person with `idNumber`: birth date and sex follow the number (the form checks they agree);
 * everything else from `like`.
 */
function personWith(like: Record<string, unknown>, idNumber: string) {
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return { ...like, idNumber, birthDate, sex: Number(idNumber[16]) % 2 === 1 ? '男' : '女' };
}

/** A 转水村 application whose head or third member carries `idNumber`, with its own bank account. */
function zhuanshuiApplication(idNumber: string, where: 'head' | 'member') {
  const data = withFreshIdNumbers(exampleFor(APPLICATION));
  data.household.address = { town: '转水镇', village: '转水村', group: data.household.address.group };
  data.household.bankAccount = '6229370099999999999';
  if (where === 'head') {
    data.household.members[0] = personWith(data.household.members[0], idNumber);
    data.household.head = { ...data.household.head, idNumber, sex: data.household.members[0].sex };
  } else {
    data.household.members[2] = personWith(data.household.members[2], idNumber);
  }
  return data;
}

const registryRow = async (headIdNumber: string) =>
  (await harness.services.db.pool.query('SELECT id, org_path, data, source_instance_id, updated_at FROM households WHERE head_id_number = $1', [headIdNumber])).rows;

describe('an ID number belongs to one household or open case of the county', () => {
  let registeredHead: string;
  let registeredMember: string;
  let registeredCase: string;

  beforeAll(async () => {
    const data = withFreshIdNumbers(exampleFor(APPLICATION));
    registeredHead = data.household.head.idNumber;
    registeredMember = data.household.members[3].idNumber;
    const { instanceId, answer } = await submit('cun-dongyuan', data);
    expect(answer.status).toBe(200);
    registeredCase = instanceId;
    await drive(harness, 'dongyuan', instanceId, ['VERIFY', 'PASS', 'POSTED']);
    await harness.anonymous.post('/api/test/clock', { advance: 'P8D' });
    await drive(harness, 'dongyuan', instanceId, ['FORWARD', 'APPROVE', 'APPROVE']);
    expect(await registryRow(registeredHead)).toHaveLength(1);
  });

  it('When a clerk of another town applies with a registered head, then the submission is refused and the registered record is untouched', async () => {
    const before = await registryRow(registeredHead);
    const { instanceId, answer } = await submit('cun-zhuanshui', zhuanshuiApplication(registeredHead, 'head'));
    expect(answer.status).toBe(400);
    // The 转水村 clerk may not see 董源村: told only that it is registered elsewhere.
    expect(answer.body.error.fields['/household/head/idNumber']).toEqual([expect.stringContaining('已在其他村登记，请联系乡镇')]);
    expect(answer.text).not.toContain('董源村');
    expect(await registryRow(registeredHead)).toEqual(before);
    expect(before[0].data.bankAccount).not.toBe('6229370099999999999');
    expect((await openTaskOf(await harness.login('cun-zhuanshui'), instanceId)).state).toBe('application');
  });

  it('When a member of the application is a member of a registered household, then that member is named', async () => {
    const { answer } = await submit('cun-zhuanshui', zhuanshuiApplication(registeredMember, 'member'));
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.fields)).toEqual(['/household/members/2/idNumber']);
  });

  it('When the same village applies again for a registered household, then the clerk is told where it is registered', async () => {
    const data = withFreshIdNumbers(exampleFor(APPLICATION));
    data.household.members[1] = personWith(data.household.members[1], registeredMember);
    const { answer } = await submit('cun-dongyuan', data);
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields['/household/members/1/idNumber']).toEqual([expect.stringContaining('华城镇董源村的建档立卡户')]);
  });

  it('When two villages have the same ID in open applications, then only the first is taken and the second names the case if visible', async () => {
    const data = withFreshIdNumbers(exampleFor(APPLICATION));
    const first = await submit('cun-dongyuan', data);
    expect(first.answer.status).toBe(200);
    const collide = withFreshIdNumbers(exampleFor(APPLICATION));
    collide.household.members[4] = personWith(collide.household.members[4], data.household.members[4].idNumber);
    const second = await submit('cun-dongyuan', collide);
    expect(second.answer.status).toBe(400);
    expect(second.answer.body.error.fields['/household/members/4/idNumber']).toEqual([expect.stringMatching(new RegExp(`董源村的申请（案件 ${first.instanceId.slice(0, 8)}）`))]);
    const other = await submit('cun-zhuanshui', zhuanshuiApplication(data.household.members[4].idNumber, 'member'));
    expect(other.answer.status).toBe(400);
    expect(other.answer.body.error.fields['/household/members/2/idNumber']).toEqual([expect.stringContaining('已在其他村登记')]);
  });

  it('When two villages submit the same ID at the same moment, then exactly one submission is taken', async () => {
    const shared = withFreshIdNumbers(exampleFor(APPLICATION)).household.head.idNumber;
    const a = withFreshIdNumbers(exampleFor(APPLICATION));
    a.household.members[2] = personWith(a.household.members[2], shared);
    const b = zhuanshuiApplication(shared, 'member');
    const results = await Promise.all([submit('cun-dongyuan', a), submit('cun-zhuanshui', b)]);
    expect(results.map((r) => r.answer.status).sort()).toEqual([200, 400]);
    const { rows } = await harness.services.db.pool.query('SELECT instance_id FROM id_number_claims WHERE id_number = $1', [shared]);
    expect(rows).toEqual([{ instance_id: results.find((r) => r.answer.status === 200)!.instanceId }]);
  });

  it('When a case ends rejected, then its numbers are free for a new application', async () => {
    const data = withFreshIdNumbers(exampleFor(APPLICATION));
    const first = await submit('cun-dongyuan', data);
    expect(first.answer.status).toBe(200);
    const clerk = await harness.login('cun-dongyuan');
    const verification = await openTaskOf(clerk, first.instanceId);
    expect((await clerk.post(`/api/tasks/${verification.id}/complete`, { outcome: 'REJECT', comment: '收入超过标准' })).status).toBe(200);
    const again = await submit('cun-dongyuan', data);
    expect(again.answer.status).toBe(200);
  });

  it('When a head gets registered meanwhile by another way, then registration fails with a conflict and overwrites nothing', async () => {
    const data = withFreshIdNumbers(exampleFor(APPLICATION));
    const { instanceId, answer } = await submit('cun-dongyuan', data);
    expect(answer.status).toBe(200);
    await drive(harness, 'dongyuan', instanceId, ['VERIFY', 'PASS', 'POSTED']);
    await harness.anonymous.post('/api/test/clock', { advance: 'P8D' });
    await drive(harness, 'dongyuan', instanceId, ['FORWARD', 'APPROVE']);
    // A registry row for the same head written outside this case (e.g. an older import).
    const pool = harness.services.db.pool;
    await pool.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       SELECT gen_random_uuid(), tenant_id, org_unit_id, org_path, '另一户', $1, '一般贫困户', '未脱贫', '{"bankAccount":"6212260000000000001"}', now(), now()
       FROM households WHERE head_id_number = $2`, [data.household.head.idNumber, registeredHead]);
    const before = await registryRow(data.household.head.idNumber);

    const county = await harness.login('xian');
    const approval = await openTaskOf(county, instanceId);
    expect(approval.state).toBe('countyApproval');
    // The county reviewer sees the duplicate before deciding.
    const view = await county.get(`/api/instances/${instanceId}`);
    expect(view.body.duplicateCheck.conflicts).toEqual([expect.objectContaining({ field: '/household/head/idNumber' })]);
    const refused = await county.post(`/api/tasks/${approval.id}/complete`, { outcome: 'APPROVE', data: exampleFor('household-identification.countyApproval'), comment: '同意' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('household_already_registered');
    expect(await registryRow(data.household.head.idNumber)).toEqual(before);
    expect((await openTaskOf(county, instanceId)).state).toBe('countyApproval');
  });

  it('When the county reviews a clean case, then the duplicate check says how many numbers were checked', async () => {
    const view = await (await harness.login('xian')).get(`/api/instances/${registeredCase}`);
    expect(view.body.duplicateCheck).toEqual({ checked: 6, conflicts: [] });
  });
});
