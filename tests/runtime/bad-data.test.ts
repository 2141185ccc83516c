import { ValidationError } from '../../server/src/kernel';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleFor } from '../support/form-examples';
import { openTask, startApplication } from '../support/household-flow';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

async function footprint(instanceId: string) {
  const q = (sql: string) => services.db.pool.query(sql, [instanceId]).then((r) => r.rows);
  return {
    instance: await q('SELECT version, state, data, history_seq FROM instances WHERE id = $1'),
    tasks: await q('SELECT id, state, status FROM tasks WHERE instance_id = $1 ORDER BY id'),
    history: await q('SELECT seq, hash FROM history WHERE instance_id = $1 ORDER BY seq'),
    timers: await q('SELECT id, status FROM timers WHERE instance_id = $1 ORDER BY id'),
  };
}

describe('completeTask with bad data', () => {
  it('rejects a submission that fails its form with Chinese field errors and writes nothing', async () => {
    const { instanceId } = await startApplication(services);
    const task = await openTask(services, instanceId);
    const before = await footprint(instanceId);
    const bad = exampleFor(task.form_key);
    bad.household.head.idNumber = '441424199001011234'; // GB 11643 check character should be 5
    const clerk = await services.actor('cun-dongyuan');
    const error = await services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data: bad, actor: clerk }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys(error.fields)).toContain('/household/head/idNumber');
    expect(error.fields['/household/head/idNumber'].join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(await footprint(instanceId)).toEqual(before);
  });

  it('rejects an outcome the task does not offer and writes nothing', async () => {
    const { instanceId } = await startApplication(services);
    const task = await openTask(services, instanceId);
    const before = await footprint(instanceId);
    await expect(services.runtime.completeTask({ taskId: task.id, outcome: 'APPROVE', data: exampleFor(task.form_key), actor: await services.actor('cun-dongyuan') }))
      .rejects.toMatchObject({ code: 'invalid', fields: { '/outcome': [expect.stringContaining('SUBMIT')] } });
    expect(await footprint(instanceId)).toEqual(before);
  });

  it('answers not found for a task id that does not exist or is not a uuid', async () => {
    const clerk = await services.actor('cun-dongyuan');
    await expect(services.runtime.completeTask({ taskId: 'nope', outcome: 'SUBMIT', actor: clerk })).rejects.toMatchObject({ code: 'not_found' });
    await expect(services.runtime.completeTask({ taskId: '00000000-0000-4000-8000-000000000000', outcome: 'SUBMIT', actor: clerk })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('rolls the whole step back when a domain effect fails inside the transaction', async () => {
    const { instanceId } = await startApplication(services);
    // Walk to the appraisal; passing it enters the notice, whose publishNotice effect a constraint will refuse.
    const clerk = await services.actor('cun-dongyuan');
    for (const outcome of ['SUBMIT', 'VERIFY']) {
      const task = await openTask(services, instanceId);
      await services.runtime.completeTask({ taskId: task.id, outcome, data: await uploadEvidence(task.form_key, exampleFor(task.form_key), { services, actor: clerk, instanceId }), actor: clerk });
    }
    const task = await openTask(services, instanceId);
    const before = await footprint(instanceId);
    await services.db.pool.query(`ALTER TABLE notices ADD CONSTRAINT notices_fail CHECK (kind <> 'identification')`);
    try {
      await expect(services.runtime.completeTask({ taskId: task.id, outcome: 'PASS', data: exampleFor(task.form_key), actor: clerk })).rejects.toThrow(/notices_fail/);
    } finally {
      await services.db.pool.query('ALTER TABLE notices DROP CONSTRAINT notices_fail');
    }
    expect(await footprint(instanceId)).toEqual(before);
  });
});

describe('startInstance with start data', () => {
  const countInstances = async () => Number((await services.db.pool.query('SELECT count(*) FROM instances')).rows[0].count);

  it('refuses data for a process without a start form, and starts nothing', async () => {
    const before = await countInstances();
    const clerk = await services.actor('cun-dongyuan');
    const error = await services.runtime.startInstance({ definitionKey: 'household-identification', data: { application: { approved: true } }, actor: clerk }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields['/data'].join('')).toMatch(/第一个任务/);
    expect(await countInstances()).toBe(before);
  });

  it('checks data against the start form, keeps it as data.start, and refuses bad data under /data', async () => {
    const { pool } = services.db;
    const { rows } = await pool.query(`SELECT document, form_versions FROM definitions WHERE key = 'household-identification' AND status = 'published'`);
    const document = { ...rows[0].document, key: 'start-form-check', startForm: 'common.objection' };
    await pool.query(
      `INSERT INTO definitions (id, tenant_id, key, version, status, title, document, form_versions, published_at)
       VALUES (gen_random_uuid(), $1, 'start-form-check', 1, 'published', $2, $3, $4, now())`,
      [services.config.tenantId, JSON.stringify(document.title), JSON.stringify(document), JSON.stringify(rows[0].form_versions)]);
    const clerk = await services.actor('cun-dongyuan');
    const before = await countInstances();
    const bad = await services.runtime.startInstance({ definitionKey: 'start-form-check', data: { content: '', anonymous: true }, actor: clerk, locale: 'en' }).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys(bad.fields)).toEqual([expect.stringMatching(/^\/data\/content/)]);
    expect(await countInstances()).toBe(before);
    const started = await services.runtime.startInstance({ definitionKey: 'start-form-check', data: { content: '申请人家庭收入填报有误，请核实。', anonymous: true }, actor: clerk });
    const stored = await pool.query('SELECT data FROM instances WHERE id = $1', [started.instanceId]);
    expect(stored.rows[0].data.start).toEqual({ content: '申请人家庭收入填报有误，请核实。', anonymous: true });
  });
});
