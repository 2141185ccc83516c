import { createWorkCalendar } from '../../server/src/engine';
import { uploadEvidence } from '../support/evidence-uploads';
import { migrateInstances } from '../../server/src/runtime/migrate-instances';
import type { Database } from '../../server/src/store/database';
import { verifyHistoryChain } from '../../server/src/store/history-chain';
import { exampleFor } from '../support/form-examples';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

let harness: ApiHarness;
let admin: ApiClient;
let clerk: ApiClient;
const KEY = 'household-identification';
const NOTICE_TIMER = `xstate.after.$noticePeriod.${KEY}.publicNotice.running`;
const cases: Record<'atVerification' | 'inNotice' | 'atApplication', string> = { atVerification: '', inNotice: '', atApplication: '' };

/** Renames a state of the document and every target that names it. */
function renameState(doc: any, from: string, to: string) {
  const states = doc.machine.states;
  states[to] = states[from];
  delete states[from];
  const retarget = (node: any) => {
    for (const key of ['on', 'after']) {
      for (const [event, value] of Object.entries(node[key] ?? {})) {
        const fix = (t: any) => (t === from ? to : typeof t === 'object' && t?.target === from ? { ...t, target: to } : t);
        node[key][event] = Array.isArray(value) ? value.map(fix) : fix(value);
      }
    }
    for (const child of Object.values(node.states ?? {})) retarget(child);
  };
  retarget(doc.machine);
}

async function chainOf(instanceId: string) {
  const { rows } = await harness.services.db.pool.query('SELECT instance_id, seq, at, type, actor, payload, prev_hash, hash FROM history WHERE instance_id = $1 ORDER BY seq', [instanceId]);
  return verifyHistoryChain(rows.map((r) => ({ instanceId: r.instance_id, seq: r.seq, at: r.at, type: r.type, actor: r.actor, payload: r.payload, prevHash: r.prev_hash, hash: r.hash })));
}
const snapshotOf = async () => (await harness.services.db.pool.query(
  `SELECT i.id, i.definition_version, i.version, i.state, (SELECT count(*) FROM history h WHERE h.instance_id = i.id)::int AS events,
     (SELECT count(*) FROM tasks t WHERE t.instance_id = i.id AND t.status = 'open')::int AS open_tasks
   FROM instances i WHERE i.definition_key = $1 ORDER BY i.id`, [KEY])).rows;

beforeAll(async () => {
  harness = await startApiHarness();
  admin = await harness.login('admin');
  clerk = await harness.login('cun-dongyuan');
  const start = async () => (await clerk.post('/api/instances', { definitionKey: KEY })).body.id as string;
  cases.atVerification = await start();
  cases.inNotice = await start();
  cases.atApplication = await start();
  await drive(harness, 'dongyuan', cases.atVerification, ['SUBMIT']);
  await drive(harness, 'dongyuan', cases.inNotice, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);

  // Version 2 calls the home visit "homeVisit".
  const draft = await admin.post(`/api/definitions/${KEY}/drafts`, {});
  const doc = structuredClone(draft.body.document);
  renameState(doc, 'verification', 'homeVisit');
  const saved = await admin.request('PUT', `/api/definitions/${KEY}/drafts/2`, { document: doc });
  expect(saved.body.lint).toEqual({ ok: true, issues: [] });
  expect((await admin.post(`/api/definitions/${KEY}/drafts/2/publish`)).status).toBe(200);
}, 60_000);
afterAll(async () => { await harness.close(); });

