import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { statementsSentDuring } from '../support/statements-sent';
import { openTaskOf, startApiHarness } from './api-harness';
import type { ApiAnswer, ApiHarness } from './api-harness';

const APPLICATION = 'household-identification.application';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

async function submittedApplication() {
  const clerk = await harness.login('cun-dongyuan');
  const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  const task = await openTaskOf(clerk, started.body.id);
  return { clerk, instanceId: started.body.id as string, task, body: { outcome: 'SUBMIT', data: withFreshIdNumbers(exampleFor(APPLICATION)) } };
}

/** What a summary says of an opened task, taken from the task as the whole case shows it. */
const openedPart = (t: Record<string, unknown>) => ({
  id: t.id, state: t.state, formKey: t.formKey, title: t.title, titleEn: t.titleEn, outcomes: t.outcomes, status: t.status, orgUnitId: t.orgUnitId, dueAt: t.dueAt,
});

describe('Prefer: return=minimal on a start (RFC 7240)', () => {
  it('When a clerk starts a case asking for a minimal answer, then the answer is the case and the task it opened with its outcomes, as the whole case shows them, and no read follows the start', async () => {
    const clerk = await harness.login('cun-dongyuan');
    // The first start loads the definition and its forms into the per-version caches.
    await clerk.post('/api/instances', { definitionKey: 'household-identification' }, { Prefer: 'return=minimal' });
    let answer!: ApiAnswer;
    const sent = await statementsSentDuring(async () => { answer = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, { Prefer: 'return=minimal' }); });
    let whole!: ApiAnswer;
    const sentForWhole = await statementsSentDuring(async () => { whole = await clerk.post('/api/instances', { definitionKey: 'household-identification' }); });
    // Nothing follows the start's own statement; the whole case is read back after it (the case, its tasks, timers, history, units).
    expect(sent[sent.length - 1]).toMatch(/^jz_write_first_[0-9a-f]{12}$/);
    expect(sentForWhole.slice(0, sent.length)).toEqual(sent);
    expect(sentForWhole.length).toBeGreaterThan(sent.length);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('preference-applied')).toBe('return=minimal');
    expect(answer.headers.get('vary')).toMatch(/prefer/i);
    expect(Object.keys(answer.body).sort()).toEqual(['definitionKey', 'definitionVersion', 'id', 'openedTasks', 'state', 'status']);
    expect(answer.body).toMatchObject({ definitionKey: 'household-identification', state: 'application', status: 'running' });
    const full = await clerk.get(`/api/instances/${answer.body.id}`);
    expect(answer.body.openedTasks).toEqual(full.body.tasks.map(openedPart));
    expect(answer.body.openedTasks[0]).toMatchObject({ title: '填写贫困户申请', status: 'open' });
    expect(answer.body.openedTasks[0].outcomes[0]).toMatchObject({ event: 'SUBMIT', kind: 'forward' });
    expect(whole.body.tasks).toHaveLength(1);
  });

  it('When a minimal start is sent again with its Idempotency-Key, then the repeat answers the same summary and one case is started', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const headers = { Prefer: 'return=minimal', 'Idempotency-Key': 'offline-start-minimal-0001' };
    const first = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, headers);
    const again = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, headers);
    expect(first.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const { rows } = await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM history WHERE instance_id = $1`, [first.body.id]);
    expect(rows[0].n).toBe(1);
  });
});

describe('Prefer: return=minimal on a completion (RFC 7240)', () => {
  it('When a clerk completes a task asking for a minimal answer, then the answer is where the case went and the task it opened, without its data or history', async () => {
    const { clerk, instanceId, task, body } = await submittedApplication();
    const answer = await clerk.post(`/api/tasks/${task.id}/complete`, body, { Prefer: 'return=minimal' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('preference-applied')).toBe('return=minimal');
    expect(answer.headers.get('vary')).toMatch(/prefer/i);
    expect(Object.keys(answer.body).sort()).toEqual(['definitionKey', 'definitionVersion', 'id', 'openedTasks', 'state', 'status']);
    expect(answer.body).toMatchObject({ id: instanceId, definitionKey: 'household-identification', state: 'verification', status: 'running' });
    // The task it names is the case's open task, as the full case shows it.
    const full = await clerk.get(`/api/instances/${instanceId}`);
    const open = full.body.tasks.filter((t: { status: string }) => t.status === 'open');
    expect(answer.body.openedTasks).toEqual(open.map(openedPart));
    expect(answer.body.openedTasks[0].title).toBe('入户核实');
    // Nothing of the household's data travels: no name, no ID number, masked or not.
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(body.data.household.head.name);
    expect(text).not.toContain(body.data.household.head.idNumber.slice(-4));
  });

  it('When the preference is written with other preferences, spaces, quotes or capitals, then it is still honoured; other preferences get the whole case', async () => {
    for (const prefer of ['respond-async, RETURN = "minimal"', 'handling=lenient, return=minimal; foo=bar']) {
      const { clerk, task, body } = await submittedApplication();
      const answer = await clerk.post(`/api/tasks/${task.id}/complete`, body, { Prefer: prefer });
      expect(answer.status).toBe(200);
      expect(answer.body.openedTasks).toHaveLength(1);
      expect(answer.body.history).toBeUndefined();
    }
    const { clerk, task, body } = await submittedApplication();
    const full = await clerk.post(`/api/tasks/${task.id}/complete`, body, { Prefer: 'return=representation' });
    expect(full.status).toBe(200);
    expect(full.headers.get('preference-applied')).toBeNull();
    expect(full.body.history.length).toBeGreaterThanOrEqual(2);
    expect(full.body.data.application).toBeDefined();
  });

  it('When a minimal completion is sent again with its Idempotency-Key, then the repeat answers the same summary and no second step is taken', async () => {
    const { clerk, instanceId, task, body } = await submittedApplication();
    const headers = { Prefer: 'return=minimal', 'Idempotency-Key': 'offline-minimal-0001' };
    const first = await clerk.post(`/api/tasks/${task.id}/complete`, body, headers);
    const again = await clerk.post(`/api/tasks/${task.id}/complete`, body, headers);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const { rows } = await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM history WHERE instance_id = $1 AND type = 'task_completed'`, [instanceId]);
    expect(rows[0].n).toBe(1);
  });

  it('When a minimal completion has bad data, then the answer is the same 400 with Chinese field messages and nothing is written', async () => {
    const { clerk, instanceId, task } = await submittedApplication();
    const answer = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: { household: {} } }, { Prefer: 'return=minimal' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe('表单填写有误');
    expect(Object.keys(answer.body.error.fields).length).toBeGreaterThan(0);
    const { rows } = await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM history WHERE instance_id = $1`, [instanceId]);
    expect(rows[0].n).toBe(1);
  });
});
