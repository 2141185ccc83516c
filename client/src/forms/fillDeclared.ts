import { isNode, resolveSchema as resolve, type Node } from './resolveSchema';

/** What `x-fill` fields start with: `today` is the server's China date (device clocks are often wrong), `me` the user's name. */
export interface FillValues {
  today?: string;
  me?: string;
}

/** A value an `x-fill` field takes, at its path in the data. */
export interface DeclaredFill {
  path: string[];
  value: string;
}

function collectFills(schemaNode: Node, data: Node, root: Node, values: FillValues, at: string[], out: DeclaredFill[]): void {
  if (at.length > 8) return;
  const schema = resolve(schemaNode, root);
  for (const [key, child] of Object.entries(isNode(schema.properties) ? schema.properties : {})) {
    if (!isNode(child)) continue;
    const fill = child['x-fill'];
    if ((fill === 'today' || fill === 'me') && (data[key] === undefined || data[key] === '')) {
      const value = values[fill];
      if (value) out.push({ path: [...at, key], value });
    } else if (isNode(data[key])) {
      collectFills(child, data[key], root, values, [...at, key], out);
    }
  }
}

/**
 * The empty `x-fill` fields of `data` with the value each takes, by path: a form already open
 * applies them one by one onto its latest data (rjsf `setFieldValue`), so a late answer fills only
 * those fields and never puts back what the user typed before it.
 */
export function declaredFills(schema: Node, data: unknown, values: FillValues): DeclaredFill[] {
  const out: DeclaredFill[] = [];
  if (isNode(data) || data === undefined) collectFills(schema, isNode(data) ? data : {}, schema, values, [], out);
  return out;
}

function fillObject(schema: Node, data: Node, values: FillValues): void {
  for (const { path, value } of declaredFills(schema, data, values)) {
    let node = data;
    for (const key of path.slice(0, -1)) node = node[key] as Node;
    node[path[path.length - 1]] = value;
  }
}

/**
 * Fills the empty fields a form declares with `x-fill` (`"reviewDate": { "$ref": "#/$defs/date", "x-fill": "today" }`),
 * so a reviewer does not type their own name and today's date. What is already there is kept.
 * Returns the same object when nothing was filled.
 */
export function fillDeclared<T>(schema: Node, data: T, values: FillValues): T {
  const copy = structuredClone(isNode(data) ? data : {}) as Node;
  fillObject(schema, copy, values);
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
