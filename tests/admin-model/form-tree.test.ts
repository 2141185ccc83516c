import { detachBlock, parseFormModel, type FormModel } from '../../client/src/admin/model';
import { flattenRows, isContainer, sectionRows, type TreeRow } from '../../client/src/admin/forms/formTree';
import { loadFormFiles } from '../../server/src/forms/load-forms';
import { SCHEMAS_DIR } from '../forms/form-fixtures';

const { documents, sharedDefs } = loadFormFiles(SCHEMAS_DIR);
const stored = (key: string): FormModel => parseFormModel(documents.find((d) => d.key === key)!);

/** The tree's rows under `prefix` as `path · block · read-only in`, depth first. */
const describeRows = (rows: TreeRow[], prefix: string) => flattenRows(rows).filter((r) => r.path.join('/').startsWith(prefix))
  .map((r) => [r.path.join('/'), r.block?.name ?? '-', r.readOnlyIn?.name ?? '-'].join(' · '));

const ADDRESS_FIELDS = Object.keys((sharedDefs.address as { properties: object }).properties);

describe('the form builder\'s tree of a form with blocks that extend blocks', () => {
  it('When a block holds a field extending another block (the household\'s address), then the tree shows that block\'s fields under it, read-only in it', () => {
    const rows = sectionRows(stored('household-identification.application'));
    expect(describeRows(rows, 'household/address')).toEqual([
      'household/address · address · household',
      ...ADDRESS_FIELDS.map((name) => `household/address/${name} · ${name === 'town' ? 'town' : '-'} · address`),
    ]);
  });

  it('When the household block is detached into the form, then its address still shows the address block\'s fields, and it can be opened as a section', () => {
    const model = detachBlock(stored('household-identification.application'), ['household']);
    const rows = sectionRows(model);
    expect(describeRows(rows, 'household/address')).toEqual([
      'household/address · address · -',
      ...ADDRESS_FIELDS.map((name) => `household/address/${name} · ${name === 'town' ? 'town' : '-'} · address`),
    ]);
    const address = flattenRows(rows).find((r) => r.path.join('/') === 'household/address')!;
    expect(isContainer(address.field)).toBe(true);
    // The detached household's own fields are the form's own now: none of them is read-only.
    expect(flattenRows(rows).filter((r) => r.path.length === 2 && r.path[0] === 'household').every((r) => r.readOnlyIn === undefined)).toBe(true);
  });

  it('When a form extends a block beside its own fields (the county approval), then its own fields and the block\'s both show, the block\'s read-only', () => {
    const model = stored('household-identification.countyApproval');
    const rows = sectionRows(model);
    const own = (model.root.fields ?? []).map((f) => f.name);
    const shared = Object.keys((sharedDefs.reviewDecision as { properties: object }).properties);
    expect(rows.filter((r) => !r.readOnlyIn).map((r) => r.field.name).sort()).toEqual([...own].sort());
    expect(rows.filter((r) => r.readOnlyIn?.name === 'reviewDecision').map((r) => r.field.name).sort()).toEqual([...shared].sort());
  });
});
