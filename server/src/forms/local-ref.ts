type Json = Record<string, unknown>;

/** The node a local `$ref` (`#/$defs/x`, JSON-pointer escapes decoded) points at in `root`, if it is an object. */
export function resolveLocalRef(root: Json, ref: unknown): Json | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node && typeof node === 'object' ? (node as Json) : undefined;
}

/**
 * Calls `each(name, schema)` for every property declared anywhere in a form schema (nested
 * objects, arrays, `$defs`, combinators), each schema node once; `examples` hold data and are skipped.
 */
export function forEachDeclaredProperty(schema: unknown, each: (name: string, property: unknown, root: Json) => void): void {
  if (!schema || typeof schema !== 'object') return;
  const root = schema as Json;
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Json;
    if (n.properties && typeof n.properties === 'object') {
      for (const [name, sub] of Object.entries(n.properties as Json)) each(name, sub, root);
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'examples') visit(value);
  };
  visit(root);
}
