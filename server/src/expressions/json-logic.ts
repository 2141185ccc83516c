import jsonLogic from 'json-logic-js';

/** A JsonLogic rule: a literal, or `{ operator: args }`. */
export type JsonLogicRule = unknown;

/**
 * The operators a definition may use. `method` (calls arbitrary methods on values) and any
 * operator added to the library elsewhere are refused, so definition text can never reach code.
 */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'var', 'missing', 'missing_some',
  'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=',
  '+', '-', '*', '/', '%', 'min', 'max',
  'map', 'filter', 'reduce', 'all', 'none', 'some', 'merge', 'in', 'cat', 'substr',
]);

/** A problem found in a rule, with the JSON path inside the rule where it sits. */
export interface ExpressionIssue {
  path: string;
  message: string;
}

function isOperation(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

/**
 * Checks that a rule uses only allowed operators. Returns the problems found (empty when the
 * rule is safe to evaluate).
 * @example findExpressionIssues({ '<': [{ var: 'data.income' }, 4000] }) // []
 */
export function findExpressionIssues(rule: JsonLogicRule, path = ''): ExpressionIssue[] {
  if (Array.isArray(rule)) return rule.flatMap((item, i) => findExpressionIssues(item, `${path}/${i}`));
  if (typeof rule !== 'object' || rule === null) return [];
  if (!isOperation(rule)) {
    return [{ path, message: `an operation must have exactly one key, found ${JSON.stringify(Object.keys(rule))}` }];
  }
  const [op] = Object.keys(rule);
  if (!ALLOWED_OPERATORS.has(op)) {
    return [{ path, message: `unknown operator "${op}"; allowed: ${[...ALLOWED_OPERATORS].join(', ')}` }];
  }
  return findExpressionIssues(rule[op], `${path}/${op}`);
}

/**
 * Evaluates a rule against data. Refuses (throws) a rule with an operator outside the allowed
 * set, so a rule that skipped load-time checks still cannot call into code.
 */
export function evaluateExpression(rule: JsonLogicRule, data: unknown): unknown {
  if (typeof rule === 'object' && rule !== null && !checkedRules.has(rule)) {
    const issues = findExpressionIssues(rule);
    if (issues.length > 0) throw new Error(`Refused expression: ${issues[0].message} at ${issues[0].path || '/'}`);
    checkedRules.add(rule);
  }
  return jsonLogic.apply(rule as never, data as never);
}

/**
 * Rules found safe, by identity: a definition's and a form's rules are loaded once per version and
 * evaluated on every step, so each is walked once. A refused rule is never added.
 */
const checkedRules = new WeakSet<object>();

/** Evaluates a rule as a condition (JsonLogic truthiness: empty arrays are false). */
export function evaluateCondition(rule: JsonLogicRule, data: unknown): boolean {
  return jsonLogic.truthy(evaluateExpression(rule, data));
}
