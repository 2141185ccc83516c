import { ConflictError } from '../../server/src/kernel';
import { exampleFor } from '../support/form-examples';
import { openTask, startApplication } from '../support/household-flow';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

describe('completeTask under concurrency', () => {
  it('lets exactly one of 50 parallel completions of one task win; the others get a conflict and one successor task opens', async () => {
    const { instanceId } = await startApplication(services);
    const task = await openTask(services, instanceId);
    const clerk = await services.actor('cun-dongyuan');
    const data = exampleFor(task.form_key);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () =>
      services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data, actor: clerk })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect(r.reason).toBeInstanceOf(ConflictError);
    const { rows } = await services.db.pool.query(`SELECT state, status FROM tasks WHERE instance_id = $1 ORDER BY created_at, state`, [instanceId]);
    expect(rows).toEqual([{ state: 'application', status: 'completed' }, { state: 'verification', status: 'open' }]);
    const history = await services.db.pool.query('SELECT count(*)::int AS n FROM history WHERE instance_id = $1', [instanceId]);
    expect(history.rows[0].n).toBe(2);
  });

  it('refuses a claim of a task someone else holds, naming the holder', async () => {
    const { instanceId } = await startApplication(services);
    const task = await openTask(services, instanceId);
    const clerk = await services.actor('cun-dongyuan');
    await services.runtime.claimTask({ taskId: task.id, actor: clerk });
    // Same user again is fine (idempotent); a second clerk of the same village does not exist, so fake one with the same scope.
    await services.runtime.claimTask({ taskId: task.id, actor: clerk });
    const other = { ...clerk, userId: (await services.actor('cun-hezikou')).userId, username: 'cun-hezikou' };
    await expect(services.runtime.claimTask({ taskId: task.id, actor: other })).rejects.toThrow('already claimed by cun-dongyuan');
    await expect(services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data: exampleFor(task.form_key), actor: other }))
      .rejects.toMatchObject({ code: 'task_claimed' });
    await services.runtime.unclaimTask({ taskId: task.id, actor: clerk });
    await services.runtime.claimTask({ taskId: task.id, actor: other });
  });
});
