import jsonLogic from 'json-logic-js';
import { isNode, type Node } from './resolveSchema';

/** The keyword of a read-only computed field: a JsonLogic rule over the fields beside it. */
export const COMPUTED_KEYWORD = 'x-computed';

/** Operators a computed value may use: arithmetic, comparisons and list folds, nothing that calls code. */
const SAFE = new Set(['var', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', '>', '>=', '<', '<=', '+', '-', '*', '/', '%', 'min', 'max', 'map', 'filter', 'reduce', 'all', 'none', 'some', 'merge', 'in', 'cat', 'substr']);

function isSafe(rule: unknown): boolean {
  if (Array.isArray(rule)) return rule.every(isSafe);
  if (!isNode(rule)) return true;
  const keys = Object.keys(rule);
  return keys.length === 1 && SAFE.has(keys[0]) && isSafe(rule[keys[0]]);
}

/**
 * The value of a computed field from the object that holds it (its sibling fields), or undefined
 * when the rule is unsafe, fails, or gives no finite number / text. Money (`format: "money"`) and
 * numbers are rounded to fen, as the server rounds them.
 * @example computeValue({ '+': [{ var: 'a' }, { var: 'b' }] }, { a: 1.005, b: 2 }, { type: 'number' }) // 3.01
 */
export function computeValue(rule: unknown, scope: Node, field: Node = {}): unknown {
  if (!isSafe(rule)) return undefined;
  let value: unknown;
  try {
    value = jsonLogic.apply(rule as jsonLogic.RulesLogic, scope);
  } catch {
    return undefined;
  }
  if (field.type === 'number' || field.type === 'integer') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(n)) return undefined;
    return field.type === 'integer' ? Math.round(n) : Math.round(n * 100) / 100;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

/** Writes every computed property of one object (`x-computed` on its schema's properties); removes a value that can no longer be worked out. */
export function fillComputed(schema: Node, data: Node): void {
  const properties = isNode(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isNode(property) || property[COMPUTED_KEYWORD] === undefined) continue;
    const value = computeValue(property[COMPUTED_KEYWORD], data, property);
    if (value === undefined) delete data[name];
    else data[name] = value;
  }
}
