import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { openTaskOf, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

const APPLICATION = 'household-identification.application';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

async function countRows(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await harness.services.db.pool.query<{ n: string }>(sql, params);
  return Number(rows[0].n);
}

const instancesOfDongyuan = () => countRows(
  `SELECT count(*) AS n FROM instances i JOIN org_units o ON o.id = i.org_unit_id WHERE o.name = '董源村'`, []);

describe('Idempotency-Key on submissions sent again by the offline queue', () => {
  it('When an application is sent twice with one key, then one case starts and the repeat gets the first answer', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const before = await instancesOfDongyuan();
    const body = { definitionKey: 'household-identification' };
    const first = await clerk.post('/api/instances', body, { 'Idempotency-Key': 'offline-7f3a9c21-0001' });
    const again = await clerk.post('/api/instances', body, { 'Idempotency-Key': 'offline-7f3a9c21-0001' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await instancesOfDongyuan()).toBe(before + 1);
  });

  it('When a key is sent again with another body, then the answer is 409 and nothing starts', async () => {
    const clerk = await harness.login('cun-dongyuan');
    await clerk.post('/api/instances', { definitionKey: 'household-identification' }, { 'Idempotency-Key': 'offline-7f3a9c21-0002' });
    const before = await instancesOfDongyuan();
    const other = await clerk.post('/api/instances', { definitionKey: 'household-identification', title: '另一户' }, { 'Idempotency-Key': 'offline-7f3a9c21-0002' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(other.body.error.message).toContain('已用于另一份不同的提交');
    expect(await instancesOfDongyuan()).toBe(before);
  });

  it('When a task completion is sent twice with one key, then the task is completed once and both answers are the same', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    const task = await openTaskOf(clerk, started.body.id);
    const body = { outcome: 'SUBMIT', data: withFreshIdNumbers(exampleFor(APPLICATION)) };
    const first = await clerk.post(`/api/tasks/${task.id}/complete`, body, { 'Idempotency-Key': 'offline-7f3a9c21-0003' });
    const again = await clerk.post(`/api/tasks/${task.id}/complete`, body, { 'Idempotency-Key': 'offline-7f3a9c21-0003' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await countRows(`SELECT count(*) AS n FROM history WHERE instance_id = $1 AND type = 'task_completed'`, [started.body.id])).toBe(1);
    // Without the key, a repeat is refused as before: the task is no longer open.
    const plain = await clerk.post(`/api/tasks/${task.id}/complete`, body);
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
  });

  it('When two completions with one key arrive at once, then one step is taken and both get its answer', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    const task = await openTaskOf(clerk, started.body.id);
    const body = { outcome: 'SUBMIT', data: withFreshIdNumbers(exampleFor(APPLICATION)) };
    const answers = await Promise.all([0, 1].map(() => clerk.post(`/api/tasks/${task.id}/complete`, body, { 'Idempotency-Key': 'offline-7f3a9c21-0004' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[1].body.id).toBe(answers[0].body.id);
    expect(await countRows(`SELECT count(*) AS n FROM history WHERE instance_id = $1 AND type = 'task_completed'`, [started.body.id])).toBe(1);
  });

  it('When the key is malformed, then the answer is a 400 naming the header in Chinese and nothing is written', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const before = await instancesOfDongyuan();
    const bad = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, { 'Idempotency-Key': 'x y' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields['/headers/idempotency-key']).toEqual([expect.stringContaining('字母、数字')]);
    expect(await instancesOfDongyuan()).toBe(before);
    expect(await countRows('SELECT count(*) AS n FROM idempotency_keys WHERE key = $1', ['x y'])).toBe(0);
  });
});
