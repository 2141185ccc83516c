import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  findJsonOnlyFields, formCoverage, parseFormModel, readCondition, walkFields, writeCondition, writeFormModel,
  type FieldModel, type FieldTypeId, type FormModel,
} from '../../client/src/admin/model';
import { loadFormFiles } from '../../server/src/forms/load-forms';
import { SCHEMAS_DIR } from '../forms/form-fixtures';

const { files, sharedDefs, documents } = loadFormFiles(SCHEMAS_DIR);
const byKey = (key: string) => {
  const file = files.find((f) => f.key === key);
  if (!file) throw new Error(`no form ${key}`);
  return file.content;
};
const fieldAt = (model: FormModel, path: string): FieldModel => {
  let found: FieldModel | undefined;
  walkFields(model.root, (field, at) => { if (at === path) found ??= field; });
  if (!found) throw new Error(`no field ${path}`);
  return found;
};

describe('the form builder model over every form in schemas/', () => {
  it('finds every form file in schemas/', () => {
    // Every <process>/<step>.json below schemas/ (not _defs.json): 50 before household-change added its 4.
    const onDisk = readdirSync(SCHEMAS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(SCHEMAS_DIR, d.name)).filter((f) => f.endsWith('.json')));
    expect(onDisk.length).toBeGreaterThanOrEqual(54);
    expect(files).toHaveLength(onDisk.length);
    expect(documents).toHaveLength(onDisk.length);
  });

  it.each(files.map((f) => [f.key, f] as const))('reads %s with no JSON-only field and writes it back identical, key order too', (_key, file) => {
    const model = parseFormModel(file.content, sharedDefs);
    expect(findJsonOnlyFields(model)).toEqual([]);
    const types: FieldTypeId[] = [];
    walkFields(model.root, (field) => types.push(field.type));
    expect(types).not.toContain('unknown');
    const written = writeFormModel(model);
    expect(JSON.stringify(written.schema)).toBe(JSON.stringify(file.content.schema));
    expect(JSON.stringify(written.uiSchema)).toBe(JSON.stringify(file.content.uiSchema ?? {}));
  });

  it.each(documents.map((d) => [d.key, d] as const))('reads %s as the server stores it (_defs.json inlined as blocks) and writes it back identical', (_key, doc) => {
    const result = formCoverage(doc.key, doc);
    expect(result.jsonOnly).toEqual([]);
    expect(result.roundTrip).toBe(true);
  });
});

describe('field types', () => {
  it('names the fields of the household verification by the palette types', () => {
    const model = parseFormModel(byKey('household-identification.verification'), sharedDefs);
    const type = (path: string) => fieldAt(model, path).type;
    expect(type('visitors')).toBe('group');
    expect(type('visitors[]')).toBe('section');
    expect(type('visitDate')).toBe('date');
    expect(type('livingConditions')).toBe('section');
    expect(type('incomeVerified')).toBe('yesNo');
    expect(type('verifiedPerCapitaIncome')).toBe('money');
    expect(type('photoRefs')).toBe('photos');
    expect(type('conclusion')).toBe('choice');
    expect(fieldAt(model, 'conclusion').options?.values[1]).toEqual({ value: '需补正', label: { en: 'Needs correction' } });
    expect(type('exclusionChecks[].rule')).toBe('choice');
  });

  it('takes the type of a shared block and keeps the field\'s own title over it', () => {
    const model = parseFormModel(byKey('household-identification.application'), sharedDefs);
    expect(fieldAt(model, 'household')).toMatchObject({ type: 'section', block: { name: 'household', via: 'ref' }, label: { zh: '申请户情况' } });
    expect(fieldAt(model, 'filledBy')).toMatchObject({ type: 'personName', settings: { 'x-fill': 'me' } });
    expect(fieldAt(model, 'applicationRef').type).toBe('attachment');
    expect(fieldAt(model, 'remarks').type).toBe('longText');
    expect(fieldAt(model, 'applicationDate').type).toBe('date');
  });

  it('reads the repeating group of members, its rules and its show-if branches inside the household block', () => {
    const stored = documents.find((d) => d.key === 'household-identification.application')!;
    const model = parseFormModel(stored);
    const household = model.blocks!.find((b) => b.name === 'household')!;
    const members = household.fields!.find((f) => f.name === 'members')!;
    expect(members).toMatchObject({ type: 'group', settings: { minItems: 1, maxItems: 20, minContains: 1, maxContains: 1 }, rules: { uniqueBy: 'idNumber' } });
    expect(members.contains).toEqual({ kind: 'all', objectType: true, tests: [{ field: 'relation', op: 'equals', value: '户主' }] });
    expect(household.rules.perCapitaIncome).toEqual({ income: 'income', householdSize: 'members', tolerance: 1 });
    const branches = household.parts!.filter((p) => p.kind === 'when');
    expect(branches.map((b) => b.kind === 'when' && b.then.fields!.map((f) => f.name))).toEqual([['minimumLivingCertNo', 'minimumLivingMonthly', 'minimumLivingSince'], ['fiveGuaranteesCertNo']]);
    expect(household.fields!.find((f) => f.name === 'address')).toMatchObject({ type: 'address', block: { name: 'address', via: 'allOf' } });
    const member = model.blocks!.find((b) => b.name === 'member')!;
    expect(member.rules.idCardMatches).toEqual({ idNumber: 'idNumber', birthDate: 'birthDate', sex: 'sex' });
  });
});

