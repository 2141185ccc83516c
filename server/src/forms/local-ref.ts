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
