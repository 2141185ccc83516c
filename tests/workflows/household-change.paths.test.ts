import { ConflictError, ValidationError, NotFoundError } from '../../server/src/kernel';
import { exampleDataFor } from '../support/form-examples';
import { freshIdNumber, withFreshIdNumbers } from '../support/fresh-id-numbers';
import { startWorkflowDriver, withPatch } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * 户情变更 on the real database: every branch of workflows/household-change.json (each change
 * type, return, reject, withdraw), the ID-number rules (a member added must not be held by another
 * household or case; a removed member's number is free again) and the village's scope, with the
 * registry's versions written at approval.
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver(); });
afterAll(async () => { await driver.close(); });

interface Registered { id: string; head: string; members: Array<{ name: string; idNumber: string; relation: string }> }

/** Registers a household of 董源村 with the application example's six members (each number claimed by it), as identification would. */
async function registered(): Promise<Registered> {
  const household = withFreshIdNumbers(exampleDataFor('household-identification.application').household);
  const clerk = await driver.actor('cun-dongyuan');
  const id = driver.services.ids.uuid();
  await driver.query(
    `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
     VALUES ($1, '441424', $2, $3, $4, $5, $6, '未脱贫', $7, $8, $8)`,
    [id, clerk.orgUnitId, clerk.orgPath, household.head.name, household.head.idNumber, household.category, JSON.stringify(household), driver.services.clock.now()]);
  await driver.query(
    `INSERT INTO id_number_claims (tenant_id, id_number, instance_id, household_id, org_unit_id, org_path, claimed_at)
     SELECT '441424', n, NULL, $1, $2, $3, now() FROM unnest($4::text[]) AS n`,
    [id, clerk.orgUnitId, clerk.orgPath, household.members.map((m: { idNumber: string }) => m.idNumber)]);
  return { id, head: household.head.idNumber, members: household.members };
}

async function startChange(householdId: string, as = 'cun-dongyuan') {
  const { instanceId } = await driver.runtime.startInstance({ definitionKey: 'household-change', data: { householdId, headName: '曾庆华' }, actor: await driver.actor(as) });
  return instanceId;
}

/** The application form: the example (a birth) with `patch` applied; arrays replace. */
function application(patch: Record<string, unknown>) {
  const data = withPatch(exampleDataFor('household-change.application'), patch);
  for (const [key, value] of Object.entries(data)) if (value === undefined) delete data[key];
  return data;
}

function newborn() {
  const member = exampleDataFor('household-change.application').addedMembers[0];
  return { ...member, idNumber: freshIdNumber(member.idNumber) };
}

async function row(householdId: string) {
  const [h] = await driver.query('SELECT head_name, head_id_number, data FROM households WHERE id = $1', [householdId]);
  return { headName: h.head_name, headIdNumber: h.head_id_number, ids: h.data.members.map((m: any) => m.idNumber), relations: h.data.members.map((m: any) => m.relation) };
}

async function versions(householdId: string) {
  return driver.query('SELECT version, previous_version, change_type, instance_id, changed_by FROM household_versions WHERE household_id = $1 ORDER BY version', [householdId]);
}

async function claimOf(idNumber: string) {
  const [c] = await driver.query('SELECT instance_id, household_id FROM id_number_claims WHERE id_number = $1', [idNumber]);
  return c;
}

/** Applies, and the town and county approve. */
async function approvedChange(householdId: string, patch: Record<string, unknown>) {
  const instanceId = await startChange(householdId);
  await driver.act(instanceId, 'SUBMIT', { data: application(patch) });
  await driver.act(instanceId, 'APPROVE');
  await driver.act(instanceId, 'APPROVE');
  expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'approved', status: 'completed' }));
  return instanceId;
}