describe('what the model cannot show', () => {
  it('counts a field with a keyword it does not know as JSON-only, and still writes it back', () => {
    const parts = { schema: { type: 'object', properties: { code: { type: 'string', title: '编码', patternProperties: { x: {} } }, n: { type: 'integer' } } }, uiSchema: {} };
    const model = parseFormModel(parts);
    expect(findJsonOnlyFields(model)).toEqual([{ path: 'code', why: 'keywords patternProperties' }]);
    expect(writeFormModel(model)).toEqual(parts);
  });

  it('counts a branch with an else, or a condition it cannot show, as JSON-only', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, if: { properties: { a: { pattern: '^x' } }, required: ['a'] }, then: { required: ['a'] } };
    expect(findJsonOnlyFields(parseFormModel({ schema })).map((f) => f.path)).toEqual(['(form)']);
  });

  it('counts uiSchema keys it does not know', () => {
    const model = parseFormModel({ schema: { type: 'object', properties: { a: { type: 'string' } } }, uiSchema: { a: { 'ui:emptyValue': '' } } });
    expect(findJsonOnlyFields(model)).toEqual([{ path: 'ui:a', why: 'uiSchema keys ui:emptyValue' }]);
  });
});

describe('conditions as data', () => {
  it('reads and writes and, or, comparisons and "any member is …"', () => {
    const schema = {
      anyOf: [
        { properties: { category: { enum: ['低保户', '五保户'] }, size: { exclusiveMinimum: 3 } }, required: ['category', 'size'] },
        { properties: { members: { contains: { type: 'object', properties: { health: { const: '残疾' } }, required: ['health'] } } }, required: ['members'] },
        { allOf: [{ properties: { income: { maximum: 4000 } }, required: ['income'] }, { properties: { status: { not: { const: '已脱贫' } } }, required: ['status'] }] },
      ],
    };
    const condition = readCondition(schema);
    expect(condition).toEqual({ kind: 'or', children: [
      { kind: 'all', tests: [{ field: 'category', op: 'in', value: ['低保户', '五保户'] }, { field: 'size', op: '>', value: 3 }] },
      { kind: 'all', tests: [{ field: 'members', op: 'any', where: { kind: 'all', objectType: true, tests: [{ field: 'health', op: 'equals', value: '残疾' }] } }] },
      { kind: 'and', children: [
        { kind: 'all', tests: [{ field: 'income', op: '<=', value: 4000 }] },
        { kind: 'all', tests: [{ field: 'status', op: 'notEquals', value: '已脱贫' }] },
      ] },
    ] });
    expect(writeCondition(condition!)).toEqual(schema);
  });

  it('refuses a condition whose required list does not match its tests', () => {
    expect(readCondition({ properties: { a: { const: 1 } } })).toBeNull();
    expect(readCondition({ properties: { a: { const: 1 } }, required: ['b'] })).toBeNull();
  });
});
