import { ForbiddenError, NotFoundError } from '../../server/src/kernel';
import type { Actor } from '../../server/src/kernel';
import { exampleDataFor } from '../support/form-examples';
import { openTask, startApplication } from '../support/household-flow';
import { statementsSentDuring } from '../support/statements-sent';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

describe('completeTask at the database pace', () => {
  it('takes two round trips once the definition and form are cached: the read with the access check, then the step', async () => {
    const clerk = await services.actor('cun-dongyuan');
    const complete = async (instanceId: string, outcome: string) => {
      const task = await openTask(services, instanceId);
      const data = exampleDataFor(task.form_key);
      return statementsSentDuring(() => services.runtime.completeTask({ taskId: task.id, outcome, data, actor: clerk }));
    };
    // The first instance loads the definition version and the forms into the per-version caches.
    const warm = await startApplication(services);
    await complete(warm.instanceId, 'SUBMIT');
    await complete(warm.instanceId, 'VERIFY');

    const { instanceId } = await startApplication(services);
    // SUBMIT runs a domain effect handler in the step's transaction: BEGIN, the step, the handler's rows, COMMIT.
    expect(await complete(instanceId, 'SUBMIT')).toEqual(expect.arrayContaining(['jz_load_task_for_step', 'BEGIN', 'jz_write_step', 'COMMIT']));
    // VERIFY has no domain effect: one read, one statement.
    expect(await complete(instanceId, 'VERIFY')).toEqual(['jz_load_task_for_step', 'jz_write_step']);
  });

  it('decides access in SQL by role and by org path, where a path that only shares a prefix is outside the scope (404), a visible task without the role is 403', async () => {
    const clerk = await services.actor('cun-dongyuan');
    const { instanceId } = await startApplication(services);
    const task = await openTask(services, instanceId);
    const data = exampleDataFor(task.form_key);
    const segments = clerk.orgPath.split('/');
    const village = segments[segments.length - 1];
    // A unit whose id is the clerk's village id minus its last digit: its path is a string prefix of the task's path, not an ancestor.
    const lookalike: Actor = { ...clerk, orgPath: [...segments.slice(0, -1), village.slice(0, -1)].join('/') };
    const noRole: Actor = { ...clerk, roles: ['inspector'] };
    // Outside the scope the task is not even visible: not found, as for a task that does not exist.
    await expect(services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data, actor: lookalike })).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.runtime.claimTask({ taskId: task.id, actor: lookalike })).rejects.toBeInstanceOf(NotFoundError);
    // Within the scope without a candidate role the case is visible but the task not theirs: forbidden.
    await expect(services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data, actor: noRole })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.runtime.claimTask({ taskId: task.id, actor: noRole })).rejects.toBeInstanceOf(ForbiddenError);
    // The same role one level up (the town containing the village) is within scope.
    const townClerk: Actor = { ...clerk, orgPath: segments.slice(0, -1).join('/') };
    await services.runtime.claimTask({ taskId: task.id, actor: townClerk });
    await services.runtime.unclaimTask({ taskId: task.id, actor: townClerk });
  });
});
