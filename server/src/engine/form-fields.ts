/**
 * The fields of a form's JSON Schema, read without a validator: what lint checks guard
 * references against and what a diff compares. `$ref`s inside the schema, `allOf`/`anyOf`/`oneOf`,
 * `if`/`then`/`else` and `dependentSchemas` are followed; arrays are entered through `items`.
 */

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[token] : undefined;
  }
  return isObject(node) ? node : undefined;
}

/** The schema branches that together describe one value (the node, its refs and combinators). */
function branchesOf(root: Schema, node: Schema, seen = new Set<Schema>()): Schema[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const out: Schema[] = [node];
  if (typeof node.$ref === 'string') {
    const target = resolveRef(root, node.$ref);
    if (target) out.push(...branchesOf(root, target, seen));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const child of list) if (isObject(child)) out.push(...branchesOf(root, child, seen));
  }
  for (const key of ['then', 'else']) {
    const child = node[key];
    if (isObject(child)) out.push(...branchesOf(root, child, seen));
  }
  if (isObject(node.dependentSchemas)) {
    for (const child of Object.values(node.dependentSchemas)) if (isObject(child)) out.push(...branchesOf(root, child, seen));
  }
  return out;
}

/** The direct properties of a value's schema, by name, each with every schema that declares it. */
function propertiesOf(root: Schema, node: Schema): Map<string, Schema[]> {
  const props = new Map<string, Schema[]>();
  for (const branch of branchesOf(root, node)) {
    if (!isObject(branch.properties)) continue;
    for (const [name, child] of Object.entries(branch.properties)) {
      if (isObject(child)) props.set(name, [...(props.get(name) ?? []), child]);
    }
  }
  return props;
}

/** True when a value's schema accepts properties it does not name (then any field may exist). */
function isOpen(root: Schema, node: Schema): boolean {
  const branches = branchesOf(root, node);
  if (branches.some((b) => isObject(b.patternProperties) || isObject(b.additionalProperties) || b.additionalProperties === true)) return true;
  // A schema that names no properties at all and is not closed describes free data.
  return !branches.some((b) => isObject(b.properties)) && !branches.some((b) => b.additionalProperties === false);
}

/**
 * Whether a dotted field path (`assurances.safeHousing`, `members.0.name`) can exist in data the
 * form accepts. Open objects accept anything below them.
 * @example formHasField(schema, 'applicant.idNumber')
 */
export function formHasField(schema: Schema, path: string): boolean {
  let nodes: Schema[] = [schema];
  for (const segment of path.split('.')) {
    const next: Schema[] = [];
    for (const node of nodes) {
      const props = propertiesOf(schema, node);
      if (props.has(segment)) next.push(...props.get(segment)!);
      else if (/^\d+$/.test(segment)) {
        for (const b of branchesOf(schema, node)) if (isObject(b.items)) next.push(b.items);
      } else if (isOpen(schema, node)) return true;
    }
    if (next.length === 0) return false;
    nodes = next;
  }
  return true;
}

/**
 * Every field of a form as a JSON pointer into its data (`/applicant/idNumber`; array items as
 * `-`, `/members/-/name`) with the field's own schema, nested properties left out, for comparison.
 */
export function formFieldPointers(schema: Schema): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: Schema, prefix: string, depth: number) => {
    if (depth > 12) return;
    for (const [name, declared] of propertiesOf(schema, node)) {
      const pointer = `${prefix}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const own = declared.map((d) => {
        const { properties: _p, items: _i, ...rest } = d;
        return rest;
      });
      out.set(pointer, JSON.stringify(own));
      for (const d of declared) {
        visit(d, pointer, depth + 1);
        for (const b of branchesOf(schema, d)) if (isObject(b.items)) visit(b.items, `${pointer}/-`, depth + 1);
      }
    }
  };
  visit(schema, '', 0);
  return out;
}

/**
 * The schemas that declare a dotted field path (`conclusion`, `assurances.safeHousing`), merged
 * left to right: what a message needs (title, enum) of a field. Undefined when no branch declares it.
 */
export function formFieldSchema(schema: Schema, path: string): Schema | undefined {
  let nodes: Schema[] = [schema];
  for (const segment of path.split('.')) {
    const next: Schema[] = [];
    for (const node of nodes) {
      const props = propertiesOf(schema, node);
      if (props.has(segment)) next.push(...props.get(segment)!);
    }
    if (next.length === 0) return undefined;
    nodes = next;
  }
  return Object.assign({}, ...nodes.flatMap((n) => branchesOf(schema, n)).reverse()) as Schema;
}

/**
 * The form's decision fields: top-level fields marked `"x-decision": true` (a conclusion, a vote's
 * result, an objection's decision). An outcome that keeps the form's data must agree with them.
 */
export function decisionFieldsOf(schema: Schema): string[] {
  return [...propertiesOf(schema, schema)].filter(([, declared]) => declared.some((d) => branchesOf(schema, d).some((b) => b['x-decision'] === true))).map(([name]) => name);
}
