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

/** Whether a schema node (one branch) is what a walk looks for: a file field, an address block… */
export type SchemaTarget = (node: Json, root: Json) => boolean;

/** Per target and form schema, whether a node's value can hold a target anywhere inside it, made once. */
const reachCache = new WeakMap<SchemaTarget, WeakMap<Json, Map<Json, boolean>>>();

/**
 * Whether a value described by `node` can hold a target: the node is one, or a property or an
 * item it declares can hold one. A node met again inside its own insides (a recursive `$ref`)
 * counts as holding one, so such a form is walked in full rather than pruned wrongly.
 */
function reaches(root: Json, node: Json, isTarget: SchemaTarget): boolean {
  let byRoot = reachCache.get(isTarget);
  if (!byRoot) reachCache.set(isTarget, (byRoot = new WeakMap()));
  let known = byRoot.get(root);
  if (!known) byRoot.set(root, (known = new Map()));
  const cached = known.get(node);
  if (cached !== undefined) return cached;
  known.set(node, true);
  let found = false;
  for (const branch of branchesOf(root, node)) {
    if (isTarget(branch, root) || (isObject(branch.items) && reaches(root, branch.items, isTarget))) found = true;
    else if (isObject(branch.properties)) found = Object.values(branch.properties).some((p) => isObject(p) && reaches(root, p, isTarget));
    if (found) break;
  }
  known.set(node, found);
  return found;
}

/**
 * Walks `data` along the form `schema` to the values the schema marks as targets:
 * `take(branches, value, pointer)` is called at each value whose schema nodes include one
 * `isTarget` accepts, with those nodes, and the value's insides are not walked further. Only what
 * the submission holds is visited, each value at its place in the form (a field is known by where
 * it is, not by its name alone), and only where the form can hold a target: a 20-member household
 * list without one is not entered.
 */
export function walkAlongSchema(schema: unknown, data: unknown, isTarget: SchemaTarget,
  take: (branches: Json[], value: unknown, pointer: string) => void): void {
  if (!isObject(schema)) return;
  const root = schema;
  const visit = (nodes: Json[], value: unknown, pointer: string, depth: number): void => {
    if (depth > 16) return;
    const branches = nodes.length === 1 ? branchesOf(root, nodes[0]) : nodes.flatMap((node) => branchesOf(root, node));
    if (branches.some((b) => isTarget(b, root))) {
      take(branches, value, pointer);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      const items = branches.map((b) => b.items).filter((n): n is Json => isObject(n) && reaches(root, n, isTarget));
      if (items.length > 0) value.forEach((item, i) => visit(items, item, `${pointer}/${i}`, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const declared = branches.map((b) => (isObject(b.properties) ? b.properties[key] : undefined))
        .filter((n): n is Json => isObject(n) && reaches(root, n, isTarget));
      if (declared.length > 0) visit(declared, child, `${pointer}/${escapePointer(key)}`, depth + 1);
    }
  };
  if (reaches(root, root, isTarget)) visit([root], data, '', 0);
}
