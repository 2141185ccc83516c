/**
 * The snapshots a node keeps of the cases it stepped last: the next step's read leaves the
 * snapshot and form data out only when the row is at the history hash the node holds, so a step
 * written elsewhere (another node), or one rolled back, is read from the database as before.
 */
import { transition } from 'xstate';
import { createActionHandlers } from '../../server/src/domain/action-handlers';
import { createRecordWriters } from '../../server/src/domain/records';
import { createWorkCalendar, persistedOf, restoreSnapshot } from '../../server/src/engine';
import { createFormValidator } from '../../server/src/forms';
import { ConflictError } from '../../server/src/kernel';
import { createRuntime } from '../../server/src/runtime';
import { createSnapshotMemory } from '../../server/src/runtime/snapshot-memory';
import { findInstanceForStep } from '../../server/src/store/instances.repository';
import { verifyHistoryChain } from '../../server/src/store/history-chain';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor } from '../support/form-examples';
import { ACTOR_FOR_STATE, act, instanceRow, openTask, startApplication } from '../support/household-flow';
import { watchStatements } from '../support/statements-sent';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

/** The snapshot column of every task or timer read for a step answered while `work` runs: null when the read left it out. */
async function snapshotsReadDuring(work: () => Promise<unknown>): Promise<Array<'held' | 'fetched'>> {
  const seen: Array<'held' | 'fetched'> = [];
  await watchStatements(work, {
    answered: (s, rows) => {
      if (typeof s === 'string' || !/^jz_load_(task|timer)_for_step$/.test(s.name ?? '')) return;
      for (const row of rows as Array<{ snapshot: unknown }>) seen.push(row.snapshot === null ? 'held' : 'fetched');
    },
  });
  return seen;
}

/** A second node's runtime on the same database, with its own memory. */
function otherNode() {
  return createRuntime({
    db: services.db, tenantId: services.config.tenantId, clock: services.clock, ids: services.ids, logger: services.logger,
    calendar: createWorkCalendar(services.county.calendar), catalog: services.catalog, forms: createFormValidator(), configForYear: services.configForYear,
    actionHandlers: createActionHandlers(createRecordWriters()), snapshots: createSnapshotMemory(),
  });
}

async function completeOn(runtime: Pick<TestServices['runtime'], 'completeTask'>, instanceId: string, outcome: string) {
  const task = await openTask(services, instanceId);
  const actor = await services.actor(ACTOR_FOR_STATE[task.state]);
  const data = await uploadEvidence(task.form_key, exampleDataFor(task.form_key), { services, actor, instanceId });
  return runtime.completeTask({ taskId: task.id, outcome, actor, data, comment: '同意' });
}

