import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { statementsSentDuring } from '../support/statements-sent';
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

describe('Idempotency-Key as the web client sends it: on every submission, at no extra round trip', () => {
  const MINIMAL = { Prefer: 'return=minimal' };

  it('When a keyed completion asks for the minimal answer, then it sends no more statements than without the key, and the step\'s own statement writes the key with its answer', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const submitted = async (key: string) => {
      const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, { ...MINIMAL, 'Idempotency-Key': `${key}-start` });
      const task = started.body.openedTasks[0];
      return { instanceId: started.body.id as string, task, body: { outcome: 'SUBMIT', data: withFreshIdNumbers(exampleFor(APPLICATION)) } };
    };
    // The first case loads the definition and its forms into the per-version caches.
    const warm = await submitted('keyed-round-trips-warm');
    await clerk.post(`/api/tasks/${warm.task.id}/complete`, warm.body, { ...MINIMAL, 'Idempotency-Key': 'keyed-round-trips-warm-submit' });
    const plain = await submitted('plain-round-trips');
    const sentPlain = await statementsSentDuring(() => clerk.post(`/api/tasks/${plain.task.id}/complete`, plain.body, MINIMAL));
    const { instanceId, task, body } = await submitted('keyed-round-trips');
    let answer!: Awaited<ReturnType<typeof clerk.post>>;
    const sent = await statementsSentDuring(async () => {
      answer = await clerk.post(`/api/tasks/${task.id}/complete`, body, { ...MINIMAL, 'Idempotency-Key': 'keyed-round-trips-submit' });
    });
    expect(answer.status).toBe(200);
    // As many statements as without the key: the task with its access (the session is kept from the clerk's earlier
    // requests), the application's addresses held to the org tree, and the step's statement, which writes the key too.
    // No look-up first, no transaction.
    expect(sent).toHaveLength(sentPlain.length);
    expect(sent.slice(0, -1)).toEqual(sentPlain.slice(0, -1));
    expect(sent.slice(0, 2)).toEqual(['jz_load_task_for_step', 'jz_find_address_units']);
    expect(sent[sent.length - 1]).toMatch(/^jz_write_step_[0-9a-f]{12}$/);
    // The key's row holds the answer the client got, so a repeat after a lost answer (or a crash right after the commit) gets it again.
    const { rows: [row] } = await harness.services.db.pool.query(
      'SELECT scope, instance_id, status, response FROM idempotency_keys WHERE key = $1', ['keyed-round-trips-submit']);
    expect(row).toMatchObject({ scope: `POST /tasks/${task.id}/complete`, instance_id: instanceId, status: 200 });
    expect(row.response).toEqual(answer.body);
    expect(answer.headers.get('preference-applied')).toBe('return=minimal');
    const again = await clerk.post(`/api/tasks/${task.id}/complete`, body, { ...MINIMAL, 'Idempotency-Key': 'keyed-round-trips-submit' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The repeat is the same minimal answer, and says so as the first did.
    expect(again.headers.get('preference-applied')).toBe('return=minimal');
    expect(again.body).toEqual(answer.body);
    expect(await countRows(`SELECT count(*) AS n FROM history WHERE instance_id = $1 AND type = 'task_completed'`, [instanceId])).toBe(1);
  });

  it('When a keyed start asks for the minimal answer, then its one statement writes the key with its answer, and a repeat starts nothing and takes no 受理编号', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const headers = { ...MINIMAL, 'Idempotency-Key': 'keyed-start-receipt-0001' };
    const before = await instancesOfDongyuan();
    let first!: Awaited<ReturnType<typeof clerk.post>>;
    const sent = await statementsSentDuring(async () => { first = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, headers); });
    expect(first.status).toBe(201);
    expect(sent.slice(-1)[0]).toMatch(/^jz_write_first_[0-9a-f]{12}$/);
    expect(sent).not.toContain('BEGIN');
    const receipt = async () => (await harness.services.db.pool.query<{ last: number }>(`SELECT max(last)::int AS last FROM receipt_counters WHERE kind = 'case'`)).rows[0].last;
    const receiptBefore = await receipt();
    const again = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('preference-applied')).toBe('return=minimal');
    expect(again.body).toEqual(first.body);
    expect(await instancesOfDongyuan()).toBe(before + 1);
    expect(await receipt()).toBe(receiptBefore);
  });

  it('When a keyed submission is refused for bad data, then the key is not kept, and the corrected submission with the same key is carried out', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, MINIMAL);
    const task = started.body.openedTasks[0];
    const headers = { ...MINIMAL, 'Idempotency-Key': 'keyed-fix-and-resend-0001' };
    const bad = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: { household: {} } }, headers);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('表单填写有误');
    expect(await countRows('SELECT count(*) AS n FROM idempotency_keys WHERE key = $1', ['keyed-fix-and-resend-0001'])).toBe(0);
    const fixed = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: withFreshIdNumbers(exampleFor(APPLICATION)) }, headers);
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    expect(fixed.body).toMatchObject({ id: started.body.id, state: 'verification' });
  });

  it('When a keyed completion asks for the whole case, then its answer is kept after the commit and a repeat gets it', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, MINIMAL);
    const task = started.body.openedTasks[0];
    const body = { outcome: 'SUBMIT', data: withFreshIdNumbers(exampleFor(APPLICATION)) };
    const headers = { 'Idempotency-Key': 'keyed-whole-case-0001' };
    const first = await clerk.post(`/api/tasks/${task.id}/complete`, body, headers);
    expect(first.status).toBe(200);
    expect(first.body.history.length).toBeGreaterThanOrEqual(2);
    const { rows: [row] } = await harness.services.db.pool.query('SELECT status, response FROM idempotency_keys WHERE key = $1', ['keyed-whole-case-0001']);
    expect(row.status).toBe(200);
    expect(row.response).toEqual(first.body);
    const again = await clerk.post(`/api/tasks/${task.id}/complete`, body, headers);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The whole case, not a minimal answer: no Preference-Applied, the first time or again.
    expect(first.headers.get('preference-applied')).toBeNull();
    expect(again.headers.get('preference-applied')).toBeNull();
    expect(again.body).toEqual(first.body);
  });
});
