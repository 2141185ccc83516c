import { startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

let harness: ApiHarness;
let admin: ApiClient;
beforeAll(async () => {
  harness = await startApiHarness();
  admin = await harness.login('admin');
});
afterAll(async () => { await harness.close(); });

const KEY = 'household-identification';
const APPLICATION = `${KEY}.application`;

async function formRows() {
  return (await harness.services.db.pool.query('SELECT count(*)::int AS n, max(md5(schema::text)) AS h FROM forms')).rows[0];
}

describe('saving a form checks it strictly', () => {
  it('When an admin saves a form whose rule names a missing field or uses an unknown keyword, then the answer is a 400 with Chinese messages on those fields and nothing is saved', async () => {
    const current = (await admin.get(`/api/forms/${APPLICATION}`)).body;
    const before = await formRows();
    const schema = structuredClone(current.schema);
    const group = 'visitors';
    const firstRowField = 'name';
    schema.properties.visitors = {
      title: '走访人员', type: 'array', uniqueBy: 'noSuchField',
      items: { type: 'object', properties: { name: { title: '姓名', type: 'string', colour: 'red' }, idNumber: { title: '身份证号', type: 'string' } } },
    };
    schema.dateRange = { from: 'noStart', until: 'noEnd' };

    const answer = await admin.request('PUT', `/api/forms/${APPLICATION}`, { title: current.title, schema, uiSchema: current.uiSchema });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe('表单结构有误');
    const fields = answer.body.error.fields as Record<string, string[]>;
    expect(fields[`/schema/properties/${group}`]).toEqual(['不可重复引用的字段“noSuchField”在列表的每一行中不存在']);
    expect(fields['/schema']).toEqual(['日期区间引用的字段“noStart”在本节中不存在', '日期区间引用的字段“noEnd”在本节中不存在']);
    expect(fields[`/schema/properties/${group}/items/properties/${firstRowField}`]).toEqual(['不认识的设置“colour”']);
    expect(await formRows()).toEqual(before);
    expect((await admin.get(`/api/forms/${APPLICATION}?draft=true`)).status).toBe(404);

    // In English the same places are named.
    const en = await admin.request('PUT', `/api/forms/${APPLICATION}`, { title: current.title, schema, uiSchema: current.uiSchema }, { 'accept-language': 'en' });
    expect(en.status).toBe(400);
    expect(Object.keys(en.body.error.fields).sort()).toEqual(Object.keys(fields).sort());

    // The same form unchanged is saved as a draft.
    const saved = await admin.request('PUT', `/api/forms/${APPLICATION}`, { title: current.title, schema: current.schema, uiSchema: current.uiSchema });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ key: APPLICATION, status: 'draft' });
  });

  it('When a draft form the strict check refuses is pinned by a definition draft, then publishing is refused with the form\'s problem and nothing is published', async () => {
    const current = (await admin.get(`/api/forms/${APPLICATION}`)).body;
    const saved = await admin.request('PUT', `/api/forms/${APPLICATION}`, { title: current.title, schema: current.schema, uiSchema: current.uiSchema });
    expect(saved.status).toBe(200);
    // A draft stored before saving was strict: its rule names a field the form does not have.
    const broken = { ...current.schema, majority: { votes: 'a', of: 'b', result: 'c', passed: '通过' } };
    await harness.services.db.pool.query(`UPDATE forms SET schema = $1 WHERE key = $2 AND status = 'draft'`, [broken, APPLICATION]);
    const draft = await admin.post(`/api/definitions/${KEY}/drafts`, {});
    expect(draft.status).toBe(201);
    const published = await admin.post(`/api/definitions/${KEY}/drafts/${draft.body.version}/publish`, {});
    expect(published.status).toBe(400);
    expect(published.body.error.code).toBe('lint_failed');
    const issues = (published.body.error.issues as Array<{ code: string; message: string; path: string }>).filter((i) => i.code === 'form_invalid');
    expect(issues.map((i) => i.message)).toEqual([
      `表单草稿 ${APPLICATION} v${saved.body.version}：过半数通过引用的字段“a”在本节中不存在`,
      `表单草稿 ${APPLICATION} v${saved.body.version}：过半数通过引用的字段“b”在本节中不存在`,
      `表单草稿 ${APPLICATION} v${saved.body.version}：过半数通过引用的字段“c”在本节中不存在`,
    ]);
    expect(issues[0].path).toBe(`/forms/${APPLICATION}/schema`);
    expect((await admin.get(`/api/forms/${APPLICATION}`)).body.version).toBe(current.version);
  });
});

const FORM = 'household-identification.verification';

describe('a form keeps its fields in the order they were written', () => {
  it('When an admin saves a form with a block and fields in an order of their own, without ui:order, then the draft reads back in that order and the database holds it as written', async () => {
    const current = (await admin.get(`/api/forms/${FORM}`)).body;
    const schema = structuredClone(current.schema);
    // Neither alphabetical nor by length, the order jsonb would put them in.
    const blockOrder = ['relation', 'name', 'sex', 'idNumber', 'phone'];
    schema.$defs = {
      ...schema.$defs,
      visitor: {
        type: 'object', title: '来访人',
        properties: Object.fromEntries(blockOrder.map((name) => [name, { type: 'string', title: name }])),
      },
    };
    schema.properties = { ...schema.properties, zVisitor: { $ref: '#/$defs/visitor', title: '来访人' }, accompaniedBy: { type: 'string', title: '陪同人员' } };
    const fieldOrder = Object.keys(schema.properties);
    const uiSchema = structuredClone(current.uiSchema);
    delete uiSchema['ui:order'];
    const saved = await admin.request('PUT', `/api/forms/${FORM}`, { title: current.title, schema, uiSchema });
    expect(saved.status).toBe(200);

    const draft = (await admin.get(`/api/forms/${FORM}?draft=true`)).body;
    expect(Object.keys(draft.schema.$defs.visitor.properties)).toEqual(blockOrder);
    expect(Object.keys(draft.schema.properties)).toEqual(fieldOrder);
    expect(Object.keys(draft.uiSchema)).toEqual(Object.keys(uiSchema));
    // What the database holds is the text as written, not a reordered copy.
    const { rows: [row] } = await harness.services.db.pool.query(
      `SELECT pg_typeof(schema)::text AS type, schema::text AS text FROM forms WHERE key = $1 AND status = 'draft'`, [FORM]);
    expect(row.type).toBe('json');
    expect(row.text.indexOf('"relation"')).toBeLessThan(row.text.indexOf('"idNumber"'));
  });
});
