import { allForms, formByKey, validator } from './form-fixtures';

const EXPECTED_KEYS = [
  ...['application', 'verification', 'villagerAppraisal', 'publicNotice', 'objectionReview', 'preliminaryOpinion', 'townReview',
    'secondNotice', 'countyApproval', 'announcement'].map((s) => `household-identification.${s}`),
  ...['candidate', 'villagerAppraisal', 'householdConfirmation', 'publicNotice', 'objectionReview', 'townReview', 'countyApproval']
    .map((s) => `household-exit.${s}`),
  'household-relapse.application',
  'household-relapse.countyApproval',
  ...['proposed', 'villageDeliberation', 'townPreReview', 'countyApproval', 'planNotice', 'procurement', 'tenderNotice', 'bidEvaluation',
    'awardNotice', 'contracted', 'inProgress', 'townPreAcceptance', 'countyAcceptance', 'rectification', 'disbursement', 'resultsNotice']
    .map((s) => `project-tendering.${s}`),
  ...['finding', 'circular', 'rectification', 'rectificationReport', 'verification', 'interview', 'accountability']
    .map((s) => `assessment-escalation.${s}`),
  ...['application', 'villagerAppraisal', 'townReview', 'countyApproval', 'agreement', 'construction', 'completionAcceptance', 'subsidyPayment']
    .map((s) => `housing-renovation.${s}`),
  ...['start', 'application', 'townReview', 'countyApproval'].map((s) => `household-change.${s}`),
  ...['candidate', 'townReview', 'countyApproval', 'publicNotice'].map((s) => `village-exit.${s}`),
  ...['start', 'roster', 'townReview', 'countyApproval'].map((s) => `registry-review.${s}`),
  'villages.indicators',
  'common.objection',
  'common.comment',
  // Record forms of what happens after registration (not steps of a process).
  'help.record', 'help.plan', 'help.measure',
].sort();

type Node = Record<string, any>;

/** Every schema node of a form except examples and the insides of `if`/`contains` tests, with its path. */
function* nodes(node: unknown, path = '#'): Generator<[Node, string]> {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* nodes(child, `${path}/${i}`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  yield [node as Node, path];
  for (const [key, child] of Object.entries(node)) {
    if (['examples', 'if', 'contains', 'errorMessage', 'x-enumNames-en', 'enum', 'required', 'default', 'const'].includes(key)) continue;
    if (['properties', '$defs'].includes(key) && child && typeof child === 'object') {
      for (const [name, sub] of Object.entries(child)) yield* nodes(sub, `${path}/${key}/${name}`);
    } else {
      yield* nodes(child, `${path}/${key}`);
    }
  }
}

function resolve(root: Node, ref: string): Node {
  return ref.slice(2).split('/').reduce<any>((n, token) => n?.[token], root);
}

/** Property names a node declares itself or through `$ref` and `allOf` (not through conditions). */
function declared(root: Node, node: Node, seen = new Set<Node>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(node)) return out;
  seen.add(node);
  for (const name of Object.keys(node.properties ?? {})) out.add(name);
  if (typeof node.$ref === 'string') for (const name of declared(root, resolve(root, node.$ref), seen)) out.add(name);
  for (const part of node.allOf ?? []) for (const name of declared(root, part, seen)) out.add(name);
  return out;
}

const BOUNDED_FORMATS = new Set(['id-card', 'mobile', 'phone', 'bank-account', 'date']);

describe('the form catalogue', () => {
  it('has one form for every step of the processes, plus the common objection and comment', () => {
    expect(allForms().map((f) => f.key)).toEqual(EXPECTED_KEYS);
  });

  describe.each(EXPECTED_KEYS)('%s', (key) => {
    const form = formByKey(key);
    const schema = form.schema as Node;

    it('is a self-contained JSON Schema 2020-12 document with zh and en titles', () => {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(form.version).toBeGreaterThanOrEqual(1);
      expect(form.title.zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(form.title.en).toMatch(/^[A-Z]/);
      for (const [node, path] of nodes(schema)) {
        if (typeof node.$ref !== 'string') continue;
        expect(`${path}: ${node.$ref}`).toMatch(/: #\/\$defs\//);
        expect(resolve(schema, node.$ref)).toBeDefined();
      }
    });

    it('carries realistic examples that validate unchanged', () => {
      const examples = schema.examples as unknown[];
      expect(examples.length).toBeGreaterThanOrEqual(1);
      for (const example of examples) {
        const result = validator.validate(form, example);
        expect(result.fields).toEqual({});
        expect(result.valid).toBe(true);
        // Nothing in an example is hidden or undeclared: a typo in a field name would be dropped here.
        expect(result.data).toEqual(example);
      }
    });

    it('labels every field and option in Chinese with English beside it', () => {
      for (const [node, path] of nodes(schema)) {
        if (typeof node.title === 'string') {
          expect(`${path} ${node.title}`).toMatch(/[\u4e00-\u9fa5]/);
          expect(`${path} ${node['x-title-en']}`).toMatch(/^\S+ \S/);
        }
        if (Array.isArray(node.enum)) {
          expect(node['x-enumNames-en']).toHaveLength(node.enum.length);
        }
        if (Array.isArray(node.oneOf) && node.oneOf.every((b: Node) => 'const' in b)) {
          for (const branch of node.oneOf) {
            expect(branch.title).toMatch(/[\u4e00-\u9fa5]/);
            expect(typeof branch['x-title-en']).toBe('string');
          }
        }
      }
    });

    it('bounds every list and every free text, so oversized submissions are refused', () => {
      for (const [node, path] of nodes(schema)) {
        if (node.type === 'array') expect(`${path} maxItems ${node.maxItems}`).toMatch(/maxItems \d+$/);
        if (node.type === 'string' && node.enum === undefined && node.oneOf === undefined && !BOUNDED_FORMATS.has(node.format)) {
          expect(`${path} maxLength ${node.maxLength}`).toMatch(/maxLength \d+$/);
        }
      }
    });

    it('requires only fields it declares, and orders only fields it has', () => {
      const all = new Set<string>();
      for (const [node] of nodes(schema)) for (const name of Object.keys(node.properties ?? {})) all.add(name);
      for (const [node, path] of nodes(schema)) {
        if (!Array.isArray(node.required) || path.endsWith('/contains')) continue;
        const own = declared(schema, node);
        for (const name of node.required) expect(`${path} requires ${name}: ${own.has(name) || all.has(name)}`).toMatch(/true$/);
      }
      const orders: string[] = [];
      const collect = (ui: unknown) => {
        if (ui === null || typeof ui !== 'object') return;
        for (const [k, v] of Object.entries(ui)) {
          if (k === 'ui:order') orders.push(...(v as string[]));
          else collect(v);
        }
      };
      collect(form.uiSchema);
      for (const name of orders) if (name !== '*') expect(`ui:order ${name}: ${all.has(name)}`).toMatch(/true$/);
    });
  });
});
