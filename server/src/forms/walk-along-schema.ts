import { resolveLocalRef } from './local-ref';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A schema node with everything it is combined with (`$ref`, `allOf`, `anyOf`, `oneOf`, `then`, `else`). */
function combined(root: Json, node: Json, seen = new Set<Json>()): Json[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const out: Json[] = [node];
  if (typeof node.$ref === 'string') {
    const target = resolveLocalRef(root, node.$ref);
    if (target) out.push(...combined(root, target, seen));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const child of list) if (isObject(child)) out.push(...combined(root, child, seen));
  }
  for (const key of ['then', 'else']) {
    const child = node[key];
    if (isObject(child)) out.push(...combined(root, child, seen));
  }
  return out;
}

/** Per form schema, each node's branches, made once: a form version's schema does not change. */
const branchCache = new WeakMap<Json, WeakMap<Json, Json[]>>();

/** `node` and the schema nodes combined with it in the form `root`. */
export function branchesOf(root: Json, node: Json): Json[] {
  let byNode = branchCache.get(root);
  if (!byNode) branchCache.set(root, (byNode = new WeakMap()));
  let branches = byNode.get(node);
  if (!branches) byNode.set(node, (branches = combined(root, node)));
  return branches;
}

/**
 * Walks `data` along the form `schema`: `take(branches, value, pointer)` is called at every value
 * the schema declares, with the schema nodes that describe it; when it answers true, the value's
 * insides are not walked. Only what the submission holds is visited, each value at its place in
 * the form (a field is known by where it is, not by its name alone).
 */
export function walkAlongSchema(schema: unknown, data: unknown, take: (branches: Json[], value: unknown, pointer: string) => boolean): void {
  if (!isObject(schema)) return;
  const root = schema;
  const visit = (nodes: Json[], value: unknown, pointer: string, depth: number): void => {
    if (nodes.length === 0 || depth > 16) return;
    const branches = nodes.flatMap((node) => branchesOf(root, node));
    if (take(branches, value, pointer) || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      const items = branches.map((b) => b.items).filter(isObject);
      value.forEach((item, i) => visit(items, item, `${pointer}/${i}`, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const declared = branches.map((b) => (isObject(b.properties) ? b.properties[key] : undefined)).filter(isObject);
      visit(declared, child, `${pointer}/${escapePointer(key)}`, depth + 1);
    }
  };
  visit([root], data, '', 0);
}
