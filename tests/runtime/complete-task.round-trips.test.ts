import { chinaDateString, ForbiddenError, NotFoundError, ValidationError } from '../../server/src/kernel';
import { uploadEvidence } from '../support/evidence-uploads';
import type { Actor } from '../../server/src/kernel';
import { exampleDataFor } from '../support/form-examples';
import { ACTOR_FOR_STATE, openTask, startApplication } from '../support/household-flow';
import { statementsSentDuring } from '../support/statements-sent';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

/** The step statement with folded domain effects (prepared once per combination of effects). */
const FOLDED_STEP = /^jz_write_step_[0-9a-f]{12}$/;
/** A step statement (its name says its parts, folded effects or none). */
const STEP = expect.stringMatching(FOLDED_STEP);
/**
 * The application's step: the task read, the org tree's read for the address (before the step: a
 * case's units do not change under it), then one statement with the ID-number claims and the scan's binding.
 */
const SUBMIT_FOLDED = ['jz_load_task_for_step', 'jz_find_address_units', expect.stringMatching(FOLDED_STEP)];

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

describe('completeTask at the database pace', () => {
  it('takes two round trips once the definition and form are cached: the read with the access check, then the step', async () => {
    const clerk = await services.actor('cun-dongyuan');
    const complete = async (instanceId: string, outcome: string) => {
      const task = await openTask(services, instanceId);
      const data = await uploadEvidence(task.form_key, exampleDataFor(task.form_key), { services, actor: clerk, instanceId });
      return statementsSentDuring(() => services.runtime.completeTask({ taskId: task.id, outcome, data, actor: clerk }));
    };
    // The first instance loads the definition version and the forms into the per-version caches.
    const warm = await startApplication(services);
    await complete(warm.instanceId, 'SUBMIT');
    await complete(warm.instanceId, 'VERIFY');

    const { instanceId } = await startApplication(services);
    // SUBMIT checks the address against the org tree before the step; its statement claims the ID
    // numbers (release, claim) and binds the application's scan.
    expect(await complete(instanceId, 'SUBMIT')).toEqual(SUBMIT_FOLDED);
    // VERIFY binds the visit photos to the case in the step's statement.
    expect(await complete(instanceId, 'VERIFY')).toEqual(['jz_load_task_for_step', expect.stringMatching(FOLDED_STEP)]);
  });

  it('folds the notice, its closing, the registry row with its claims into the step statement, the same rows as before', async () => {
    const path = ['SUBMIT', 'VERIFY', 'PASS', 'POSTED', 'TIMER', 'FORWARD', 'APPROVE', 'APPROVE'];
    const drive = async (instanceId: string) => {
      const sent: Record<string, string[]> = {};
      for (const [i, outcome] of path.entries()) {
        if (outcome === 'TIMER') {
          services.clock.advance('P7D');
          sent[`${i}:${outcome}`] = await statementsSentDuring(async () => expect(await services.runtime.fireDueTimers()).toBe(1));
          continue;
        }
        const task = await openTask(services, instanceId);
        const actor = await services.actor(ACTOR_FOR_STATE[task.state]);
        const data = await uploadEvidence(task.form_key, exampleDataFor(task.form_key), { services, actor, instanceId });
        sent[`${i}:${outcome}`] = await statementsSentDuring(() => services.runtime.completeTask({ taskId: task.id, outcome, actor, data, comment: '同意' }));
      }
      return sent;
    };
    // A first case loads every form of the path into the cache; the second case is measured.
    await drive((await startApplication(services)).instanceId);
    const { instanceId } = await startApplication(services);
    const sent = await drive(instanceId);
    const twoTrips = ['jz_load_task_for_step', expect.stringMatching(FOLDED_STEP)];
    // SUBMIT claims, PASS publishes the notice, the county's APPROVE registers the household (row, member claims) and publishes the long-term notice.
    expect(sent).toEqual({
      // VERIFY binds the visit photos in the step's statement.
      '0:SUBMIT': SUBMIT_FOLDED, '1:VERIFY': twoTrips, '2:PASS': twoTrips,
      // POSTED sets the notice's end to the new timer's and binds the posting photos in the step's statement, which
      // holds the places to the village's groups in the org tree.
      '3:POSTED': twoTrips,
      // The timer's step closes the notice (the due timers' list, then the timer with its instance, are read before it).
      '4:TIMER': ['SELECT', 'jz_load_timer_for_step', expect.stringMatching(FOLDED_STEP)],
      '5:FORWARD': ['jz_load_task_for_step', STEP], '6:APPROVE': ['jz_load_task_for_step', STEP], '7:APPROVE': twoTrips,
    });

    const { rows: notices } = await services.db.pool.query('SELECT kind, status, closed_at IS NOT NULL AS closed FROM notices WHERE instance_id = $1 ORDER BY starts_at', [instanceId]);
    expect(notices).toEqual([{ kind: 'identification', status: 'closed', closed: true }, { kind: 'registration', status: 'open', closed: false }]);
    const { rows: [household] } = await services.db.pool.query('SELECT id, status, head_id_number FROM households WHERE source_instance_id = $1', [instanceId]);
    expect(household.status).toBe('未脱贫');
    const { rows: claims } = await services.db.pool.query('SELECT id_number, household_id FROM id_number_claims WHERE instance_id = $1', [instanceId]);
    expect(claims.length).toBeGreaterThan(1);
    expect(claims.every((c) => c.household_id === household.id)).toBe(true);
    expect(claims.map((c) => c.id_number)).toContain(household.head_id_number);
  });

  it('a claim that refuses (an ID number another case holds) writes nothing, and the step in a transaction names the holder', async () => {
    const clerk = await services.actor('cun-dongyuan');
    const first = await startApplication(services);
    const firstTask = await openTask(services, first.instanceId);
    const data = exampleDataFor(firstTask.form_key);
    await services.runtime.completeTask({ taskId: firstTask.id, outcome: 'SUBMIT', data, actor: clerk });
    const second = await startApplication(services);
    const task = await openTask(services, second.instanceId);
    const before = await services.db.pool.query('SELECT version, data FROM instances WHERE id = $1', [second.instanceId]);
    let error: unknown;
    const sent = await statementsSentDuring(() => services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data, actor: clerk }).catch((err: unknown) => { error = err; }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.values((error as ValidationError).fields).flat().join(' ')).toMatch(/已在.*申请/);
    // The step's statement is refused as a whole; the step in a transaction finds the holder and rolls back.
    expect(sent.slice(0, 5)).toEqual(['jz_load_task_for_step', 'jz_find_address_units', expect.stringMatching(FOLDED_STEP), 'BEGIN', STEP]);
    expect(sent[sent.length - 1]).toBe('ROLLBACK');
    expect((await services.db.pool.query('SELECT version, data FROM instances WHERE id = $1', [second.instanceId])).rows).toEqual(before.rows);
    expect((await services.db.pool.query('SELECT count(*)::int AS n FROM id_number_claims WHERE instance_id = $1', [second.instanceId])).rows[0].n).toBe(0);
    expect((await services.db.pool.query('SELECT count(*)::int AS n FROM history WHERE instance_id = $1', [second.instanceId])).rows[0].n).toBe(1);
  });

  it('a posting that leaves out a 村民小组 refuses the step\'s statement; the step in a transaction names the groups and writes nothing', async () => {
    const clerk = await services.actor('cun-dongyuan');
    const { instanceId } = await startApplication(services);
    for (const outcome of ['SUBMIT', 'VERIFY', 'PASS']) {
      const task = await openTask(services, instanceId);
      const data = await uploadEvidence(task.form_key, exampleDataFor(task.form_key), { services, actor: clerk, instanceId });
      await services.runtime.completeTask({ taskId: task.id, outcome, data, actor: clerk });
    }
    const task = await openTask(services, instanceId);
    const posting = { ...(exampleDataFor(task.form_key) as Record<string, unknown>), places: ['董源村村委会公告栏', '第一村民小组', '第三村民小组'] };
    const data = await uploadEvidence(task.form_key, posting, { services, actor: clerk, instanceId });
    const before = await services.db.pool.query(`SELECT i.version, n.ends_at FROM instances i JOIN notices n ON n.instance_id = i.id WHERE i.id = $1`, [instanceId]);
    let error: unknown;
    const sent = await statementsSentDuring(() => services.runtime.completeTask({ taskId: task.id, outcome: 'POSTED', data, actor: clerk }).catch((err: unknown) => { error = err; }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields['/places'].join(' ')).toMatch(/还缺：第二村民小组、第四村民小组、第五村民小组/);
    expect(sent.slice(0, 4)).toEqual(['jz_load_task_for_step', expect.stringMatching(FOLDED_STEP), 'BEGIN', STEP]);
    expect(sent[sent.length - 1]).toBe('ROLLBACK');
    expect((await services.db.pool.query(`SELECT i.version, n.ends_at FROM instances i JOIN notices n ON n.instance_id = i.id WHERE i.id = $1`, [instanceId])).rows).toEqual(before.rows);
    expect((await services.db.pool.query('SELECT count(*)::int AS n FROM timers WHERE instance_id = $1', [instanceId])).rows[0].n).toBe(0);

    // Every group named (within a longer place too): the one statement sets the notice's end to the new timer's.
    // Posted two days after the notice opened: the 7 days, and so the notice, count from that day.
    const day = (offset: number) => chinaDateString(new Date(services.clock.now().getTime() + offset * 86_400_000));
    const all = await uploadEvidence(task.form_key, {
      ...posting, postedFrom: day(2), postedUntil: day(8), places: ['董源村村委会公告栏', '第一村民小组、第二村民小组祠堂前', '第三村民小组', '第四村民小组', '第五村民小组'],
    }, { services, actor: clerk, instanceId });
    expect(await statementsSentDuring(() => services.runtime.completeTask({ taskId: task.id, outcome: 'POSTED', data: all, actor: clerk })))
      .toEqual(['jz_load_task_for_step', expect.stringMatching(FOLDED_STEP)]);
    const { rows: [ends] } = await services.db.pool.query(`SELECT n.ends_at, t.fire_at FROM notices n JOIN timers t ON t.instance_id = n.instance_id AND t.status = 'scheduled' WHERE n.instance_id = $1`, [instanceId]);
    expect(ends.ends_at).toEqual(ends.fire_at);
    expect(ends.ends_at).toEqual(new Date(`${day(9)}T00:00:00+08:00`));
    expect(ends.ends_at).not.toEqual(before.rows[0].ends_at);
  });

  it('evidence that is not the submitter\'s own refuses the step\'s statement; the step in a transaction names the field and writes nothing', async () => {
    const clerk = await services.actor('cun-dongyuan');
    const colleague = await services.actor('cun-hezikou');
    const { instanceId } = await startApplication(services);
    const task = await openTask(services, instanceId);
    // The application's scan (an example placeholder, replaced by an upload): the colleague's, for no case.
    const withScan = () => ({ ...exampleDataFor(task.form_key), applicationRef: '00000000-0000-4000-8000-000000000001' });
    const data = await uploadEvidence(task.form_key, withScan(), { services, actor: colleague });
    const theirs = (data as { applicationRef: string }).applicationRef;
    const before = await services.db.pool.query('SELECT version, data FROM instances WHERE id = $1', [instanceId]);
    let error: unknown;
    const sent = await statementsSentDuring(() => services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data, actor: clerk }).catch((err: unknown) => { error = err; }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ '/applicationRef': ['只能使用本人为本案件上传的文件，请重新上传'] });
    expect(sent.slice(0, 5)).toEqual(['jz_load_task_for_step', 'jz_find_address_units', expect.stringMatching(FOLDED_STEP), 'BEGIN', STEP]);
    expect(sent[sent.length - 1]).toBe('ROLLBACK');
    expect((await services.db.pool.query('SELECT version, data FROM instances WHERE id = $1', [instanceId])).rows).toEqual(before.rows);
    expect((await services.db.pool.query('SELECT instance_id FROM attachments WHERE id = $1', [theirs])).rows).toEqual([{ instance_id: null }]);
    expect((await services.db.pool.query('SELECT count(*)::int AS n FROM id_number_claims WHERE instance_id = $1', [instanceId])).rows[0].n).toBe(0);

    // The clerk's own upload for no case binds in the one statement.
    const own = await uploadEvidence(task.form_key, withScan(), { services, actor: clerk });
    expect(await statementsSentDuring(() => services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', data: own, actor: clerk })))
      .toEqual(['jz_load_task_for_step', 'jz_find_address_units', expect.stringMatching(FOLDED_STEP)]);
    const ownRef = (own as { applicationRef: string }).applicationRef;
    expect((await services.db.pool.query('SELECT instance_id FROM attachments WHERE id = $1', [ownRef])).rows).toEqual([{ instance_id: instanceId }]);
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
