import { exampleFor } from '../support/form-examples';
import { uploadEvidence } from '../support/evidence-uploads';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { statementsSentDuring } from '../support/statements-sent';
import { openTaskOf, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

describe('POST /api/tasks/:id/complete at the database pace', () => {
  it('When a task without domain effects is completed, then the step takes two round trips, the task with its access and the step (its evidence bound by the same statement), before the answer reads the case', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const throughSubmit = async () => {
      const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
      const submit = await openTaskOf(clerk, started.body.id);
      expect((await clerk.post(`/api/tasks/${submit.id}/complete`, { outcome: 'SUBMIT', data: withFreshIdNumbers(exampleFor(submit.formKey)) })).status).toBe(200);
      return started;
    };
    // The first case loads the definition version and its forms into the per-version caches.
    const warm = await throughSubmit();
    const warmVerify = await openTaskOf(clerk, warm.body.id);
    expect((await clerk.post(`/api/tasks/${warmVerify.id}/complete`, { outcome: 'VERIFY', data: await uploadEvidence(warmVerify.formKey, exampleFor(warmVerify.formKey), { client: clerk, instanceId: warm.body.id }) })).status).toBe(200);
    const started = await throughSubmit();
    const verify = await openTaskOf(clerk, started.body.id);
    let answer: Awaited<ReturnType<typeof clerk.post>> | undefined;
    const verification = await uploadEvidence(verify.formKey, exampleFor(verify.formKey), { client: clerk, instanceId: started.body.id });
    const sent = await statementsSentDuring(async () => {
      answer = await clerk.post(`/api/tasks/${verify.id}/complete`, { outcome: 'VERIFY', data: verification });
    });
    expect(answer?.status).toBe(200);
    // Up to the commit: one read of the task with its access, the step's one statement binding the visit photos. The
    // session was read by the clerk's earlier requests and is kept while no change of it is announced; no second look-up of the task.
    expect(sent.slice(0, 2)).toEqual(['jz_load_task_for_step', expect.stringMatching(/^jz_write_step_[0-9a-f]{12}$/)]);
    expect(sent).not.toContain('BEGIN');
    expect(sent).not.toContain('jz_find_session');
    expect(sent.filter((name) => name === 'jz_load_task_for_step')).toHaveLength(1);
    // The answer is the instance after the step (DESIGN's contract), with the task the step opened.
    const next = await openTaskOf(clerk, started.body.id);
    expect(answer?.body).toMatchObject({ id: started.body.id, definitionKey: 'household-identification', state: 'villagerAppraisal', status: 'running' });
    expect((answer?.body as { tasks: unknown[] }).tasks).toEqual(expect.arrayContaining([expect.objectContaining({ id: next.id, state: 'villagerAppraisal', status: 'open' })]));
  });

  it('When a task is outside the caller\'s scope, then completing or claiming it is 404; inside the scope without the role it is 403, and nothing changes', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    const task = await openTaskOf(clerk, started.body.id);
    const body = { outcome: 'SUBMIT', data: exampleFor(task.formKey) };
    // Another village's clerk cannot see the case at all.
    const other = await harness.login('cun-zhuanshui');
    expect((await other.post(`/api/tasks/${task.id}/complete`, body)).status).toBe(404);
    expect((await other.post(`/api/tasks/${task.id}/claim`)).status).toBe(404);
    // The county inspector sees every case of the county but holds no role of the village's task.
    const inspector = await harness.login('ducha');
    expect((await inspector.get(`/api/tasks/${task.id}`)).status).toBe(200);
    expect((await inspector.post(`/api/tasks/${task.id}/complete`, body)).status).toBe(403);
    expect((await inspector.post(`/api/tasks/${task.id}/claim`)).status).toBe(403);
    expect(await openTaskOf(clerk, started.body.id)).toMatchObject({ id: task.id, status: 'open' });
  });
});
