import {
  addBlockField, addField, blockEditingModel, blockOfEditing, blocksUsed, blockUsage, changeSharedBlock, detachBlock, newField, parseFormModel, readSharedBlocks, replaceFormBlock, updateField, writeField, writeFormModel,
  type FormModel,
} from '../../client/src/admin/model';
import { createFormDocument } from '../../server/src/forms';
import { checkFormSchema } from '../../server/src/forms/check-form-schema';
import { loadFormFiles } from '../../server/src/forms/load-forms';
import { SCHEMAS_DIR } from '../forms/form-fixtures';

const { files, sharedDefs, documents } = loadFormFiles(SCHEMAS_DIR);
const forms = files.map((f) => ({ key: f.key, schema: f.content.schema }));

describe('shared blocks', () => {
  it('reads every block of _defs.json with no JSON-only part and writes it back identical', () => {
    const blocks = readSharedBlocks(sharedDefs);
    expect(blocks.map((b) => b.name)).toEqual(Object.keys(sharedDefs));
    expect(blocks.filter((b) => b.extra || b.type === 'unknown').map((b) => b.name)).toEqual([]);
    expect(JSON.stringify(Object.fromEntries(blocks.map((b) => [b.name, writeField(b)])))).toBe(JSON.stringify(sharedDefs));
  });

  it('lists the forms that use a block, directly or through another block', () => {
    const usage = blockUsage(forms, sharedDefs);
    expect(usage.get('household')).toEqual(expect.arrayContaining(['household-identification.application']));
    // The identification application uses member through the household block; household-change names it itself.
    expect(usage.get('member')).toEqual(expect.arrayContaining([...usage.get('household')!, 'household-change.application']));
    expect(usage.get('personName')!.length).toBeGreaterThan(usage.get('household')!.length);
    expect(usage.get('reviewDecision')).toEqual(expect.arrayContaining(['household-identification.townReview', 'household-identification.countyApproval']));
    expect(usage.get('reviewDecision')).not.toContain('household-identification.application');
  });

  it('changes a block as one edit of _defs.json, naming every form it changes', () => {
    const person = readSharedBlocks(sharedDefs).find((b) => b.name === 'person')!;
    const edited = { ...person, fields: person.fields!.map((f) => (f.name === 'unit' ? { ...f, settings: { ...f.settings, maxLength: 80 } } : f)) };
    const change = changeSharedBlock(sharedDefs, edited, forms);
    expect(Object.keys(change.defs)).toEqual(Object.keys(sharedDefs));
    expect((change.defs.person as any).properties.unit.maxLength).toBe(80);
    for (const name of Object.keys(sharedDefs)) if (name !== 'person') expect(change.defs[name]).toEqual(sharedDefs[name]);
    expect(change.affected).toEqual(blockUsage(forms, sharedDefs).get('person'));
    expect(change.affected).toEqual(expect.arrayContaining(['household-identification.verification', 'household-identification.objectionReview']));
    // Each affected form, loaded with the new _defs.json, is still a valid form whose examples validate.
    for (const key of change.affected) {
      const file = files.find((f) => f.key === key)!;
      expect(checkFormSchema(createFormDocument(key, file.content, change.defs).schema)).toEqual([]);
    }
  });

  it('puts the new block into each stored form that carries it, and leaves the others alone', () => {
    const stored = (key: string): FormModel => parseFormModel(documents.find((d) => d.key === key)!);
    const member = stored('household-identification.application').blocks!.find((b) => b.name === 'member')!;
    const withPhone = addField({ root: member, ui: { settings: {}, children: [], keys: [] } }, [], newField('mobile', 'phone', { zh: '手机号', en: 'Mobile' }));
    const application = replaceFormBlock(stored('household-identification.application'), withPhone.root);
    expect(Object.keys((writeFormModel(application).schema as any).$defs.member.properties)).toContain('phone');
    expect(checkFormSchema(writeFormModel(application).schema)).toEqual([]);
    const townReview = stored('household-identification.townReview');
    expect(replaceFormBlock(townReview, withPhone.root)).toBe(townReview);
    const renamed = updateField({ root: member, ui: { settings: {}, children: [], keys: [] } }, ['name'], { label: { zh: '成员姓名', en: 'Member name' } });
    expect((writeField(renamed.root) as any).properties.name).toEqual({ title: '成员姓名', 'x-title-en': 'Member name', $ref: '#/$defs/personName' });
  });
});

