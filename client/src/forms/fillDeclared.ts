import { isNode, resolveSchema as resolve, type Node } from './resolveSchema';

/** What `x-fill` fields start with: `today` is the server's China date (device clocks are often wrong), `me` the user's name. */
export interface FillValues {
  today?: string;
  me?: string;
}

function fillObject(schemaNode: Node, data: Node, root: Node, values: FillValues, depth: number): void {
  if (depth > 8) return;
  const schema = resolve(schemaNode, root);
  for (const [key, child] of Object.entries(isNode(schema.properties) ? schema.properties : {})) {
    if (!isNode(child)) continue;
    const fill = child['x-fill'];
    if ((fill === 'today' || fill === 'me') && (data[key] === undefined || data[key] === '')) {
      const value = values[fill];
      if (value) data[key] = value;
    } else if (isNode(data[key])) {
      fillObject(child, data[key], root, values, depth + 1);
    }
  }
}

/**
 * Fills the empty fields a form declares with `x-fill` (`"reviewDate": { "$ref": "#/$defs/date", "x-fill": "today" }`),
 * so a reviewer does not type their own name and today's date. What is already there is kept.
 * Returns the same object when nothing was filled.
 */
export function fillDeclared<T>(schema: Node, data: T, values: FillValues): T {
  const copy = structuredClone(isNode(data) ? data : {}) as Node;
  fillObject(schema, copy, schema, values, 0);
  return JSON.stringify(copy) === JSON.stringify(data) ? data : (copy as T);
}

/**
 * `base` with `over` laid on top, object by object (lists and plain values of `over` replace): how a
 * step's carried-forward data goes over the defaults its form starts with.
 */
export function overlay(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    result[key] = isNode(value) && isNode(result[key]) ? overlay(result[key] as Record<string, unknown>, value) : value;
  }
  return result;
}
