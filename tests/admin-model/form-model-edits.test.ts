import {
  addBlockField, addField, addRowRule, FIELD_TYPES, findJsonOnlyFields, FormEditError, getField, getFieldUi, moveField, newField, parseFormModel,
  removeField, renameField, setExamples, setFieldType, setFieldUi, setRequired, setRequiredIf, setShowIf, updateField, writeFormModel,
  type FormModel,
} from '../../client/src/admin/model';
import { createFormValidator } from '../../server/src/forms';
import { checkFormSchema } from '../../server/src/forms/check-form-schema';
import { loadFormFiles } from '../../server/src/forms/load-forms';
import { SCHEMAS_DIR } from '../forms/form-fixtures';

const { documents, sharedDefs } = loadFormFiles(SCHEMAS_DIR);
const stored = (key: string) => documents.find((d) => d.key === key)!;
const open = (key: string) => parseFormModel(stored(key));
const written = (model: FormModel) => writeFormModel(model);
const props = (schema: Record<string, unknown>) => schema.properties as Record<string, Record<string, unknown>>;
const validator = createFormValidator();

/** Every edit's result must be a schema the meta-schema, the project's keywords and its own examples accept. */
function expectValid(model: FormModel): void {
  const { schema } = written(model);
  expect(checkFormSchema(schema)).toEqual([]);
  expect(findJsonOnlyFields(parseFormModel(written(model)))).toEqual([]);
}

describe('form edits are pure', () => {
  it('leaves the model it is given unchanged, so the previous model is the undo', () => {
    const before = open('household-identification.verification');
    const copy = structuredClone(before);
    const after = addField(before, [], newField('longText', 'remarks', { zh: '备注', en: 'Remarks' }));
    expect(before).toEqual(copy);
    expect(after).not.toBe(before);
    expect(written(before)).toEqual({ schema: stored('household-identification.verification').schema, uiSchema: stored('household-identification.verification').uiSchema });
  });
});

describe('adding fields', () => {
  it.each(FIELD_TYPES.map((t) => [t.id] as const))('adds a required %s field to a form, with a schema the meta-schema and the keywords accept', (type) => {
    const model = addField(open('household-identification.townReview'), [], newField(type, 'added', { zh: '新字段', en: 'New field' }), { required: true });
    expectValid(model);
    const again = parseFormModel(written(model));
    expect(getField(again, ['added']).type).toBe(type);
    expect(written(again).schema.required).toContain('added');
  });

  it('adds a field inside a repeating group\'s row, before a given field, in ui:order too', () => {
    const base = open('household-identification.verification');
    const model = addField(base, ['visitors'], newField('idNumber', 'idNumber', { zh: '身份证号', en: 'ID number' }), { required: true, index: 0 });
    const row = (written(model).schema.properties as any).visitors.items;
    expect(Object.keys(row.properties)).toEqual(['idNumber', 'body']);
    expect(row.required).toEqual(['body', 'idNumber']);
    for (const example of written(model).schema.examples as any[]) for (const visitor of example.visitors) expect(visitor.idNumber).toBe('11010519491231002X');
    expectValid(model);
  });

  it('adds a field that reuses a shared block, copying the block and those it uses into the form', () => {
    const model = addBlockField(open('household-identification.townReview'), [], 'contact', 'person', { zh: '联系人', en: 'Contact' }, {}, sharedDefs);
    expect(Object.keys((written(model).schema as any).$defs)).toEqual(expect.arrayContaining(['person', 'personName']));
    expect(props(written(model).schema).contact).toEqual({ title: '联系人', 'x-title-en': 'Contact', $ref: '#/$defs/person' });
    expect(getField(model, ['contact']).type).toBe('section');
    expectValid(model);
  });

  it('refuses a bad name, a name taken and a field inside a shared block', () => {
    const base = open('household-identification.application');
    expect(() => addField(base, [], newField('text', '1st', { zh: 'x' }))).toThrow(FormEditError);
    expect(() => addField(base, [], newField('text', 'remarks', { zh: 'x' }))).toThrow(/remarks/);
    expect(() => addField(base, ['household'], newField('text', 'x', { zh: 'x' }))).toThrow(expect.objectContaining({ code: 'inBlock' }));
  });
});

describe('moving, renaming, removing', () => {
  const base = open('household-identification.verification');

  it('moves a field in properties and ui:order', () => {
    const model = moveField(base, ['conclusion'], 0);
    expect(Object.keys(props(written(model).schema))[0]).toBe('conclusion');
    expect((written(model).uiSchema['ui:order'] as string[])[0]).toBe('conclusion');
    expectValid(model);
  });

  it('moves a field into another section, keeping it required', () => {
    const start = addField(base, [], newField('section', 'extra', { zh: '补充', en: 'More' }));
    const model = moveField(start, ['healthCheck'], 0, ['extra']);
    const schema = written(model).schema as any;
    expect(schema.properties.healthCheck).toBeUndefined();
    expect(schema.properties.extra.properties.healthCheck.title).toBe('家庭成员健康状况核实情况');
    expect(schema.properties.extra.required).toEqual(['healthCheck']);
  });

  it('renames a field with its required entry, ui, examples and the conditions that name it', () => {
    const model = renameField(base, ['conclusion'], 'outcome');
    const { schema, uiSchema } = written(model) as any;
    expect(schema.required).toContain('outcome');
    expect(schema.required).not.toContain('conclusion');
    expect(uiSchema['ui:order']).toContain('outcome');
    expect(schema.allOf[0].if).toEqual({ properties: { outcome: { enum: ['需补正', '不符合条件'] } }, required: ['outcome'] });
    expect(schema.examples[0].outcome).toBe(stored('household-identification.verification').schema.examples![0 as never]['conclusion']);
    expectValid(model);
  });

  it('removes a field with its required entry, ui and example values', () => {
    const model = removeField(base, ['healthCheck']);
    const { schema } = written(model) as any;
    expect(schema.properties.healthCheck).toBeUndefined();
    expect(schema.required).not.toContain('healthCheck');
    expect(schema.examples.every((e: any) => !('healthCheck' in e))).toBe(true);
    expectValid(model);
  });
});

