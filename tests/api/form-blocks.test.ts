import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockUsage } from '../../client/src/admin/model';
import { createFormValidator } from '../../server/src/forms';
import { loadFormFiles } from '../../server/src/forms/load-forms';
import { exampleDataFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { REPO_ROOT } from '../support/test-services';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

// Issue 17: a shared block (schemas/_defs.json) changed through the API reaches every form using it
// as a new draft, after the admin confirmed the list; published form versions, and the cases pinned
// to them, keep validating as before.

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
const APPLICATION = `${KEY}.application`;
const SHIPPED = (JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', '_defs.json'), 'utf8')) as { $defs: Record<string, any> }).$defs;

/** The application's example with its second member as the head's grandfather (之祖父), fresh ID numbers. */
function applicationWithRelation(relation: string) {
  const data = withFreshIdNumbers(exampleDataFor(APPLICATION));
  data.household.members[1].relation = relation;
  return data;
}

/** The shared blocks with the relation list changed: 之祖父 gone, 之曾孙 added (zh and en labels). */
function relationChanged(defs: Record<string, any>) {
  const next = structuredClone(defs);
  const relation = next.relation;
  const at = relation.enum.indexOf('之祖父');
  relation.enum.splice(at, 1);
  relation['x-enumNames-en'].splice(at, 1);
  relation.enum.push('之曾孙');
  relation['x-enumNames-en'].push("Son's grandson");
  return next;
}

const put = (client: ApiClient, body: unknown, version?: number | string) =>
  client.request('PUT', '/api/form-blocks', body, version === undefined ? {} : { 'if-match': typeof version === 'number' ? `"${version}"` : version });

describe('shared blocks over HTTP', () => {
  it('When someone other than an admin reads or saves the shared blocks, then 401 or 403 and nothing changes', async () => {
    expect((await harness.anonymous.get('/api/form-blocks')).status).toBe(401);
    for (const username of ['xian', 'cun-dongyuan', 'ducha']) {
      const client = await harness.login(username);
      expect((await client.get('/api/form-blocks')).status).toBe(403);
      const refused = await put(client, { defs: relationChanged(SHIPPED), forms: [] }, 0);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('admin');
    }
    expect((await admin.get('/api/form-blocks')).body.version).toBe(0);
  });

  it('When a block changes, then the admin confirms every form using it, each gets a new draft, published versions and old cases stay as they were', async () => {
    // An old case whose household has a 之祖父, submitted under version 1.
    const old = (await clerk.post('/api/instances', { definitionKey: KEY })).body as { id: string };
    const oldTask = await openTaskOf(clerk, old.id);
    const oldData = applicationWithRelation('之祖父');
    expect((await clerk.post(`/api/tasks/${oldTask.id}/complete`, { outcome: 'SUBMIT', data: oldData, comment: '' })).status).toBe(200);

    const read = await admin.get('/api/form-blocks');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"0"');
    expect(read.body.defs).toEqual(SHIPPED);
    const using = read.body.forms.filter((f: any) => f.blocks.includes('relation'));
    // relation is used through member, and member through household: the same forms the builder's model finds in schemas/.
    const files = loadFormFiles(join(REPO_ROOT, 'schemas')).files.map((f) => ({ key: f.key, schema: f.content.schema }));
    expect(using.map((f: any) => f.key).sort()).toEqual([...blockUsage(files, SHIPPED).get('relation')!].sort());
    expect(using.map((f: any) => f.key)).toEqual(expect.arrayContaining([APPLICATION, 'household-change.application']));
    // Each block's editor previews it filled as a form's example fills it: a member, the household's town, a phone number.
    expect(read.body.forms.every((f: any) => !('schema' in f))).toBe(true);
    expect(Object.keys(read.body.examples.member).every((key) => key in (SHIPPED.member as any).properties)).toBe(true);
    expect(read.body.examples.member).toMatchObject({ name: expect.any(String), relation: expect.any(String), idNumber: expect.stringMatching(/^\d{17}[\dX]$/) });
    expect((SHIPPED.town as any).enum).toContain(read.body.examples.town);
    expect(Object.keys(read.body.examples).length).toBeGreaterThan(10);
    expect(using.find((f: any) => f.key === APPLICATION)).toMatchObject({ version: 1, status: 'published', title: { zh: '贫困户申请' }, blocks: expect.arrayContaining(['household', 'member', 'relation']) });
    expect(read.body.forms.find((f: any) => f.key === `${KEY}.townReview`).blocks).not.toContain('relation');
    const definition = read.body.definitions.find((d: any) => d.key === KEY);
    expect(definition).toMatchObject({ version: 1, status: 'published', running: expect.any(Number) });
    expect(definition.running).toBeGreaterThanOrEqual(1);
    expect(definition.forms.find((f: any) => f.key === APPLICATION)).toMatchObject({ version: 1, blocks: expect.arrayContaining(['relation']) });
    const confirmed = using.map((f: any) => f.key);

    // No If-Match: 400. A stale version: 409. Nothing stored.
    expect((await put(admin, { defs: relationChanged(SHIPPED), forms: confirmed })).status).toBe(400);
    const stale = await put(admin, { defs: relationChanged(SHIPPED), forms: confirmed }, 3);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('共享模块已被修改');

    // An invalid block: 400 with a Chinese message at the block; nothing stored.
    const invalid = structuredClone(SHIPPED);
    invalid.relation.minLenght = 2;
    const refused = await put(admin, { defs: invalid, forms: confirmed }, '"0"');
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields['/defs/relation'][0]).toMatch(/^共享模块「与户主关系」（relation）不是有效的表单结构/);
    const badType = structuredClone(SHIPPED);
    badType.sex.type = 'text';
    expect((await put(admin, { defs: badType, forms: [] }, 0)).body.error.fields['/defs/sex'][0]).toContain('共享模块「性别」（sex）');

    // A change the forms' examples fail (a new required member field): 400 naming each form, in Chinese.
    const required = structuredClone(SHIPPED);
    required.member.required.push('wechat');
    required.member.properties.wechat = { title: '微信号', type: 'string' };
    const memberForms = read.body.forms.filter((f: any) => f.blocks.includes('member')).map((f: any) => f.key);
    const breaks = await put(admin, { defs: required, forms: memberForms }, 0);
    expect(breaks.status).toBe(400);
    expect(breaks.body.error.fields[`/forms/${APPLICATION}`][0]).toContain(`表单「贫困户申请」（${APPLICATION}）换用修改后的共享模块后有误`);

    // The confirmation named fewer forms than the change reaches: 409 naming the others.
    const short = await put(admin, { defs: relationChanged(SHIPPED), forms: confirmed.slice(1) }, 0);
    expect(short.status).toBe(409);
    expect(short.body.error.message).toContain(confirmed[0]);
    // A block still used cannot be removed.
    const { relation: _gone, ...withoutRelation } = SHIPPED;
    expect((await put(admin, { defs: withoutRelation, forms: confirmed }, 0)).body.error.fields[`/forms/${APPLICATION}`][0]).toContain('仍在使用共享模块 relation');
    expect((await admin.get('/api/form-blocks')).body.version).toBe(0);
    expect((await admin.get(`/api/forms/${APPLICATION}?draft=true`)).status).toBe(404);

    // The change itself.
    const saved = await put(admin, { defs: relationChanged(SHIPPED), forms: confirmed }, 0);
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(saved.body).toMatchObject({ version: 1, changed: ['relation'], removed: [] });
    expect(saved.body.forms.map((f: any) => f.key).sort()).toEqual([...confirmed].sort());
    expect(saved.body.forms.find((f: any) => f.key === APPLICATION)).toEqual({ key: APPLICATION, version: 2, title: expect.objectContaining({ zh: '贫困户申请' }) });
    const after = await admin.get('/api/form-blocks');
    expect(after.body.version).toBe(1);
    expect(after.body.defs.relation.enum).toContain('之曾孙');
    // Stored as written: the blocks and their fields keep their order (the order the builder shows).
    expect(JSON.stringify(after.body.defs)).toBe(JSON.stringify(relationChanged(SHIPPED)));
    // Saving from the old version again is a conflict.
    expect((await put(admin, { defs: relationChanged(SHIPPED), forms: confirmed }, 0)).status).toBe(409);

    // The published version is unchanged; the draft carries the new block, the rest of the form as it was.
    const published = (await admin.get(`/api/forms/${APPLICATION}`)).body;
    expect(published).toMatchObject({ version: 1, status: 'published' });
    expect(published.schema.$defs.relation.enum).toContain('之祖父');
    const draft = (await admin.get(`/api/forms/${APPLICATION}?draft=true`)).body;
    expect(draft).toMatchObject({ version: 2, status: 'draft' });
    expect(draft.schema.$defs.relation.enum).toEqual(expect.arrayContaining(['之曾孙']));
    expect(draft.schema.$defs.relation.enum).not.toContain('之祖父');
    expect({ ...draft.schema, $defs: undefined }).toEqual({ ...published.schema, $defs: undefined });
    expect(Object.keys(draft.schema.$defs)).toEqual(Object.keys(published.schema.$defs));
    expect(draft.uiSchema).toEqual(published.uiSchema);
    // A form that does not use the block has no draft.
    expect((await admin.get(`/api/forms/${KEY}.townReview?draft=true`)).status).toBe(404);

    // Audited, with the drafts it wrote.
    const audit = (await admin.get('/api/admin/audit?action=form-blocks.save&pageSize=10')).body.items;
    expect(audit).toEqual([expect.objectContaining({ action: 'form-blocks.save', target: 'form-blocks@1', actor: expect.objectContaining({ username: 'admin' }) })]);

    // Until a new version of the process is published, new cases run on the published forms.
    const before = (await clerk.post('/api/instances', { definitionKey: KEY })).body as { id: string; definitionVersion: number };
    expect(before.definitionVersion).toBe(1);
    const beforeTask = await openTaskOf(clerk, before.id);
    expect((await clerk.post(`/api/tasks/${beforeTask.id}/complete`, { outcome: 'SUBMIT', data: applicationWithRelation('之祖父'), comment: '' })).status).toBe(200);

    // Publishing a new version of the process publishes the drafts it pins.
    const defDraft = await admin.post(`/api/definitions/${KEY}/drafts`, {});
    expect(defDraft.body.formVersions[APPLICATION]).toBe(2);
    expect((await admin.post(`/api/definitions/${KEY}/drafts/${defDraft.body.version}/publish`)).status).toBe(200);
    expect((await admin.get(`/api/forms/${APPLICATION}`)).body).toMatchObject({ version: 2, status: 'published' });

    // A new case takes 之曾孙 and refuses 之祖父, with the field's Chinese message.
    const fresh = (await clerk.post('/api/instances', { definitionKey: KEY })).body as { id: string; definitionVersion: number };
    expect(fresh.definitionVersion).toBe(2);
    const freshTask = await openTaskOf(clerk, fresh.id);
    const no = await clerk.post(`/api/tasks/${freshTask.id}/complete`, { outcome: 'SUBMIT', data: applicationWithRelation('之祖父'), comment: '' });
    expect(no.status).toBe(400);
    expect(no.body.error.fields['/household/members/1/relation'].join()).toMatch(/[\u4e00-\u9fa5]/);
    expect((await clerk.post(`/api/tasks/${freshTask.id}/complete`, { outcome: 'SUBMIT', data: applicationWithRelation('之曾孙'), comment: '' })).status).toBe(200);

    // The old case goes on under version 1, and its stored data validates against its pinned form exactly as before.
    await drive(harness, 'dongyuan', old.id, ['VERIFY']);
    expect(await openTaskOf(clerk, old.id)).toMatchObject({ state: 'villagerAppraisal', definitionVersion: 1 });
    const { rows: [stored] } = await harness.services.db.pool.query(`SELECT data FROM instances WHERE id = $1`, [old.id]);
    expect(stored.data.application.household.members[1].relation).toBe('之祖父');
    const validator = createFormValidator();
    const v1 = (await admin.get(`/api/forms/${APPLICATION}?version=1`)).body;
    const v2 = (await admin.get(`/api/forms/${APPLICATION}?version=2`)).body;
    expect(validator.validate({ ...v1, title: { zh: v1.title.zh, en: v1.title.en ?? v1.title.zh } }, stored.data.application).valid).toBe(true);
    expect(validator.validate({ ...v2, title: { zh: v2.title.zh, en: v2.title.en ?? v2.title.zh } }, stored.data.application).valid).toBe(false);
  }, 180_000);

  it('When two admins save a change of the same version at once, then one is stored and the other gets 409; a change reaching the public objection form publishes it with the next process', async () => {
    const read = (await admin.get('/api/form-blocks')).body;
    const using = read.forms.filter((f: any) => f.blocks.includes('personName')).map((f: any) => f.key);
    expect(using).toContain('common.objection');
    const longer = structuredClone(read.defs);
    longer.personName.maxLength = 40;
    const shorter = structuredClone(read.defs);
    shorter.personName.maxLength = 20;
    const answers = await Promise.all([put(admin, { defs: longer, forms: using }, read.version), put(admin, { defs: shorter, forms: using }, read.version)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const stored = (await admin.get('/api/form-blocks')).body;
    expect(stored.version).toBe(read.version + 1);
    const winner = answers.find((a) => a.status === 200)!;
    expect(stored.defs.personName.maxLength).toBe(winner === answers[0] ? 40 : 20);

    // The objection form of public notices has a draft, which the next published process version takes along.
    const objection = (await admin.get('/api/forms/common.objection?draft=true')).body;
    expect(objection.schema.$defs.personName.maxLength).toBe(stored.defs.personName.maxLength);
    const draft = await admin.post('/api/definitions/household-exit/drafts', {});
    expect(draft.body.formVersions['common.objection']).toBe(objection.version);
    expect((await admin.post(`/api/definitions/household-exit/drafts/${draft.body.version}/publish`)).status).toBe(200);
    expect((await admin.get('/api/forms/common.objection')).body).toMatchObject({ version: objection.version, status: 'published' });
  }, 180_000);
});