describe('the snapshots a node keeps', () => {
  it('a case stepped here is read without its snapshot and data next time, and steps as from the stored one', async () => {
    const { instanceId } = await startApplication(services);
    // The start was stepped here: the application's read leaves the snapshot out.
    expect(await snapshotsReadDuring(() => act(services, instanceId, 'SUBMIT'))).toEqual(['held']);
    expect(await snapshotsReadDuring(() => act(services, instanceId, 'VERIFY'))).toEqual(['held']);
    const row = await instanceRow(services, instanceId);
    expect(row.version).toBe(3);
    expect(row.data).toEqual(expect.objectContaining({ application: expect.any(Object), verification: expect.any(Object) }));
    expect((await openTask(services, instanceId)).state).toBe('villagerAppraisal');

    // What the node holds is what the database would give: the same snapshot, restored the same.
    const fromDb = (await findInstanceForStep(services.db.pool, services.config.tenantId, instanceId))!;
    const held = services.snapshots.recall(instanceId)!;
    expect(held.hash).toBe(fromDb.historyHash);
    expect(JSON.parse(JSON.stringify(held.snapshot))).toEqual(fromDb.snapshot);
  });

  it('a step written by another node is read from the database, and the chain and data stay whole', async () => {
    const other = otherNode();
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    const verification = await openTask(services, instanceId);
    const stale = services.snapshots.recall(verification.id)!;
    expect(stale).toBeDefined();

    // The other node verifies: this node still holds the case as it was after SUBMIT.
    expect(await snapshotsReadDuring(() => completeOn(other, instanceId, 'VERIFY'))).toEqual(['fetched']);
    expect(services.snapshots.recall(instanceId)!.hash).toBe(stale.hash);

    // Read with the stale hash, the database sends the stored snapshot, with the verification in it.
    const read = (await findInstanceForStep(services.db.pool, services.config.tenantId, instanceId, stale))!;
    expect(read.historyHash).not.toBe(stale.hash);
    expect((read.snapshot.context as any).data.verification).toBeDefined();
    expect((stale.snapshot.context as any).data.verification).toBeUndefined();

    // The verification task again, on this node that holds it: the stored row is read, and the task is closed.
    const verifier = await services.actor(ACTOR_FOR_STATE.verification);
    let refused: unknown;
    expect(await snapshotsReadDuring(() => services.runtime.completeTask({ taskId: verification.id, outcome: 'VERIFY', actor: verifier, data: {} })
      .catch((err: unknown) => { refused = err; }))).toEqual(['fetched']);
    expect(refused).toBeInstanceOf(ConflictError);

    // This node goes on from the other node's step.
    expect(await snapshotsReadDuring(() => act(services, instanceId, 'PASS'))).toEqual(['fetched']);
    expect((await openTask(services, instanceId)).state).toBe('publicNotice.posting');
    expect((await instanceRow(services, instanceId)).data).toEqual(expect.objectContaining({ verification: expect.any(Object), villagerAppraisal: expect.any(Object) }));
    const { rows } = await services.db.pool.query('SELECT seq, at, type, actor, payload, prev_hash, hash FROM history WHERE instance_id = $1 ORDER BY seq', [instanceId]);
    const head = (await services.db.pool.query('SELECT history_seq, history_hash FROM instances WHERE id = $1', [instanceId])).rows[0];
    expect(verifyHistoryChain(rows.map((r) => ({ instanceId, seq: r.seq, at: r.at, type: r.type, actor: r.actor, payload: r.payload, prevHash: r.prev_hash, hash: r.hash })), { seq: head.history_seq, hash: head.history_hash }))
      .toEqual({ ok: true, length: 4 });
  });

  it('a step rolled back leaves nothing to trust: the next read fetches the stored snapshot', async () => {
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    const clerk = await services.actor('cun-dongyuan');
    // The verification as a step inside a caller's transaction that then fails: the node kept the
    // step's snapshot (in 村民评议) at a hash no row has.
    await expect(services.db.transaction(async (tx) => {
      await services.runtime.sendEvent({ instanceId, event: { type: 'VERIFY', data: exampleDataFor('household-identification.verification') }, actor: clerk }, tx);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await instanceRow(services, instanceId)).version).toBe(2);
    // The verification task is still open: its read sends that hash and is answered with the stored row.
    expect(await snapshotsReadDuring(() => act(services, instanceId, 'VERIFY'))).toEqual(['fetched']);
    expect((await openTask(services, instanceId)).state).toBe('villagerAppraisal');
    expect((await instanceRow(services, instanceId)).version).toBe(3);
  });

  it('lets a completed case go, and holds at most maxKept ids', () => {
    const memory = createSnapshotMemory({ maxKept: 3 });
    memory.keep('case-1', 'h1', { value: 'a' }, ['task-1', 'timer-1']);
    expect(memory.recall('task-1')).toEqual({ hash: 'h1', snapshot: { value: 'a' } });
    // The next step updates what every id of the case recalls.
    memory.keep('case-1', 'h2', { value: 'b' }, ['task-2']);
    expect(memory.size).toBe(3);
    expect(memory.recall('timer-1')).toEqual({ hash: 'h2', snapshot: { value: 'b' } });
    expect(memory.recall('task-1')).toBeUndefined(); // the least recently used id went
    memory.forget('case-1');
    expect(memory.recall('task-2')).toBeUndefined();
    expect(memory.recall('case-1')).toBeUndefined();
  });
});

describe('the persisted snapshot of a step', () => {
  it('is what XState persists, and restores to the snapshot the step made', async () => {
    const def = (await services.catalog.current(services.config.tenantId, 'household-identification')).loaded;
    const { instanceId } = await startApplication(services);
    const stored = (await findInstanceForStep(services.db.pool, services.config.tenantId, instanceId))!;
    const current = restoreSnapshot(def, JSON.parse(JSON.stringify(stored.snapshot)));
    const [next] = transition(def.machine, current, { type: 'SUBMIT', data: exampleDataFor('household-identification.application') });
    expect(next.value).toEqual('verification');
    const persisted = persistedOf(def.machine, next);
    expect(persisted).toEqual(def.machine.getPersistedSnapshot(next));
    // Its JSON, as stored, restores to the same state and context.
    const restored = restoreSnapshot(def, JSON.parse(JSON.stringify(persisted)));
    expect(restored.value).toEqual(next.value);
    expect(restored.context).toEqual(JSON.parse(JSON.stringify(next.context)));
  });
});
