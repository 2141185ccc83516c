import {
  addField, blockUsage, changeSharedBlock, newField, parseFormModel, readSharedBlocks, replaceFormBlock, updateField, writeField, writeFormModel,
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
