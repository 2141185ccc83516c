import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';
import jsonLogic from 'json-logic-js';

import { roundMoney } from '../money';

/**
 * `"x-compute": { "logic": <JsonLogic>, "round": 2, "tolerance": 0.01 }` on a number field: a
 * read-only value computed from other fields. `logic` reads the object that holds the field (its
 * siblings by name) and `$root`, the whole form; the browser shows the result, the server checks
 * that a submitted value is that result.
 * @example { "x-compute": { "logic": { "/": [{ "+": [{ "var": "wages" }, { "var": "transfers" }] }, { "var": "householdSize" }] } } }
 */
export interface ComputeConfig {
  logic: unknown;
  /** Decimals kept (default 2, fen for money). */
  round?: number;
  /** Allowed difference between the submitted and the computed value (default 0.01). */
  tolerance?: number;
}

/**
 * The operators a computed value may use: reading fields, arithmetic, comparisons and conditions,
 * and folding a list (`reduce`, e.g. a household's size or a column's sum). The same list the
 * browser checks against, so a form that computes in the browser computes on the server too.
 */
export const COMPUTE_OPERATORS: ReadonlySet<string> = new Set([
  'var', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', '>', '>=', '<', '<=',
  '+', '-', '*', '/', '%', 'min', 'max', 'map', 'filter', 'reduce', 'all', 'none', 'some', 'merge', 'in', 'cat', 'substr',
]);

/** The operators of a rule that are not allowed in a computed value (empty when it is safe). */
export function findComputeIssues(logic: unknown): string[] {
  if (Array.isArray(logic)) return logic.flatMap(findComputeIssues);
  if (logic === null || typeof logic !== 'object') return [];
  const keys = Object.keys(logic);
  if (keys.length !== 1) return [`an operation has exactly one key, not ${JSON.stringify(keys)}`];
  const [op] = keys;
  const inner = findComputeIssues((logic as Record<string, unknown>)[op]);
  return COMPUTE_OPERATORS.has(op) ? inner : [`operator "${op}" is not allowed in a computed value`, ...inner];
}

/**
 * The value of a computed field for the object that holds it, rounded; undefined when the inputs
 * are missing or the result is not a finite number (nothing to show or check yet).
 * @example computeValue({ logic: { '/': [{ var: 'net' }, { var: 'size' }] } }, { net: 10000, size: 3 }) // 3333.33
 */
export function computeValue(config: ComputeConfig, holder: unknown, root: unknown = holder, integer = false): number | undefined {
  if (findComputeIssues(config.logic).length > 0) return undefined;
  const scope = holder !== null && typeof holder === 'object' && !Array.isArray(holder) ? { ...(holder as Record<string, unknown>), $root: root } : { $root: root };
  let result: unknown;
  try {
    result = jsonLogic.apply(config.logic as jsonLogic.RulesLogic, scope);
  } catch {
    // A rule that fails on this data (a list where a number was expected…) computes nothing to check.
    return undefined;
  }
  if (typeof result !== 'number' || !Number.isFinite(result)) return undefined;
  const decimals = integer ? 0 : Math.max(0, Math.min(6, config.round ?? 2));
  return decimals === 2 ? roundMoney(result) : Math.round(result * 10 ** decimals) / 10 ** decimals;
}

const validateCompute: SchemaValidateFunction = (config: ComputeConfig, data: unknown, parentSchema, cxt) => {
  const errors: Partial<ErrorObject>[] = [];
  if (typeof data === 'number') {
    // An integer field keeps whole numbers, as the browser rounds it.
    const expected = computeValue(config, cxt?.parentData, cxt?.rootData, parentSchema?.type === 'integer');
    if (expected !== undefined && Math.abs(expected - data) > (config.tolerance ?? 0.01)) {
      errors.push({ keyword: 'x-compute', params: { expected, submitted: data }, message: `must be ${expected}, computed from the other fields` });
    }
  }
  validateCompute.errors = errors;
  return errors.length === 0;
};

/** Keyword for a computed value: the submitted number must be what the form's rule computes from the other fields. */
export const computeKeyword: KeywordDefinition = {
  keyword: 'x-compute',
  type: 'number',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['logic'],
    properties: { logic: {}, round: { type: 'integer', minimum: 0, maximum: 6 }, tolerance: { type: 'number', minimum: 0 } },
    additionalProperties: false,
  },
  errors: true,
  validate: validateCompute,
};
