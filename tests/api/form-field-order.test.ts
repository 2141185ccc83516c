import { startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

let harness: ApiHarness;
let admin: ApiClient;
beforeAll(async () => {
  harness = await startApiHarness();
  admin = await harness.login('admin');
});
afterAll(async () => { await harness.close(); });

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