describe('settings and rules', () => {
  const base = open('household-identification.verification');

  it('changes length limits with a Chinese message, and the server then refuses a longer text with it', () => {
    const model = updateField(base, ['healthCheck'], { settings: { maxLength: 10 }, messages: { maxLength: '健康状况核实情况最多 10 个字' } });
    expectValid(setExamples(model, (written(model).schema.examples as any[]).map((e) => ({ ...e, healthCheck: '均健康' }))));
    const schema = written(model).schema;
    const data = { ...(schema.examples as any[])[0], healthCheck: '家庭成员均健康，无长期慢性病和大病' };
    const result = validator.validate({ key: 'x.y', version: 1, title: { zh: 'x', en: 'x' }, schema, uiSchema: {} }, data);
    expect(result.fields['/healthCheck']).toEqual(['健康状况核实情况最多 10 个字']);
  });

  it('makes a field required, then optional', () => {
    const optional = setRequired(base, ['healthCheck'], false);
    expect(written(optional).schema.required).not.toContain('healthCheck');
    expect(written(setRequired(optional, ['healthCheck'], true)).schema.required).toContain('healthCheck');
  });

  it('shows a field only when another has a value, and back', () => {
    const when = { kind: 'all' as const, tests: [{ field: 'incomeVerified', op: 'equals' as const, value: false }] };
    const model = setShowIf(base, ['healthCheck'], when);
    const { schema } = written(model) as any;
    expect(schema.properties.healthCheck).toBeUndefined();
    const branch = schema.allOf.find((b: any) => b.if.properties.incomeVerified);
    expect(branch).toEqual({ if: { properties: { incomeVerified: { const: false } }, required: ['incomeVerified'] }, then: { type: 'object', required: ['healthCheck'], properties: { healthCheck: expect.objectContaining({ title: '家庭成员健康状况核实情况' }) } } });
    expectValid(model);
    const back = setShowIf(model, ['healthCheck'], null);
    expect((written(back).schema as any).allOf).toHaveLength((schema.allOf as unknown[]).length - 1);
    expect((written(back).schema as any).properties.healthCheck).toBeDefined();
  });

  it('makes a field required only when a condition holds (and, or, comparison)', () => {
    const optional = setRequired(base, ['healthCheck'], false);
    const when = { kind: 'or' as const, children: [
      { kind: 'all' as const, tests: [{ field: 'verifiedPerCapitaIncome', op: '<' as const, value: 4000 }] },
      { kind: 'all' as const, tests: [{ field: 'incomeVerified', op: 'equals' as const, value: false }] },
    ] };
    const model = setRequiredIf(optional, ['healthCheck'], when);
    const { schema } = written(model) as any;
    expect(schema.allOf.at(-1)).toEqual({ if: { anyOf: [
      { properties: { verifiedPerCapitaIncome: { exclusiveMaximum: 4000 } }, required: ['verifiedPerCapitaIncome'] },
      { properties: { incomeVerified: { const: false } }, required: ['incomeVerified'] },
    ] }, then: { type: 'object', required: ['healthCheck'], properties: {} } });
    expectValid(model);
    const data = { ...(schema.examples as any[])[0], incomeVerified: false };
    delete data.healthCheck;
    expect(validator.validate({ key: 'x.y', version: 1, title: { zh: 'x', en: 'x' }, schema, uiSchema: {} }, data).fields['/healthCheck']).toBeDefined();
    expect(written(setRequiredIf(model, ['healthCheck'], null)).schema).toEqual(written(optional).schema);
  });

  it('adds "any visitor is …" to a repeating group and the project\'s keywords as settings', () => {
    const withRow = addRowRule(base, ['visitors'], { kind: 'all', objectType: true, tests: [{ field: 'position', op: 'equals', value: '组长' }] }, '至少一名组长');
    expect(((written(withRow).schema as any).properties.visitors.allOf as unknown[]).at(-1)).toEqual({
      contains: { type: 'object', properties: { position: { const: '组长' } }, required: ['position'] }, errorMessage: { contains: '至少一名组长' },
    });
    const withRange = addField(base, [], newField('date', 'followUp', { zh: '回访日期', en: 'Follow-up' }));
    const ranged = updateField(withRange, [], { rules: { dateRange: { from: 'visitDate', until: 'followUp', maxDays: 30 } } });
    expect((written(ranged).schema as any).dateRange).toEqual({ from: 'visitDate', until: 'followUp', maxDays: 30 });
    expectValid(ranged);
    const bad = updateField(withRange, [], { rules: { dateRange: { from: 'visitDate' } as never } });
    expect(checkFormSchema(written(bad).schema)[0].message).toMatch(/dateRange/);
  });

  it('changes a field\'s type and its widget', () => {
    const model = setFieldType(base, ['healthCheck'], 'choice');
    expect(getField(model, ['healthCheck']).type).toBe('choice');
    expectValid(model);
    const signature = setFieldType(addField(base, [], newField('attachment', 'sign', { zh: '签名', en: 'Signature' })), ['sign'], 'signature');
    expect(getFieldUi(signature, ['sign'])).toEqual({ 'ui:widget': 'signature' });
    expect(getFieldUi(setFieldUi(signature, ['sign'], { 'ui:widget': undefined, 'ui:help': '请本人签名' }), ['sign'])).toEqual({ 'ui:help': '请本人签名' });
  });
});
