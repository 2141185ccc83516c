import { fileRefsOf, findFileRefFields } from '../../server/src/forms';
import { allForms } from './form-fixtures';

const A = '3f0c1a52-1b2c-4d3e-8f40-000000000001';
const B = '3f0c1a52-1b2c-4d3e-8f40-000000000002';
const C = '3f0c1a52-1b2c-4d3e-8f40-000000000003';
const D = '3f0c1a52-1b2c-4d3e-8f40-000000000004';

/** A form with two fields named `proof` (a photo, and any document) and a text field named like a file field elsewhere. */
const schema = {
  type: 'object',
  $defs: {
    photo: { type: 'string', format: 'file-ref', 'x-file': { kind: 'photo' } },
    visitor: { type: 'object', properties: { name: { type: 'string' }, proof: { $ref: '#/$defs/photo' } } },
  },
  properties: {
    visit: { type: 'object', properties: { proof: { type: 'array', items: { $ref: '#/$defs/photo' } }, note: { type: 'string' } } },
    documents: { type: 'object', properties: { proof: { type: 'string', format: 'file-ref', 'x-file': { kind: 'document' } } } },
    visitors: { type: 'array', items: { $ref: '#/$defs/visitor' } },
    remarks: { type: 'object', properties: { proof: { type: 'string', title: '佐证说明（文字）' } } },
  },
  allOf: [{ if: { properties: { visit: { const: null } } }, then: { properties: { signature: { type: 'string', format: 'file-ref', 'x-file': { kind: 'signature' } } } } }],
};

describe('the attachment ids a submission names, found by each field\'s place in the form', () => {
  it('When two fields share a name, then each id gets the types its own field takes, and a text field of that name holds no attachment', () => {
    const refs = fileRefsOf(schema, {
      visit: { proof: [A], note: 'x' },
      documents: { proof: B },
      visitors: [{ name: '张三', proof: C }],
      remarks: { proof: '门口照片见附件' },
      signature: D,
    });
    expect(refs).toEqual([
      { pointer: '/visit/proof/0', id: A, accept: ['image/jpeg', 'image/png'] },
      // A document takes any evidence file: no limit on its type.
      { pointer: '/documents/proof', id: B },
      { pointer: '/visitors/0/proof', id: C, accept: ['image/jpeg', 'image/png'] },
      { pointer: '/signature', id: D, accept: ['image/png'] },
    ]);
  });

  it.each(allForms().filter((f) => Array.isArray(f.schema.examples)).map((f) => [f.key, f] as const))('%s: the example\'s evidence is found where its file fields are, with a JSON pointer into the data', (_key, form) => {
    const example = (form.schema.examples as unknown[])[0];
    const names = findFileRefFields(form.schema);
    // The county's forms use each file field's name in one place: a search by name finds the same ids.
    const byName: string[] = [];
    const scan = (value: unknown, key?: string): void => {
      if (key !== undefined && names.has(key)) {
        for (const id of Array.isArray(value) ? value : [value]) if (typeof id === 'string') byName.push(id);
        return;
      }
      if (Array.isArray(value)) value.forEach((v) => scan(v));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) scan(v, k);
    };
    scan(example);
    const refs = fileRefsOf(form.schema, example);
    expect(refs.map((ref) => ref.id)).toEqual(byName);
    for (const ref of refs) expect(valueAt(example, ref.pointer)).toBe(ref.id);
  });

  it('When a list the form declares holds no file field, then its items are not read at all (a 20-member household list is not walked for evidence)', () => {
    const read: string[] = [];
    const member = (i: number) => new Proxy({ name: `成员${i}`, proof: 'x' }, { get: (target, key) => { read.push(String(key)); return Reflect.get(target, key); },
      ownKeys: (target) => { read.push('(keys)'); return Reflect.ownKeys(target); } });
    const form = { ...schema, properties: { ...schema.properties, members: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, proof: { type: 'string' } } } } } };
    const refs = fileRefsOf(form, { members: [member(1), member(2)], documents: { proof: B } });
    expect(refs).toEqual([{ pointer: '/documents/proof', id: B }]);
    expect(read).toEqual([]);
  });

  it('When the form refers to itself (a recursive $ref), then the walk ends and finds the evidence at every depth', () => {
    const tree = {
      type: 'object',
      $defs: { node: { type: 'object', properties: { photo: { type: 'string', format: 'file-ref' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
      properties: { root: { $ref: '#/$defs/node' } },
    };
    const refs = fileRefsOf(tree, { root: { photo: A, children: [{ children: [{ photo: B }] }, { photo: C }] } });
    expect(refs.map((r) => [r.pointer, r.id])).toEqual([['/root/photo', A], ['/root/children/0/children/0/photo', B], ['/root/children/1/photo', C]]);
  });

  it('When every county form\'s example is read, then evidence is found in many of them (the check above is not empty)', () => {
    const withEvidence = allForms().filter((f) => Array.isArray(f.schema.examples) && fileRefsOf(f.schema, (f.schema.examples as unknown[])[0]).length > 0);
    expect(withEvidence.length).toBeGreaterThanOrEqual(15);
  });
});

/** The value a JSON pointer names in `data`. */
function valueAt(data: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);
}