describe('household change: members added (增员)', () => {
  it('adds a newborn after town review and county approval, as version 2 naming the case and the approver', async () => {
    const h = await registered();
    const baby = newborn();
    expect((await versions(h.id)).map((v) => v.change_type)).toEqual(['建档立卡']);
    const instanceId = await startChange(h.id);
    await driver.act(instanceId, 'SUBMIT', { data: application({ addedMembers: [baby] }) });
    expect(await claimOf(baby.idNumber)).toEqual({ instance_id: instanceId, household_id: null });
    expect((await row(h.id)).ids).toHaveLength(6);
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');

    expect((await row(h.id)).ids).toEqual([...h.members.map((m) => m.idNumber), baby.idNumber]);
    const xian = await driver.actor('xian');
    expect(await versions(h.id)).toEqual([
      { version: 1, previous_version: null, change_type: '建档立卡', instance_id: null, changed_by: null },
      { version: 2, previous_version: 1, change_type: '出生', instance_id: instanceId, changed_by: xian.userId },
    ]);
    expect(await claimOf(baby.idNumber)).toEqual({ instance_id: instanceId, household_id: h.id });
    expect((await driver.query('SELECT template FROM notifications WHERE instance_id = $1', [instanceId])).map((n) => n.template)).toEqual(['change-approved']);
  });

  it('adds a spouse married in (婚入)', async () => {
    const h = await registered();
    const spouse = { ...newborn(), name: '黄美玲', relation: '之儿媳', birthDate: '1995-06-02', idNumber: freshIdNumber('441424199506020028'), education: '高中', labour: '普通劳动力' };
    await approvedChange(h.id, { changeType: '婚入', reason: '户主之子曾志强与黄美玲登记结婚，户口迁入本户。', addedMembers: [spouse] });
    expect((await row(h.id)).ids).toContain(spouse.idNumber);
    expect((await versions(h.id)).map((v) => v.change_type)).toEqual(['建档立卡', '婚入']);
  });

  it('refuses a member whose ID number belongs to another household, with the field to fix, and changes nothing', async () => {
    const h = await registered();
    const other = await registered();
    const instanceId = await startChange(h.id);
    const err = await driver.act(instanceId, 'SUBMIT', { data: application({ addedMembers: [{ ...newborn(), idNumber: other.members[2].idNumber, birthDate: '2001-09-03', sex: '男' }] }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields['/addedMembers/0/idNumber'][0]).toMatch(/已是.*建档立卡户成员/);
    expect((await driver.openTask(instanceId)).state).toBe('apply');
    expect(await claimOf(other.members[2].idNumber)).toEqual({ instance_id: null, household_id: other.id });
    expect((await row(h.id)).ids).toHaveLength(6);
  });

  it('refuses a number another open case holds, and frees a number when the case is rejected', async () => {
    const h = await registered();
    const other = await registered();
    const baby = newborn();
    const first = await startChange(h.id);
    await driver.act(first, 'SUBMIT', { data: application({ addedMembers: [baby] }) });
    const second = await startChange(other.id);
    const err = await driver.act(second, 'SUBMIT', { data: application({ addedMembers: [baby] }) }).catch((e: unknown) => e);
    expect((err as ValidationError).fields['/addedMembers/0/idNumber'][0]).toMatch(/已在.*申请/);

    await driver.act(first, 'REJECT');
    expect(await driver.instance(first)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect(await claimOf(baby.idNumber)).toBeUndefined();
    expect((await versions(h.id)).map((v) => v.version)).toEqual([1]);
    await driver.act(second, 'SUBMIT', { data: application({ addedMembers: [baby] }) });
    expect((await driver.openTask(second)).state).toBe('townReview');
  });
});

describe('household change: members removed (减员)', () => {
  it('removes a member who died and releases the number', async () => {
    const h = await registered();
    const father = h.members[4];
    await approvedChange(h.id, { changeType: '死亡', reason: '户主之父曾观福因病去世，已注销户口。', addedMembers: undefined, removedMembers: [{ name: father.name, idNumber: father.idNumber, eventDate: '2017-03-01' }] });
    expect((await row(h.id)).ids).not.toContain(father.idNumber);
    expect(await claimOf(father.idNumber)).toBeUndefined();
    expect((await versions(h.id)).map((v) => v.change_type)).toEqual(['建档立卡', '死亡']);
  });

  it('removes a daughter married out (婚出)', async () => {
    const h = await registered();
    const daughter = h.members[3];
    await approvedChange(h.id, { changeType: '婚出', reason: '户主之女曾雅婷出嫁，户口迁出。', addedMembers: undefined, removedMembers: [{ name: daughter.name, idNumber: daughter.idNumber }] });
    expect((await row(h.id)).ids).toHaveLength(5);
    expect(await claimOf(daughter.idNumber)).toBeUndefined();
  });

  it('asks for a new head when the head dies, and makes the named member head', async () => {
    const h = await registered();
    const head = h.members[0];
    const spouse = h.members[1];
    const instanceId = await startChange(h.id);
    const without = application({ changeType: '死亡', reason: '户主去世。', addedMembers: undefined, removedMembers: [{ name: head.name, idNumber: head.idNumber }] });
    const err = await driver.act(instanceId, 'SUBMIT', { data: without }).catch((e: unknown) => e);
    expect(Object.keys((err as ValidationError).fields)).toEqual(['/newHeadIdNumber']);
    await driver.act(instanceId, 'SUBMIT', { data: { ...without, newHeadIdNumber: spouse.idNumber } });
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    const after = await row(h.id);
    expect(after).toEqual(expect.objectContaining({ headName: spouse.name, headIdNumber: spouse.idNumber }));
    expect(after.relations[0]).toBe('户主');
  });

  it('refuses to remove someone who is not a member, or every member', async () => {
    const h = await registered();
    const instanceId = await startChange(h.id);
    const stranger = await driver.act(instanceId, 'SUBMIT', { data: application({ changeType: '婚出', addedMembers: undefined, removedMembers: [{ name: '张三', idNumber: '11010519491231002X' }] }) }).catch((e: unknown) => e);
    expect((stranger as ValidationError).fields['/removedMembers/0/idNumber']).toEqual(['本户没有此身份证号的成员，请核对']);
    const everyone = await driver.act(instanceId, 'SUBMIT', { data: application({ changeType: '婚出', addedMembers: undefined, removedMembers: h.members.map((m) => ({ name: m.name, idNumber: m.idNumber })), newHeadIdNumber: h.members[1].idNumber }) }).catch((e: unknown) => e);
    expect((everyone as ValidationError).fields['/removedMembers']).toEqual(['不能减去全部家庭成员：户内至少保留一人']);
  });

  it('splits a household (分户): the moved members form a new registered household and leave the old one', async () => {
    const h = await registered();
    const son = h.members[2];
    const daughter = h.members[3];
    const instanceId = await approvedChange(h.id, {
      changeType: '分户', reason: '户主之子曾志强成家另立门户，与其妹曾雅婷分户。', addedMembers: undefined,
      removedMembers: [{ name: son.name, idNumber: son.idNumber }, { name: daughter.name, idNumber: daughter.idNumber }],
      split: { headIdNumber: son.idNumber, group: '第五村民小组' },
    });
    expect((await row(h.id)).ids).toEqual(h.members.filter((m) => m !== son && m !== daughter).map((m) => m.idNumber));
    const [created] = await driver.query('SELECT id, head_name, head_id_number, status, source_instance_id, data FROM households WHERE head_id_number = $1', [son.idNumber]);
    expect(created).toEqual(expect.objectContaining({ head_name: son.name, status: '未脱贫', source_instance_id: instanceId }));
    expect(created.data.members.map((m: any) => [m.idNumber, m.relation])).toEqual([[son.idNumber, '户主'], [daughter.idNumber, daughter.relation]]);
    expect(created.data.address.group).toBe('第五村民小组');
    expect(created.data.bankAccount).toBeUndefined();
    expect(await claimOf(son.idNumber)).toEqual(expect.objectContaining({ household_id: created.id }));
    expect(await claimOf(daughter.idNumber)).toEqual(expect.objectContaining({ household_id: created.id }));
    expect((await versions(created.id)).map((v) => [v.version, v.change_type, v.instance_id])).toEqual([[1, '分户', instanceId]]);
    expect((await versions(h.id)).map((v) => v.change_type)).toEqual(['建档立卡', '分户']);
  });
});

describe('household change: new head and corrected details', () => {
  it('makes another member head (户主变更) with the former head\'s new relation', async () => {
    const h = await registered();
    const son = h.members[2];
    await approvedChange(h.id, { changeType: '户主变更', reason: '户主年迈，经家庭商议由其子曾志强任户主。', addedMembers: undefined, newHeadIdNumber: son.idNumber, formerHeadRelation: '之父' });
    const after = await row(h.id);
    expect(after.headIdNumber).toBe(son.idNumber);
    expect(after.relations[0]).toBe('之父');
    expect(after.relations[2]).toBe('户主');
    expect((await versions(h.id)).map((v) => v.change_type)).toEqual(['建档立卡', '户主变更']);
  });

  it('corrects a member\'s education and the bank account (信息更正)', async () => {
    const h = await registered();
    const [before] = await driver.query('SELECT data FROM households WHERE id = $1', [h.id]);
    const daughter = before.data.members[3];
    await approvedChange(h.id, {
      changeType: '信息更正', reason: '曾雅婷已升入高中，银行账号登记有误。', addedMembers: undefined,
      corrections: { household: { bankAccount: '6217995800012345678' }, members: [{ currentIdNumber: daughter.idNumber, member: { ...daughter, education: '高中' } }] },
    });
    const [after] = await driver.query('SELECT data FROM households WHERE id = $1', [h.id]);
    expect(after.data.members[3].education).toBe('高中');
    expect(after.data.bankAccount).toBe('6217995800012345678');
    expect((await versions(h.id)).map((v) => v.change_type)).toEqual(['建档立卡', '信息更正']);
  });
});

describe('household change: return, reject, withdraw and scope', () => {
  it('goes back to the village on the town\'s return and to the town on the county\'s, then approves', async () => {
    const h = await registered();
    const baby = newborn();
    const instanceId = await startChange(h.id);
    await driver.act(instanceId, 'SUBMIT', { data: application({ addedMembers: [baby] }) });
    await driver.act(instanceId, 'RETURN', { comment: '请补充出生医学证明' });
    expect((await driver.openTask(instanceId)).state).toBe('apply');
    const second = newborn();
    await driver.act(instanceId, 'SUBMIT', { data: application({ addedMembers: [second] }) });
    // The resubmission replaced the case's claims.
    expect(await claimOf(baby.idNumber)).toBeUndefined();
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'RETURN');
    expect((await driver.openTask(instanceId)).state).toBe('townReview');
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'APPROVE');
    expect((await row(h.id)).ids).toContain(second.idNumber);
  });

  it('leaves the registry as it was when the county rejects', async () => {
    const h = await registered();
    const baby = newborn();
    const instanceId = await startChange(h.id);
    await driver.act(instanceId, 'SUBMIT', { data: application({ addedMembers: [baby] }) });
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'REJECT');
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    expect((await row(h.id)).ids).toHaveLength(6);
    expect(await claimOf(baby.idNumber)).toBeUndefined();
    expect((await versions(h.id)).map((v) => v.version)).toEqual([1]);
  });

  it('ends without a change when the village withdraws', async () => {
    const h = await registered();
    const instanceId = await startChange(h.id);
    await driver.act(instanceId, 'WITHDRAW');
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'withdrawn', status: 'completed' }));
  });

  it('refuses a second change of a household while one is running, naming it, and starts nothing; after a withdrawal a new one starts', async () => {
    const h = await registered();
    const first = await startChange(h.id);
    const count = async () => (await driver.query(
      `SELECT count(*)::int AS n FROM instances WHERE definition_key = 'household-change' AND data->'start'->>'householdId' = $1`, [h.id]))[0].n;
    const err = await startChange(h.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    const [{ receipt_no: receipt }] = await driver.query('SELECT receipt_no FROM instances WHERE id = $1', [first]);
    expect((err as ConflictError).message).toContain(`该户已有正在办理的户情变更（受理编号 ${receipt}）`);
    expect(await count()).toBe(1);
    // The running case itself goes back to the village and is worked on as usual.
    await driver.act(first, 'SUBMIT', { data: application({ addedMembers: [newborn()] }) });
    await driver.act(first, 'RETURN', { comment: '请补充出生医学证明' });
    expect((await driver.openTask(first)).state).toBe('apply');
    await driver.act(first, 'WITHDRAW');
    await startChange(h.id);
    expect(await count()).toBe(2);
  });

  it('answers another village\'s household as missing and starts nothing', async () => {
    const h = await registered();
    const [{ n: before }] = await driver.query("SELECT count(*)::int AS n FROM instances WHERE definition_key = 'household-change'");
    const err = await startChange(h.id, 'cun-hezikou').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    const [{ n: after }] = await driver.query("SELECT count(*)::int AS n FROM instances WHERE definition_key = 'household-change'");
    expect(after).toBe(before);
  });

  it('refuses a start without a household, with the field named', async () => {
    const err = await driver.runtime.startInstance({ definitionKey: 'household-change', data: {}, actor: await driver.actor('cun-dongyuan') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fields)).toContain('/data/householdId');
  });

  it('versions every registry change a transaction names, and no update that changes nothing', async () => {
    const h = await registered();
    const xian = await driver.actor('xian');
    await driver.services.db.transaction(async (client) => {
      await client.query("SELECT set_config('jz.household_change', $1, true)", [JSON.stringify({ changeType: '状态变更', userId: xian.userId })]);
      await client.query("UPDATE households SET status = '预脱贫', updated_at = now() WHERE id = $1", [h.id]);
    });
    await driver.query('UPDATE households SET updated_at = now() WHERE id = $1', [h.id]);
    await driver.query("UPDATE households SET category = '低保贫困户', updated_at = now() WHERE id = $1", [h.id]);
    expect((await versions(h.id)).map((v) => [v.version, v.change_type, v.changed_by])).toEqual([[1, '建档立卡', null], [2, '状态变更', xian.userId], [3, '台账更新', null]]);
  });
});
