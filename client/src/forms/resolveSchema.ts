export type Node = Record<string, unknown>;

export const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A schema node with its `$ref` (`#/$defs/x`) and `allOf` branches merged in, as far as walking needs. */
export function resolveSchema(node: Node, root: Node, depth = 0): Node {
  if (depth > 8) return node;
  let merged: Node = { ...node };
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')) {
    const target = (root.$defs as Node | undefined)?.[node.$ref.slice(8)];
    if (isNode(target)) merged = { ...resolveSchema(target, root, depth + 1), ...node, $ref: undefined };
  }
  for (const branch of Array.isArray(node.allOf) ? node.allOf : []) {
    if (isNode(branch)) {
      const part = resolveSchema(branch, root, depth + 1);
      merged = { ...part, ...merged, properties: { ...(part.properties as Node), ...(merged.properties as Node) } };
    }
  }
  return merged;
}