describe('shared blocks in a form: insertion, detaching, editing', () => {
  const stored = (key: string): FormModel => parseFormModel(documents.find((d) => d.key === key)!);
  const roundTrips = (parts: { schema: Record<string, unknown>; uiSchema: Record<string, unknown> }) => {
    const again = writeFormModel(parseFormModel(parts));
    expect(JSON.stringify(again.schema)).toBe(JSON.stringify(parts.schema));
    expect(JSON.stringify(again.uiSchema)).toBe(JSON.stringify(parts.uiSchema));
  };

  it('inserts a block from the palette into a new form without $defs, copying the blocks it needs, and the saved form round-trips', () => {
    const empty = parseFormModel({ schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', title: '走访', type: 'object', properties: {} }, uiSchema: {} });
    const withMember = addBlockField(empty, [], 'member1', 'member', { zh: '家庭成员', en: 'Member' }, {}, sharedDefs);
    const parts = writeFormModel(withMember);
    expect((parts.schema as any).properties.member1).toEqual({ title: '家庭成员', 'x-title-en': 'Member', $ref: '#/$defs/member' });
    // The block and every block it refers to, in _defs.json's order.
    expect(Object.keys((parts.schema as any).$defs)).toEqual(Object.keys(sharedDefs).filter((name) => blocksUsed({ $ref: '#/$defs/member' }, sharedDefs).includes(name)));
    expect((parts.schema as any).$defs.member).toEqual(sharedDefs.member);
    roundTrips(parts);
    // The server takes it as it is (no _defs.json needed) and the strict check passes.
    expect(checkFormSchema(createFormDocument('test.visit', { version: 1, title: { zh: '走访', en: 'Visit' }, ...parts }).schema)).toEqual([]);
  });

  it('inserts a block into a stored form that carries other blocks: only the missing ones are added, and it round-trips', () => {
    const review = stored('household-identification.townReview');
    const before = Object.keys(writeFormModel(review).schema.$defs as object);
    const parts = writeFormModel(addBlockField(review, [], 'contact', 'phone', { zh: '联系电话' }, {}, sharedDefs));
    const after = Object.keys(parts.schema.$defs as object);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual(before.includes('phone') ? [] : ['phone']);
    roundTrips(parts);
    expect(checkFormSchema(parts.schema)).toEqual([]);
  });

  it('detaches a block used by reference: the form gets its own copy, validates its examples as before, and drops the block from $defs', () => {
    const key = 'household-identification.application';
    const application = stored(key);
    const detached = writeFormModel(detachBlock(application, ['household']));
    const household = (detached.schema as any).properties.household;
    expect(household.$ref).toBeUndefined();
    expect(Object.keys(household.properties)).toEqual(Object.keys((sharedDefs.household as any).properties));
    expect(Object.keys(detached.schema.$defs as object)).not.toContain('household');
    expect(Object.keys(detached.schema.$defs as object)).toContain('member');
    expect(checkFormSchema(detached.schema)).toEqual([]);
    // The form's other fields and its uiSchema are untouched.
    expect({ ...(detached.schema as any).properties, household: undefined }).toEqual({ ...(documents.find((d) => d.key === key)!.schema as any).properties, household: undefined });
    expect(detached.uiSchema).toEqual(documents.find((d) => d.key === key)!.uiSchema);
    // Changing the copy is now this form's own edit.
    const renamed = writeFormModel(updateField(parseFormModel(detached), ['household', 'bankName'], { label: { zh: '开户银行（本表）' } }));
    expect((renamed.schema as any).properties.household.properties.bankName.title).toBe('开户银行（本表）');
  });

  it('detaches a list of blocks (its row) and a section extending a block (allOf)', () => {
    const evaluation = stored('project-tendering.bidEvaluation');
    const listPath = evaluation.root.fields!.find((f) => f.item?.block?.name === 'person')!.name;
    const rows = writeFormModel(detachBlock(evaluation, [listPath]));
    expect((rows.schema as any).properties[listPath].items.$ref).toBeUndefined();
    expect(Object.keys((rows.schema as any).properties[listPath].items.properties)).toEqual(Object.keys((sharedDefs.person as any).properties));
    expect(checkFormSchema(rows.schema)).toEqual([]);

    const approval = stored('household-identification.countyApproval');
    const flat = writeFormModel(detachBlock(approval, []));
    expect(JSON.stringify((flat.schema as any).allOf ?? [])).not.toContain('reviewDecision');
    expect(Object.keys((flat.schema as any).properties)).toEqual([...Object.keys((sharedDefs.reviewDecision as any).properties), ...Object.keys((approval.root.fields ?? []).reduce((o, f) => ({ ...o, [f.name]: 1 }), {}))]);
    expect(checkFormSchema(flat.schema)).toEqual([]);
  });

  it('edits a block as a one-field form: unchanged it gives back _defs.json identical, changed it changes that block only', () => {
    for (const name of Object.keys(sharedDefs)) {
      expect(JSON.stringify(blockOfEditing(blockEditingModel(sharedDefs, name), sharedDefs, name).defs)).toBe(JSON.stringify(sharedDefs));
    }
    const editing = blockEditingModel(sharedDefs, 'relation');
    const relation = editing.root.fields![0];
    const options = { ...relation.options!, values: [...relation.options!.values, { value: '之曾孙', label: { zh: '之曾孙', en: "Son's grandson" } }] };
    const { defs } = blockOfEditing(updateField(editing, ['relation'], { options }), sharedDefs, 'relation');
    expect((defs.relation as any).enum.at(-1)).toBe('之曾孙');
    expect((defs.relation as any)['x-enumNames-en'].at(-1)).toBe("Son's grandson");
    for (const name of Object.keys(sharedDefs)) if (name !== 'relation') expect(defs[name]).toBe(sharedDefs[name]);
    const member = blockEditingModel(sharedDefs, 'member');
    const labelled = blockOfEditing(updateField(member, ['member', 'inSchool'], { label: { zh: '在校学生', en: 'In school' } }), sharedDefs, 'member').defs;
    expect((labelled.member as any).properties.inSchool.title).toBe('在校学生');
    expect(JSON.stringify({ ...labelled, member: undefined })).toBe(JSON.stringify({ ...sharedDefs, member: undefined }));
  });
});
