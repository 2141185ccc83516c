import { findComputeIssues } from '@shared/forms';
import jsonLogic from 'json-logic-js';
import { isNode, type Node } from './resolveSchema';

/** The keyword of a read-only computed field: `{ logic, round? }`, a JsonLogic rule over the fields beside it (`$root`: the whole form). */
export const COMPUTED_KEYWORD = 'x-compute';

interface ComputeSetting {
  logic?: unknown;
  round?: number;
}

/**
 * The value of a computed field from the object that holds it (its sibling fields), or undefined
 * when the rule is unsafe, fails, or gives no finite number / text. Numbers are rounded to `round`
 * decimals (default 2: fen), integers to whole numbers.
 * @example computeValue({ '+': [{ var: 'a' }, { var: 'b' }] }, { a: 1.005, b: 2 }, { type: 'number' }) // 3.01
 */
export function computeValue(rule: unknown, scope: Node, field: Node = {}, round = 2): unknown {
  // The server's list of allowed operators: a rule it would not compute is not computed here either.
  if (findComputeIssues(rule).length > 0) return undefined;
  let value: unknown;
  try {
    value = jsonLogic.apply(rule as jsonLogic.RulesLogic, scope);
  } catch {
    return undefined;
  }
  if (field.type === 'number' || field.type === 'integer') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(n)) return undefined;
    const factor = 10 ** (field.type === 'integer' ? 0 : Math.max(0, Math.min(6, round)));
    return Math.round(n * factor) / factor;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

/**
 * Writes every computed property of one object (`x-compute` on its schema's properties), reading
 * the object's own fields and the whole form as `$root`; removes a value that can no longer be worked out.
 */
export function fillComputed(schema: Node, data: Node, root: Node = data): void {
  const properties = isNode(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isNode(property) || !isNode(property[COMPUTED_KEYWORD])) continue;
    const setting = property[COMPUTED_KEYWORD] as ComputeSetting;
    const value = computeValue(setting.logic, { ...data, $root: root }, property, typeof setting.round === 'number' ? setting.round : 2);
    if (value === undefined) delete data[name];
    else data[name] = value;
  }
}
