import { exampleFor } from '../support/form-examples';
import { uploadEvidence } from '../support/evidence-uploads';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

let harness: ApiHarness;
let admin: ApiClient;
let clerk: ApiClient;
beforeAll(async () => {
  harness = await startApiHarness();
  admin = await harness.login('admin');
  clerk = await harness.login('cun-dongyuan');
});
afterAll(async () => { await harness.close(); });

const KEY = 'household-identification';
const VERIFICATION = `${KEY}.verification`;

async function startCase() {
  const answer = await clerk.post('/api/instances', { definitionKey: KEY });
  expect(answer.status).toBe(201);
  return answer.body as { id: string; definitionVersion: number };
}
async function auditActions(action: string) {
  const answer = await admin.get(`/api/admin/audit?action=${action}&pageSize=200`);
  expect(answer.status).toBe(200);
  return answer.body.items as Array<{ action: string; target: string; actor: { username: string } }>;
}

describe('admin editing of definitions over HTTP', () => {
  it('When an admin drafts, breaks, fixes and publishes a version, then new cases run on it and older ones finish on theirs', async () => {
    const old = await startCase();
    await drive(harness, 'dongyuan', old.id, ['SUBMIT']);
    expect(old.definitionVersion).toBe(1);

    const draft = await admin.post(`/api/definitions/${KEY}/drafts`, {});
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ key: KEY, version: 2, status: 'draft', lint: { ok: true, issues: [] } });
    expect(draft.body.formVersions[VERIFICATION]).toBe(1);
    const again = await admin.post(`/api/definitions/${KEY}/drafts`, { fromVersion: 1 });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);

    // Saved with lint errors: an orphan state and an outcome nobody handles.
    const broken = structuredClone(draft.body.document);
    broken.machine.states.orphan = { type: 'final' };
    broken.machine.states.verification.meta.task.outcomes.push({ event: 'ESCALATE', label: { zh: '上报' } });
    const saved = await admin.request('PUT', `/api/definitions/${KEY}/drafts/2`, { document: broken });
    expect(saved.status).toBe(200);
    expect(saved.body.lint.ok).toBe(false);
    expect(saved.body.lint.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'unreachable_state', stateId: 'orphan', path: '/machine/states/orphan' }),
      expect.objectContaining({ code: 'unhandled_event', stateId: 'verification', path: '/machine/states/verification/meta/task/outcomes/3' }),
    ]));
    const refused = await admin.post(`/api/definitions/${KEY}/drafts/2/publish`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('lint_failed');
    expect(refused.body.error.fields['/machine/states/orphan'][0]).toContain('无法从初始状态到达');
    // Two errors; the new outcome also draws the warning that it may disagree with the form's conclusion.
    expect(refused.body.error.issues.filter((i: { severity: string }) => i.severity === 'error').length).toBe(2);
    expect(refused.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'outcome_may_disagree', severity: 'warning', field: 'conclusion' })]));
    expect((await clerk.post('/api/instances', { definitionKey: KEY })).body.definitionVersion).toBe(1);

    // The unsaved-document lint answers in English on request.
    const linted = await admin.post(`/api/definitions/${KEY}/lint`, { document: broken }, { 'accept-language': 'en' });
    expect(linted.status).toBe(200);
    expect(linted.body.issues.find((i: any) => i.code === 'unreachable_state').message).toContain('cannot be reached');

    // Not a definition at all: 400 with the field; the stored draft is untouched.
    const notADefinition = await admin.request('PUT', `/api/definitions/${KEY}/drafts/2`, { document: { machine: 'states' } });
    expect(notADefinition.status).toBe(400);
    expect(notADefinition.body.error.fields).toHaveProperty(['/document/machine']);

    const fixed = structuredClone(draft.body.document);
    fixed.machine.states.verification.meta.task.title = { zh: '入户核实（新版）', en: 'Home visit (new)' };
    const good = await admin.request('PUT', `/api/definitions/${KEY}/drafts/2`, { document: fixed });
    expect(good.body.lint).toEqual({ ok: true, issues: [] });
    expect((await admin.request('PUT', `/api/definitions/${KEY}/drafts/1`, { document: fixed })).status).toBe(409);

    // Nobody but the admin sees the draft.
    const listed = await clerk.get('/api/definitions');
    const mine = listed.body.items.find((d: any) => d.key === KEY);
    expect(mine.versions.map((v: any) => v.version)).toEqual([1]);
    expect(mine.versions[0].runningInstances).toBeUndefined();
    expect((await clerk.get(`/api/definitions/${KEY}/versions/2`)).status).toBe(404);
    expect((await clerk.get(`/api/definitions/${KEY}/versions/1`)).body.document).toBeUndefined();
    expect((await admin.get(`/api/definitions/${KEY}/versions/2`)).body.document.machine.states.verification.meta.task.title.zh).toBe('入户核实（新版）');
    // The editor shows `$noticePeriod` as the county's period of the year: the admin's answer names it.
    expect((await admin.get(`/api/definitions/${KEY}/versions/2`)).body.delays).toMatchObject({ noticePeriod: 'P7D', planNoticePeriod: 'P10D' });
    expect((await clerk.get(`/api/definitions/${KEY}/versions/1`)).body.delays).toBeUndefined();

    const published = await admin.post(`/api/definitions/${KEY}/drafts/2/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ key: KEY, version: 2, status: 'published', formVersions: expect.objectContaining({ [VERIFICATION]: 1 }) });
    expect((await admin.post(`/api/definitions/${KEY}/drafts/2/publish`)).status).toBe(409);

    const overview = (await admin.get('/api/definitions')).body.items.find((d: any) => d.key === KEY);
    expect(overview.currentVersion).toBe(2);
    expect(overview.versions).toEqual([
      expect.objectContaining({ version: 1, status: 'retired', runningInstances: 2 }),
      expect.objectContaining({ version: 2, status: 'published', runningInstances: 0 }),
    ]);
    // A retired version stays readable for the cases that run on it.
    expect((await clerk.get(`/api/definitions/${KEY}/versions/1`)).body.status).toBe('retired');

    const fresh = await startCase();
    expect(fresh.definitionVersion).toBe(2);
    await drive(harness, 'dongyuan', fresh.id, ['SUBMIT']);
    expect((await openTaskOf(clerk, fresh.id))).toMatchObject({ state: 'verification', title: '入户核实（新版）', definitionVersion: 2 });
    expect((await openTaskOf(clerk, old.id))).toMatchObject({ state: 'verification', definitionVersion: 1 });
    expect((await openTaskOf(clerk, old.id)).title).not.toBe('入户核实（新版）');

    // The old case goes to the end on version 1.
    await drive(harness, 'dongyuan', old.id, ['VERIFY', 'PASS', 'POSTED']);
    await harness.anonymous.post('/api/test/clock', { advance: 'P7D' });
    await drive(harness, 'dongyuan', old.id, ['FORWARD', 'APPROVE', 'APPROVE']);
    const done = await clerk.get(`/api/instances/${old.id}`);
    expect(done.body).toMatchObject({ status: 'completed', state: 'registered', definitionVersion: 1 });

    const diff = await admin.get(`/api/definitions/${KEY}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.states.changed).toEqual([{ id: 'verification', changes: ['task title changed'] }]);
    expect(diff.body.transitions).toEqual({ added: [], removed: [], changed: [] });

    expect((await auditActions('definition.draft')).map((a) => a.target)).toContain(`${KEY}@2`);
    expect((await auditActions('definition.save')).filter((a) => a.target === `${KEY}@2`).length).toBe(2);
    expect((await auditActions('definition.publish'))[0]).toMatchObject({ target: `${KEY}@2`, actor: { username: 'admin' } });
  }, 60_000);

  it('When an admin saves a form draft, then published forms and earlier cases keep their version until a definition publishes it', async () => {
    const before = await startCase();
    await drive(harness, 'dongyuan', before.id, ['SUBMIT']);
    const current = (await clerk.get(`/api/forms/${VERIFICATION}`)).body;
    const schema = structuredClone(current.schema);
    schema.required = [...schema.required, 'visitNote'];
    schema.properties.visitNote = { title: '走访记录', 'x-title-en': 'Visit note', type: 'string', minLength: 2 };
    schema.examples = [{ ...schema.examples[0], visitNote: '户主在家，情况属实' }];

    const bad = await admin.request('PUT', `/api/forms/${VERIFICATION}`, { title: current.title, schema: { ...schema, type: 'nonsense' }, uiSchema: current.uiSchema });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(['/schema']);
    const badExample = await admin.request('PUT', `/api/forms/${VERIFICATION}`, { title: current.title, schema: { ...schema, examples: [current.schema.examples[0]] }, uiSchema: current.uiSchema });
    expect(badExample.status).toBe(400);
    expect(Object.keys(badExample.body.error.fields)).toEqual(['/schema/examples/0/visitNote']);
    expect((await clerk.request('PUT', `/api/forms/${VERIFICATION}`, { title: current.title, schema })).status).toBe(403);

    const saved = await admin.request('PUT', `/api/forms/${VERIFICATION}`, { title: current.title, schema, uiSchema: current.uiSchema });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ key: VERIFICATION, version: 2, status: 'draft' });
    expect((await admin.request('PUT', `/api/forms/${VERIFICATION}`, { title: current.title, schema, uiSchema: current.uiSchema })).body.version).toBe(2);

    expect((await clerk.get(`/api/forms/${VERIFICATION}`)).body).toMatchObject({ version: 1, status: 'published' });
    expect((await clerk.get(`/api/forms/${VERIFICATION}?draft=true`)).status).toBe(404);
    expect((await clerk.get(`/api/forms/${VERIFICATION}?version=2`)).status).toBe(404);
    expect((await admin.get(`/api/forms/${VERIFICATION}?draft=true`)).body).toMatchObject({ version: 2, status: 'draft' });

    // A new definition draft pins the form draft; publishing it publishes the form.
    const draft = await admin.post(`/api/definitions/${KEY}/drafts`, {});
    expect(draft.status).toBe(201);
    expect(draft.body.formVersions[VERIFICATION]).toBe(2);
    const published = await admin.post(`/api/definitions/${KEY}/drafts/${draft.body.version}/publish`);
    expect(published.status).toBe(200);
    expect((await clerk.get(`/api/forms/${VERIFICATION}`)).body).toMatchObject({ version: 2, status: 'published' });

    // The case started before keeps form version 1: the old data still completes its task.
    const oldTask = await openTaskOf(clerk, before.id);
    const oldData = await uploadEvidence(VERIFICATION, exampleFor(VERIFICATION), { client: clerk, instanceId: before.id });
    expect((await clerk.post(`/api/tasks/${oldTask.id}/complete`, { outcome: 'VERIFY', data: oldData })).status).toBe(200);

    const after = await startCase();
    expect(after.definitionVersion).toBe(draft.body.version);
    await drive(harness, 'dongyuan', after.id, ['SUBMIT']);
    const task = await openTaskOf(clerk, after.id);
    const refused = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'VERIFY', data: exampleFor(VERIFICATION) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty(['/visitNote']);
    const newData = await uploadEvidence(VERIFICATION, { ...exampleFor(VERIFICATION), visitNote: '户主在家' }, { client: clerk, instanceId: after.id });
    expect((await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'VERIFY', data: newData })).status).toBe(200);

    expect((await auditActions('form.save')).filter((a) => a.target === `${VERIFICATION}@2`).length).toBe(2);
  }, 60_000);

  it('When an admin creates a definition, then its first version is a minimal draft that publishes and starts', async () => {
    const created = await admin.post('/api/definitions', { key: 'small-grant', title: { zh: '小额补助', en: 'Small grant' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'small-grant', version: 1, status: 'draft', lint: { ok: true } });
    expect((await admin.post('/api/definitions', { key: 'small-grant', title: '又一个' })).status).toBe(409);
    expect((await admin.post('/api/definitions', { key: 'Small Grant', title: '小额' })).status).toBe(400);
    expect((await clerk.post('/api/definitions', { key: 'clerk-grant', title: '小额' })).status).toBe(403);
    expect((await clerk.post('/api/instances', { definitionKey: 'small-grant' })).status).toBe(404);

    expect((await admin.post('/api/definitions/small-grant/drafts/1/publish')).status).toBe(200);
    const started = await clerk.post('/api/instances', { definitionKey: 'small-grant' });
    expect(started.status).toBe(201);
    const task = await openTaskOf(clerk, started.body.id);
    const completed = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: { text: '申请小额补助' } });
    expect(completed.body).toMatchObject({ status: 'completed', state: 'done' });
    expect((await auditActions('definition.create')).map((a) => a.target)).toEqual(['small-grant@1']);
  });

  it('When an admin simulates a document, then the steps run with the forms and the clock of the simulation, and nothing is stored', async () => {
    const { document } = (await admin.get(`/api/definitions/${KEY}/versions/1`)).body;
    const countBefore = (await harness.services.db.pool.query('SELECT count(*)::int AS n FROM instances')).rows[0].n;
    const steps = [
      { kind: 'outcome', outcome: 'SUBMIT', data: exampleFor(`${KEY}.application`) },
      // The draft pins the newest published verification form: the one with the visit note (test above).
      { kind: 'outcome', outcome: 'VERIFY', data: { ...exampleFor(VERIFICATION), visitNote: '户主在家' } },
      { kind: 'outcome', outcome: 'PASS', data: exampleFor(`${KEY}.villagerAppraisal`) },
      { kind: 'outcome', outcome: 'POSTED', data: exampleFor(`${KEY}.publicNotice`) },
      { kind: 'advance', duration: 'P7D' },
    ];
    const answer = await admin.post(`/api/definitions/${KEY}/simulate`, { document, startAt: '2026-05-04T01:00:00Z', steps });
    expect(answer.status).toBe(200);
    expect(answer.body.steps.map((s: any) => s.accepted)).toEqual([true, true, true, true, true, true]);
    expect(answer.body.steps[5].timersFired).toEqual([{ eventType: `xstate.after.$noticePeriod.${KEY}.publicNotice.running`, at: '2026-05-11T01:00:00.000Z' }]);
    expect(answer.body.final).toMatchObject({ state: 'preliminaryOpinion', status: 'running', now: '2026-05-11T01:00:00.000Z' });
    expect(answer.body.final.openTasks.map((t: any) => t.state)).toEqual(['preliminaryOpinion']);

    // A draft form given with the request is the one the step is checked against.
    const strict = structuredClone((await admin.get(`/api/forms/${KEY}.application`)).body);
    strict.schema.required = [...strict.schema.required, 'mustHave'];
    const refused = await admin.post(`/api/definitions/${KEY}/simulate`, { document, forms: { [`${KEY}.application`]: strict }, steps: steps.slice(0, 1) });
    expect(refused.body.steps[1]).toMatchObject({ accepted: false, errors: { '/steps/0/data/mustHave': expect.any(Array) } });

    const broken = structuredClone(document);
    broken.machine.states.application.on.SUBMIT = 'nowhere';
    const lintFailed = await admin.post(`/api/definitions/${KEY}/simulate`, { document: broken, steps });
    expect(lintFailed.status).toBe(400);
    expect(lintFailed.body.error).toMatchObject({ code: 'lint_failed', issues: [expect.objectContaining({ code: 'unknown_target' })] });
    expect((await admin.post(`/api/definitions/${KEY}/simulate`, { document, steps: [{ kind: 'jump' }] })).status).toBe(400);
    expect((await clerk.post(`/api/definitions/${KEY}/simulate`, { document, steps })).status).toBe(403);
    expect((await harness.services.db.pool.query('SELECT count(*)::int AS n FROM instances')).rows[0].n).toBe(countBefore);
  });

  it('When an admin sends malformed input to the editing endpoints, then each answer is a 400 with field messages and nothing is stored', async () => {
    const draft = await admin.post(`/api/definitions/${KEY}/drafts`, {});
    const v = draft.body.version;
    const before = (await harness.services.db.pool.query('SELECT count(*)::int AS n, max(md5(document::text)) AS h FROM definitions')).rows[0];
    const garbage = [{ machine: { id: 5, states: [] } }, { machine: { states: { a: { on: 5, meta: { task: 'x' } } } } }, { machine: {}, title: {} }];
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/api/definitions', { key: 'x', title: { en: 'no zh' } }],
      ['POST', '/api/definitions', {}],
      ['POST', `/api/definitions/${KEY}/drafts`, { fromVersion: 'one' }],
      ['PUT', `/api/definitions/${KEY}/drafts/${v}`, { document: { machine: [] } }],
      ['PUT', `/api/definitions/${KEY}/drafts/${v}`, { document: { key: 'other-key', machine: {} } }],
      ['PUT', `/api/definitions/${KEY}/drafts/${v}`, {}],
      ['POST', `/api/definitions/${KEY}/lint`, { document: 'x' }],
      ['GET', `/api/definitions/${KEY}/diff?from=a&to=2`, undefined],
      ['POST', `/api/definitions/${KEY}/simulate`, { document: { machine: {} }, steps: [{ kind: 'advance' }] }],
      ['POST', `/api/definitions/${KEY}/simulate`, { document: draft.body.document, steps: [], startAt: 'soon' }],
      ['POST', `/api/definitions/${KEY}/simulate`, { document: draft.body.document, steps: [], startData: { anything: 1 } }],
      ['POST', `/api/definitions/${KEY}/simulate`, { document: draft.body.document, steps: [], forms: { [`${KEY}.application`]: { schema: { type: 'nonsense' } } } }],
      ['POST', `/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: { a: 'not a state!' }, dryRun: true }],
      ['POST', `/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 1, mapping: {}, dryRun: true }],
      ['PUT', `/api/forms/${KEY}.application`, { title: '申请', schema: { type: 'object', properties: { a: { type: 'string', minLength: -1 } } } }],
      ['PUT', '/api/forms/not-a-form-key', { title: '申请', schema: { type: 'object' } }],
      ['PUT', `/api/forms/${KEY}.application`, { title: '申请', schema: 'object' }],
    ];
    for (const [method, path, body] of cases) {
      const answer = await admin.request(method, path, body);
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 400 });
      expect(answer.body.error.fields ?? answer.body.error.issues).toBeDefined();
    }
    // Garbage documents save (a draft may be unfinished) with lint errors, and never publish.
    for (const document of garbage) {
      const saved = await admin.request('PUT', `/api/definitions/${KEY}/drafts/${v}`, { document });
      expect(saved.status).toBe(200);
      expect(saved.body.lint.ok).toBe(false);
      expect((await admin.post(`/api/definitions/${KEY}/drafts/${v}/publish`)).status).toBe(400);
      expect((await admin.get(`/api/definitions/${KEY}/diff?from=1&to=${v}`)).status).toBe(200);
    }
    await admin.request('PUT', `/api/definitions/${KEY}/drafts/${v}`, { document: draft.body.document });
    const after = (await harness.services.db.pool.query('SELECT count(*)::int AS n, max(md5(document::text)) AS h FROM definitions')).rows[0];
    expect(after).toEqual(before);
    expect((await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM forms WHERE key = 'not-a-form-key'`)).rows[0].n).toBe(0);
  });
});
