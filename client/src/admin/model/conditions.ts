/**
 * The visual condition builder's model: a tree of AND/OR groups over `field operator value` rules,
 * turned into the JsonLogic an `expr` guard holds and read back from it.
 */

export type Operator = '===' | '!==' | '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'truthy' | 'falsy';

export interface ConditionRule {
  kind: 'rule';
  /** The variable read, e.g. `data.verification.conclusion` or `event.data.amount`. */
  field: string;
  op: Operator;
  /** The literal compared with; a list for `in`; unused for `truthy` / `falsy`. */
  value?: unknown;
}

export interface ConditionGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  children: ConditionNode[];
}

export type ConditionNode = ConditionRule | ConditionGroup;

export const COMPARISONS: readonly Operator[] = ['===', '!==', '==', '!=', '>', '>=', '<', '<='];
export const OPERATORS: readonly Operator[] = ['===', '!==', '>', '>=', '<', '<=', 'in', 'truthy', 'falsy'];

export const emptyGroup = (): ConditionGroup => ({ kind: 'group', combinator: 'and', children: [] });

function ruleToLogic(rule: ConditionRule): unknown {
  const variable = { var: rule.field };
  if (rule.op === 'truthy') return { '!!': [variable] };
  if (rule.op === 'falsy') return { '!': [variable] };
  if (rule.op === 'in') return { in: [variable, Array.isArray(rule.value) ? rule.value : [rule.value]] };
  return { [rule.op]: [variable, rule.value ?? null] };
}

/**
 * The JsonLogic for a condition; undefined when it has no rules (no guard: the transition is always taken).
 * @example toJsonLogic({ kind: 'group', combinator: 'and', children: [{ kind: 'rule', field: 'data.a.b', op: '>', value: 3 }] }) // { '>': [{ var: 'data.a.b' }, 3] }
 */
export function toJsonLogic(node: ConditionNode): unknown {
  if (node.kind === 'rule') return node.field ? ruleToLogic(node) : undefined;
  const parts = node.children.map(toJsonLogic).filter((part) => part !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { [node.combinator]: parts };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLiteral = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function varName(value: unknown): string | undefined {
  const inner = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (!isObject(inner) || Object.keys(inner).length !== 1) return undefined;
  const name = Array.isArray(inner.var) ? inner.var[0] : inner.var;
  return typeof name === 'string' ? name : undefined;
}

function logicToNode(logic: unknown): ConditionNode | null {
  if (!isObject(logic) || Object.keys(logic).length !== 1) return null;
  const [op] = Object.keys(logic);
  const args = logic[op];
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(args)) return null;
    const children = args.map(logicToNode);
    return children.every((child): child is ConditionNode => child !== null) ? { kind: 'group', combinator: op, children } : null;
  }
  if (op === '!!' || op === '!') {
    const field = varName(args);
    return field ? { kind: 'rule', field, op: op === '!!' ? 'truthy' : 'falsy' } : null;
  }
  if (!Array.isArray(args) || args.length !== 2) return null;
  const field = varName(args[0]);
  if (!field) return null;
  if (op === 'in' && Array.isArray(args[1]) && args[1].every(isLiteral)) return { kind: 'rule', field, op: 'in', value: args[1] };
  if ((COMPARISONS as string[]).includes(op) && isLiteral(args[1])) return { kind: 'rule', field, op: op as Operator, value: args[1] };
  return null;
}

/**
 * Reads a guard's JsonLogic back into the builder's tree (always a group at the top); null when
 * the rule uses more than the builder can show, so the page offers the JSON text instead.
 */
export function fromJsonLogic(logic: unknown): ConditionGroup | null {
  if (logic === undefined) return emptyGroup();
  const node = logicToNode(logic);
  if (!node) return null;
  return node.kind === 'group' ? node : { kind: 'group', combinator: 'and', children: [node] };
}

/** The `expr` guard for a condition, or undefined when the condition is empty. */
export function guardFor(group: ConditionGroup): { type: 'expr'; params: { if: unknown } } | undefined {
  const logic = toJsonLogic(group);
  return logic === undefined ? undefined : { type: 'expr', params: { if: logic } };
}

/** The JsonLogic an `expr` guard holds, undefined for other guards. */
export function guardLogic(guard: { type: string; params?: Record<string, unknown> } | undefined): unknown {
  return guard?.type === 'expr' ? guard.params?.if : undefined;
}

/** Every `var` a rule reads, for showing which fields a guard depends on. */
export function varsOf(logic: unknown): string[] {
  if (Array.isArray(logic)) return logic.flatMap(varsOf);
  if (!isObject(logic)) return [];
  return Object.entries(logic).flatMap(([key, value]) => (key === 'var' ? [].concat(value as never).filter((v) => typeof v === 'string').slice(0, 1) : varsOf(value)));
}