describe('migrating running instances to a new version over HTTP', () => {
  it('When a state of running instances has no mapping, then dry run and run both refuse with the state named, and nothing changes', async () => {
    const before = await snapshotOf();
    for (const dryRun of [true, false]) {
      const answer = await admin.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: {}, dryRun });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'unmapped_states', fields: { '/mapping/verification': [expect.stringContaining('verification')] } });
    }
    const wrongTarget = await admin.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: { verification: 'homevisit' }, dryRun: true }, { 'accept-language': 'en' });
    expect(wrongTarget.status).toBe(400);
    expect(wrongTarget.body.error.fields['/mapping/verification']).toEqual(['version 2 has no state "homevisit"']);
    const notPublished = await admin.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 2, toVersion: 1, mapping: {}, dryRun: true });
    expect(notPublished.status).toBe(400);
    expect(notPublished.body.error.fields).toHaveProperty(['/toVersion']);
    expect((await admin.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 9, mapping: {}, dryRun: true })).status).toBe(404);
    expect((await clerk.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: { verification: 'homeVisit' }, dryRun: false })).status).toBe(403);
    expect(await snapshotOf()).toEqual(before);
  });

  it('When an admin dry-runs a mapping, then each instance lists what would change and nothing is written', async () => {
    const before = await snapshotOf();
    const { rows: timers } = await harness.services.db.pool.query(`SELECT fire_at FROM timers WHERE instance_id = $1 AND status = 'scheduled'`, [cases.inNotice]);
    const answer = await admin.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: { verification: 'homeVisit' }, dryRun: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ dryRun: true, fromVersion: 1, toVersion: 2, unmapped: [] });
    const byId = new Map(answer.body.items.map((i: any) => [i.instanceId, i]));
    expect(byId.get(cases.atVerification)).toEqual({
      instanceId: cases.atVerification, orgUnitId: '441424130201', fromState: 'verification', toState: 'homeVisit',
      closeTasks: ['verification'], openTasks: ['homeVisit'], cancelTimers: [], scheduleTimers: [], status: 'ok',
    });
    // The notice keeps running to the same end: its timer is moved, not restarted.
    expect(byId.get(cases.inNotice)).toMatchObject({
      fromState: { publicNotice: 'running' }, toState: { publicNotice: 'running' }, closeTasks: [], openTasks: [],
      cancelTimers: [NOTICE_TIMER], scheduleTimers: [{ eventType: NOTICE_TIMER, fireAt: timers[0].fire_at.toISOString() }], status: 'ok',
    });
    expect(byId.get(cases.atApplication)).toMatchObject({ fromState: 'application', toState: 'application', closeTasks: ['application'], openTasks: ['application'] });
    expect(await snapshotOf()).toEqual(before);
  });

  it('When an admin runs the migration, then instances move with their data, tasks and timers, the history chain holds and work goes on', async () => {
    const dataBefore = (await clerk.get(`/api/instances/${cases.atVerification}`)).body.data;
    const answer = await admin.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: { verification: 'homeVisit' }, dryRun: false });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((i: any) => i.status)).toEqual(['migrated', 'migrated', 'migrated']);

    const moved = (await clerk.get(`/api/instances/${cases.atVerification}`)).body;
    expect(moved).toMatchObject({ definitionVersion: 2, state: 'homeVisit', status: 'running', data: dataBefore });
    // (The test clock has not moved: tasks created in the same instant are compared as a set.)
    expect(moved.tasks.map((t: any) => [t.state, t.status, t.definitionVersion]).sort()).toEqual([
      ['application', 'completed', 1], ['homeVisit', 'open', 2], ['verification', 'cancelled', 1]]);
    expect(moved.history[moved.history.length - 1]).toMatchObject({ type: 'migrated', actor: expect.objectContaining({ username: 'admin' }), payload: expect.objectContaining({ fromVersion: 1, toVersion: 2, from: 'verification', to: 'homeVisit' }) });
    for (const id of Object.values(cases)) expect(await chainOf(id)).toEqual({ ok: true, length: expect.any(Number) });

    const audit = await admin.get('/api/admin/audit?action=instance.migrate');
    expect(audit.body.items.map((a: any) => a.target).sort()).toEqual(Object.values(cases).sort());
    expect(audit.body.items[0]).toMatchObject({ actor: { username: 'admin', roles: ['admin'] }, details: expect.objectContaining({ fromVersion: 1, toVersion: 2 }) });

    // The new task works with the runtime; the moved timer fires on version 2.
    const task = await openTaskOf(clerk, cases.atVerification);
    expect(task).toMatchObject({ state: 'homeVisit', definitionVersion: 2 });
    const done = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'VERIFY', data: await uploadEvidence(`${KEY}.verification`, exampleFor(`${KEY}.verification`), { client: clerk, instanceId: cases.atVerification }) });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: cases.atVerification, state: 'villagerAppraisal', definitionVersion: 2, data: expect.objectContaining({ homeVisit: expect.any(Object), application: expect.any(Object) }) });
    expect(done.body.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ state: 'villagerAppraisal', status: 'open' })]));
    const fired = await harness.anonymous.post('/api/test/clock', { advance: 'P7D' });
    expect(fired.body.fired).toBe(1);
    expect((await clerk.get(`/api/instances/${cases.inNotice}`)).body).toMatchObject({ state: 'preliminaryOpinion', definitionVersion: 2 });
    await drive(harness, 'dongyuan', cases.atApplication, ['SUBMIT']);
    expect((await openTaskOf(clerk, cases.atApplication)).state).toBe('homeVisit');
    for (const id of Object.values(cases)) expect((await chainOf(id)).ok).toBe(true);

    // Nothing is left on version 1.
    const again = await admin.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: {}, dryRun: true });
    expect(again.body.items).toEqual([]);
    const listed = (await admin.get(`/api/definitions/${KEY}`)).body.versions;
    expect(listed.map((v: any) => [v.version, v.status, v.runningInstances])).toEqual([[1, 'retired', 0], [2, 'published', 3]]);
  });

  it('When another step changes an instance during its migration, then that instance fails with a message and the others move', async () => {
    const { services } = harness;
    expect((await admin.post(`/api/definitions/${KEY}/drafts`, {})).body.version).toBe(3);
    expect((await admin.post(`/api/definitions/${KEY}/drafts/3/publish`)).status).toBe(200);
    const { rows } = await services.db.pool.query(
      `SELECT id, version FROM instances WHERE definition_key = $1 AND definition_version = 2 AND status = 'running' ORDER BY created_at, id`, [KEY]);
    expect(rows.length).toBe(3);
    const raced = rows[0].id as string;
    const tasksBefore = (await services.db.pool.query('SELECT id, status FROM tasks WHERE instance_id = $1 ORDER BY id', [raced])).rows;
    // The first transaction of the migration meets an instance another step has just changed.
    let first = true;
    const db: Database = {
      ...services.db,
      async transaction(work) {
        if (first) {
          first = false;
          await services.db.pool.query('UPDATE instances SET version = version + 1 WHERE id = $1', [raced]);
        }
        return services.db.transaction(work);
      },
    };
    const result = await migrateInstances(
      { db, tenantId: '441424', clock: services.clock, ids: services.ids, logger: services.logger, calendar: createWorkCalendar(services.county.calendar), catalog: services.catalog },
      { key: KEY, fromVersion: 2, toVersion: 3, mapping: {}, dryRun: false, actor: await services.actor('admin'), locale: 'en' });
    expect(result.kind).toBe('done');
    if (result.kind !== 'done') return;
    expect(result.items.map((i) => [i.instanceId, i.status])).toEqual(rows.map((r, n) => [r.id, n === 0 ? 'failed' : 'migrated']));
    expect(result.items[0].error).toContain('changed while it was being migrated');
    const after = (await services.db.pool.query('SELECT definition_version FROM instances WHERE id = $1', [raced])).rows[0];
    expect(after.definition_version).toBe(2);
    expect((await services.db.pool.query('SELECT id, status FROM tasks WHERE instance_id = $1 ORDER BY id', [raced])).rows).toEqual(tasksBefore);
    expect((await chainOf(raced)).ok).toBe(true);
    const audited = (await admin.get(`/api/admin/audit?action=instance.migrate&target=${raced}`)).body.items;
    expect(audited.length).toBe(1);
  });
});
