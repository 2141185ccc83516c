import type { Condition, FieldTest, Literal, SchemaNode } from './formModel';

/**
 * Conditions as the forms write them in JSON Schema (`if`, a list's `contains`) read into the
 * builder's `Condition` and written back the same way:
 * `{ properties: { f: { const: v } }, required: ['f'] }` is "f equals v"; `enum` is "f is one of";
 * `not: { const }`, `minimum` / `exclusiveMinimum` / `maximum` / `exclusiveMaximum` compare;
 * `contains` is "any row is …"; `allOf` / `anyOf` are and / or.
 */

const isObject = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLiteral = (value: unknown): value is Literal => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const sameKeys = (node: SchemaNode, keys: string[]) => {
  const own = Object.keys(node);
  return own.length === keys.length && own.every((key, i) => key === keys[i]);
};

const COMPARE: Record<string, '>' | '>=' | '<' | '<='> = { exclusiveMinimum: '>', minimum: '>=', exclusiveMaximum: '<', maximum: '<=' };
const COMPARE_KEYWORD: Record<string, string> = { '>': 'exclusiveMinimum', '>=': 'minimum', '<': 'exclusiveMaximum', '<=': 'maximum' };

function readTest(field: string, node: unknown): FieldTest | null {
  if (!isObject(node) || Object.keys(node).length !== 1) return null;
  const [keyword] = Object.keys(node);
  const value = node[keyword];
  if (keyword === 'const' && isLiteral(value)) return { field, op: 'equals', value };
  if (keyword === 'enum' && Array.isArray(value) && value.every(isLiteral)) return { field, op: 'in', value };
  if (keyword === 'not' && isObject(value) && sameKeys(value, ['const']) && isLiteral(value.const)) return { field, op: 'notEquals', value: value.const };
  if (keyword in COMPARE && typeof value === 'number') return { field, op: COMPARE[keyword], value };
  if (keyword === 'contains') {
    const where = readCondition(value);
    return where ? { field, op: 'any', where } : null;
  }
  return null;
}

/**
 * The condition a JSON Schema `if` (or `contains`) states, or null when it says more than the
 * builder shows (the branch is then JSON-only).
 * @example readCondition({ properties: { health: { const: '残疾' } }, required: ['health'] }) // { kind: 'all', tests: [{ field: 'health', op: 'equals', value: '残疾' }] }
 */
export function readCondition(node: unknown): Condition | null {
  if (!isObject(node)) return null;
  if (sameKeys(node, ['anyOf']) || sameKeys(node, ['allOf'])) {
    const list = (node.anyOf ?? node.allOf) as unknown;
    if (!Array.isArray(list) || list.length === 0) return null;
    const children = list.map(readCondition);
    if (children.some((child) => child === null)) return null;
    return { kind: 'anyOf' in node ? 'or' : 'and', children: children as Condition[] };
  }
  const objectType = node.type === 'object';
  if (!(objectType ? sameKeys(node, ['type', 'properties', 'required']) : sameKeys(node, ['properties', 'required']))) return null;
  if (!isObject(node.properties) || !Array.isArray(node.required)) return null;
  const names = Object.keys(node.properties);
  const required = node.required as unknown[];
  if (names.length === 0 || required.length !== names.length || !names.every((name, i) => required[i] === name)) return null;
  const tests = names.map((name) => readTest(name, (node.properties as SchemaNode)[name]));
  if (tests.some((test) => test === null)) return null;
  return objectType ? { kind: 'all', tests: tests as FieldTest[], objectType: true } : { kind: 'all', tests: tests as FieldTest[] };
}

function writeTest(test: FieldTest): SchemaNode {
  switch (test.op) {
    case 'equals':
      return { const: test.value };
    case 'notEquals':
      return { not: { const: test.value } };
    case 'in':
      return { enum: [...test.value] };
    case 'any':
      return { contains: writeCondition(test.where) };
    default:
      return { [COMPARE_KEYWORD[test.op]]: test.value };
  }
}

/**
 * The JSON Schema of a condition: the inverse of `readCondition`. Every tested field is required, so
 * a field left empty never satisfies a condition.
 */
export function writeCondition(condition: Condition): SchemaNode {
  if (condition.kind === 'and') return { allOf: condition.children.map(writeCondition) };
  if (condition.kind === 'or') return { anyOf: condition.children.map(writeCondition) };
  const properties: SchemaNode = {};
  for (const test of condition.tests) properties[test.field] = writeTest(test);
  const body = { properties, required: condition.tests.map((test) => test.field) };
  return condition.objectType ? { type: 'object', ...body } : body;
}

/** The fields a condition reads (the first level only: an `any` test reads its list). */
export function conditionFields(condition: Condition): string[] {
  if (condition.kind !== 'all') return [...new Set(condition.children.flatMap(conditionFields))];
  return condition.tests.map((test) => test.field);
}

/** A condition with one test: `equalsCondition('health', '残疾')`. */
export function equalsCondition(field: string, value: Literal | Literal[]): Condition {
  return { kind: 'all', tests: [Array.isArray(value) ? { field, op: 'in', value } : { field, op: 'equals', value }] };
}

/** Renames a field in every test of a condition (after the field itself was renamed). */
export function renameInCondition(condition: Condition, from: string, to: string): Condition {
  if (condition.kind !== 'all') return { ...condition, children: condition.children.map((child) => renameInCondition(child, from, to)) };
  return { ...condition, tests: condition.tests.map((test) => (test.field === from ? { ...test, field: to } : test)) };
}
