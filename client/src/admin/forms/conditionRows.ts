import type { Condition, FieldTest } from '../model';

/** A condition as the builder edits it: tests joined by one combinator. */
export interface FlatCondition {
  combinator: 'and' | 'or';
  tests: FieldTest[];
}

/**
 * The flat form of a condition, or null when it nests more than the builder shows (then its
 * JSON is shown instead).
 * @example flattenCondition({ kind: 'all', tests: [t] }) // { combinator: 'and', tests: [t] }
 */
export function flattenCondition(condition: Condition | null | undefined): FlatCondition | null {
  if (!condition) return { combinator: 'and', tests: [] };
  if (condition.kind === 'all') return { combinator: 'and', tests: condition.tests };
  const singles = condition.children.map((child) => (child.kind === 'all' && (condition.kind === 'and' || child.tests.length === 1) ? child.tests : null));
  if (singles.some((tests) => tests === null)) return null;
  return { combinator: condition.kind, tests: singles.flat() as FieldTest[] };
}

/** The condition of a flat one; null when it has no tests (always shown). */
export function toCondition(flat: FlatCondition): Condition | null {
  if (flat.tests.length === 0) return null;
  if (flat.combinator === 'and' || flat.tests.length === 1) return { kind: 'all', tests: flat.tests };
  return { kind: 'or', children: flat.tests.map((test) => ({ kind: 'all', tests: [test] })) };
}
