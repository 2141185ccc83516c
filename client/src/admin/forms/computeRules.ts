/** The computed value's rule as the builder offers it: a sum of fields, a list's total, a quotient, or JsonLogic typed by an expert. */
export type ComputeRule =
  | { kind: 'sum'; fields: string[] }
  | { kind: 'listSum'; list: string; field: string }
  | { kind: 'count'; list: string }
  | { kind: 'divide'; dividend: string; divisor: string }
  | { kind: 'logic'; logic: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const varOf = (value: unknown): string | undefined => (isObject(value) && typeof value.var === 'string' && Object.keys(value).length === 1 ? value.var : undefined);

/**
 * The JsonLogic of a rule. A list's length counts its rows (`count` and a list as divisor), so
 * 人均 = 收入 ÷ 家庭成员 divides by the number of members.
 * @example computeLogic({ kind: 'listSum', list: 'items', field: 'amount' }) // { reduce: [{ var: 'items' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0] }
 */
export function computeLogic(rule: ComputeRule, lists: string[] = []): unknown {
  const count = (list: string) => ({ reduce: [{ var: list }, { '+': [{ var: 'accumulator' }, 1] }, 0] });
  switch (rule.kind) {
    case 'sum':
      return { '+': rule.fields.map((field) => ({ var: field })) };
    case 'listSum':
      return { reduce: [{ var: rule.list }, { '+': [{ var: 'accumulator' }, { var: `current.${rule.field}` }] }, 0] };
    case 'count':
      return count(rule.list);
    case 'divide':
      return { '/': [{ var: rule.dividend }, lists.includes(rule.divisor) ? count(rule.divisor) : { var: rule.divisor }] };
    default:
      return rule.logic;
  }
}

/** The rule a JsonLogic expression is, when it is one of the shapes the builder writes; else the expression itself. */
export function readComputeRule(logic: unknown): ComputeRule {
  if (isObject(logic) && Array.isArray(logic['+']) && Object.keys(logic).length === 1) {
    const fields = (logic['+'] as unknown[]).map(varOf);
    if (fields.every((f): f is string => f !== undefined)) return { kind: 'sum', fields };
  }
  if (isObject(logic) && Array.isArray(logic.reduce) && Object.keys(logic).length === 1) {
    const [list, step, start] = logic.reduce as unknown[];
    const name = varOf(list);
    const plus = isObject(step) && Array.isArray(step['+']) ? (step['+'] as unknown[]) : [];
    if (name && start === 0 && varOf(plus[0]) === 'accumulator') {
      if (plus[1] === 1) return { kind: 'count', list: name };
      const current = varOf(plus[1]);
      if (current?.startsWith('current.')) return { kind: 'listSum', list: name, field: current.slice(8) };
    }
  }
  if (isObject(logic) && Array.isArray(logic['/']) && (logic['/'] as unknown[]).length === 2) {
    const [a, b] = logic['/'] as unknown[];
    const dividend = varOf(a);
    const divisor = varOf(b) ?? (readComputeRule(b).kind === 'count' ? (readComputeRule(b) as { list: string }).list : undefined);
    if (dividend && divisor) return { kind: 'divide', dividend, divisor };
  }
  return { kind: 'logic', logic };
}
