import { FILE_REF_FORMAT, findFileRefFields } from '../../server/src/forms';
import { allForms } from './form-fixtures';

type Node = Record<string, any>;

/** What a field's name or title says when it holds evidence: an attachment, a photo or a scan. */
const EVIDENCE_WORDS = /附件|照片|扫描件|photo|scan|attachment/i;
/** A field named as a reference to a document (`contractRef`, `evidenceRefs`) holds evidence too. */
const REF_NAME = /Refs?$/;

/** The required evidence that was once a typed path, by form: each must now be an upload. */
const REQUIRED_EVIDENCE: Record<string, string[]> = {
  'household-identification.verification': ['photoRefs'],
  'household-identification.publicNotice': ['photoRefs'],
  'household-identification.secondNotice': ['photoRefs'],
  'household-identification.announcement': ['photoRefs'],
  'household-exit.publicNotice': ['photoRefs'],
  'housing-renovation.application': ['appraisalRef'],
  'housing-renovation.construction': ['photoRefs'],
  'project-tendering.planNotice': ['photoRefs'],
  'project-tendering.resultsNotice': ['photoRefs'],
  'project-tendering.procurement': ['resolutionRef'],
  'project-tendering.bidEvaluation': ['reportRef'],
  'project-tendering.contracted': ['contractRef'],
  'project-tendering.rectification': ['evidenceRefs'],
  'assessment-escalation.rectificationReport': ['evidenceRefs'],
  'assessment-escalation.finding': ['fileRef'],
};

function resolve(root: Node, node: Node, depth = 0): Node {
  if (typeof node.$ref !== 'string' || depth > 8) return node;
  const target = node.$ref.slice(2).split('/').reduce<any>((n: any, token: string) => n?.[token], root);
  return target ? { ...resolve(root, target, depth + 1), ...node, $ref: undefined } : node;
}

/** A field that takes uploads: a `file-ref` string or a list of them. */
function takesUploads(root: Node, node: Node): boolean {
  const field = resolve(root, node);
  if (field.format === FILE_REF_FORMAT) return true;
  return field.type === 'array' && !!field.items && resolve(root, field.items).format === FILE_REF_FORMAT;
}

/** Every property of a schema (through $ref, allOf/anyOf/oneOf, conditions, array items and $defs), with its path. */
function* properties(root: Node, node: unknown, path: string, seen = new Set<unknown>()): Generator<[string, Node, string]> {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* properties(root, child, `${path}/${i}`, seen);
    return;
  }
  const n = node as Node;
  for (const [key, child] of Object.entries(n)) {
    if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') continue;
    if (key === 'properties' && child && typeof child === 'object') {
      for (const [name, sub] of Object.entries(child as Node)) {
        if (sub && typeof sub === 'object') yield [name, sub as Node, `${path}/properties/${name}`];
        yield* properties(root, sub, `${path}/properties/${name}`, seen);
      }
    } else {
      yield* properties(root, child, `${path}/${key}`, seen);
    }
  }
}

describe('evidence fields of every form in schemas/', () => {
  const forms = allForms();

  it('finds the forms and, in them, the evidence fields', () => {
    const evidence = forms.flatMap((form) => [...properties(form.schema as Node, form.schema, '#')]
      .filter(([name, sub]) => REF_NAME.test(name) || EVIDENCE_WORDS.test(name) || EVIDENCE_WORDS.test(String(resolve(form.schema as Node, sub).title ?? ''))));
    expect(forms.length).toBeGreaterThan(40);
    expect(evidence.length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(REQUIRED_EVIDENCE))('%s: the required evidence %j is an upload', (key, names) => {
    const form = forms.find((f) => f.key === key);
    expect(form).toBeDefined();
    const uploads = findFileRefFields(form?.schema);
    for (const name of names) expect(`${key}: ${name} ${uploads.has(name) ? 'takes uploads' : 'is free text'}`).toBe(`${key}: ${name} takes uploads`);
  });

  it.each(forms.map((f) => [f.key, f] as const))('%s: every 附件/照片/扫描件 field takes uploads (file-ref), none is free text', (_key, form) => {
    const root = form.schema as Node;
    const freeText: string[] = [];
    for (const [name, sub, path] of properties(root, root, '#')) {
      const field = resolve(root, sub);
      const says = [name, field.title, field['x-title-en']].filter((t): t is string => typeof t === 'string');
      if (!REF_NAME.test(name) && !says.some((t) => EVIDENCE_WORDS.test(t))) continue;
      // An object or list of objects that groups evidence (e.g. one row per document) is checked by its own fields.
      if (field.type === 'object' || (field.type === 'array' && resolve(root, field.items ?? {}).type === 'object')) continue;
      // A yes/no or a count about photos is not a file.
      if (field.type === 'boolean' || field.type === 'integer' || field.type === 'number') continue;
      if (!takesUploads(root, sub)) freeText.push(`${path} (${says.join(' / ')})`);
    }
    expect(freeText).toEqual([]);
  });
});
