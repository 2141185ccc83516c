import { act, instanceRow, openTask, startApplication } from '../support/household-flow';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

/** Drives a new application through `steps` (outcome per step; `TIMER` advances the clock 7 days). */
async function run(steps: string[]) {
  const { instanceId } = await startApplication(services);
  for (const step of steps) {
    if (step === 'TIMER') {
      services.clock.advance('P7D');
      expect(await services.runtime.fireDueTimers()).toBe(1);
    } else if (step === 'OBJECTION') {
      await services.runtime.sendEvent({ instanceId, event: { type: 'OBJECTION', data: { content: '该户家有小车' } }, actor: await services.actor('ducha') });
    } else {
      await act(services, instanceId, step, { comment: '意见' });
    }
  }
  return instanceId;
}

const toNotice = ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'];
const afterNotice = ['FORWARD', 'APPROVE', 'APPROVE'];

describe('household identification, every branch on the real database', () => {
  it('registers the household when nobody objects during the 7-day notice', async () => {
    const id = await run([...toNotice, 'TIMER', ...afterNotice]);
    expect(await instanceRow(services, id)).toEqual(expect.objectContaining({ state: 'registered', status: 'completed' }));
    const { rows } = await services.db.pool.query('SELECT status, source_instance_id FROM households WHERE source_instance_id = $1', [id]);
    expect(rows).toEqual([{ status: '未脱贫', source_instance_id: id }]);
    // The 7-day notice closed; the registration result stays listed (长期公示): open, with no end.
    const notices = await services.db.pool.query('SELECT kind, status, ends_at FROM notices WHERE instance_id = $1 ORDER BY starts_at', [id]);
    expect(notices.rows).toEqual([{ kind: 'identification', status: 'closed', ends_at: expect.any(Date) }, { kind: 'registration', status: 'open', ends_at: null }]);
  });

  it('ends the public notice exactly when the notice period\'s timer fires', async () => {
    const id = await run(toNotice);
    const { rows } = await services.db.pool.query(
      `SELECT n.ends_at, t.fire_at FROM notices n JOIN timers t ON t.instance_id = n.instance_id AND t.status = 'scheduled' WHERE n.instance_id = $1`, [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].ends_at).toEqual(rows[0].fire_at);
    expect(rows[0].ends_at.getTime() - services.clock.now().getTime()).toBeGreaterThanOrEqual(7 * 86_400_000);
    services.clock.advance('P7D');
    expect(await services.runtime.fireDueTimers()).toBe(1);
  });

  it('continues after an objection is dismissed', async () => {
    const id = await run([...toNotice, 'OBJECTION', 'DISMISS', ...afterNotice]);
    expect((await instanceRow(services, id)).state).toBe('registered');
    const timers = await services.db.pool.query('SELECT status FROM timers WHERE instance_id = $1', [id]);
    expect(timers.rows).toEqual([{ status: 'cancelled' }]);
  });

  it('rejects when an upheld objection excludes the household', async () => {
    const id = await run([...toNotice, 'OBJECTION', 'UPHOLD_REJECT']);
    expect(await instanceRow(services, id)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    // The household is told once; the other rows are the in-app messages of tasks opened on the way.
    const n = await services.db.pool.query(`SELECT template FROM notifications WHERE instance_id = $1 AND kind IS DISTINCT FROM 'task_assigned'`, [id]);
    expect(n.rows).toEqual([{ template: 'identification-rejected' }]);
  });

  it('goes back to villager appraisal when an upheld objection asks for it, and can pass again', async () => {
    const id = await run([...toNotice, 'OBJECTION', 'UPHOLD_REAPPRAISE']);
    expect((await openTask(services, id)).state).toBe('villagerAppraisal');
    await act(services, id, 'PASS');
    expect((await openTask(services, id)).state).toBe('publicNotice.posting');
  });

  it.each([
    ['verification returns to the application', ['SUBMIT', 'RETURN'], 'application'],
    ['the town returns to the village', [...toNotice, 'TIMER', 'FORWARD', 'RETURN'], 'preliminaryOpinion'],
    ['the county returns to the town', [...toNotice, 'TIMER', 'FORWARD', 'APPROVE', 'RETURN'], 'townReview'],
  ])('when %s, the earlier step is open again', async (_name, steps, state) => {
    const id = await run(steps);
    expect((await openTask(services, id)).state).toBe(state);
    expect((await instanceRow(services, id)).status).toBe('running');
  });

  it.each([
    ['verification rejects', ['SUBMIT', 'REJECT']],
    ['the villagers do not pass it', ['SUBMIT', 'VERIFY', 'FAIL']],
    ['the town rejects', [...toNotice, 'TIMER', 'FORWARD', 'REJECT']],
    ['the county rejects', [...toNotice, 'TIMER', 'FORWARD', 'APPROVE', 'REJECT']],
  ])('when %s, the application ends rejected with no open task', async (_name, steps) => {
    const id = await run(steps);
    expect(await instanceRow(services, id)).toEqual(expect.objectContaining({ state: 'rejected', status: 'completed' }));
    const open = await services.db.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [id]);
    expect(open.rows[0].n).toBe(0);
  });

  it('requires a comment to return or reject', async () => {
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    await expect(act(services, instanceId, 'REJECT', { comment: '  ' })).rejects.toMatchObject({ code: 'invalid', fields: { '/comment': [expect.stringContaining('意见')] } });
  });

  it('does not let a user outside the task scope or role complete it: another village does not see it (not found), the town and county see it but may not act', async () => {
    const { instanceId } = await startApplication(services);
    const task = await openTask(services, instanceId);
    await expect(services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data: {}, actor: await services.actor('cun-hezikou') }))
      .rejects.toMatchObject({ code: 'not_found' });
    for (const username of ['zhen-huacheng', 'xian']) {
      await expect(services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data: {}, actor: await services.actor(username) }))
        .rejects.toMatchObject({ code: 'forbidden' });
    }
  });
});
