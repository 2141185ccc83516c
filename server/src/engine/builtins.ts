import { evaluateCondition, evaluateExpression, findExpressionIssues } from '../expressions';
import type { ExpressionIssue } from '../expressions';

/**
 * The fixed set of named guards and actions a definition may reference. Definitions choose and
 * parameterise them; behaviour stays in code.
 */

/** What guards and `setData` see: the instance's data, the event, the year's configuration. */
export interface ExpressionScope {
  data: Record<string, unknown>;
  event: { type: string; data?: unknown; comment?: string };
  settings: Record<string, unknown>;
  config: Record<string, unknown>;
  /**
   * The configuration of any year, by year (`years.2016.householdEntryIncome`): for a rule that
   * applies the line of the year the data is about (an income year) rather than the case's year.
   */
  years: Readonly<Record<string, Record<string, unknown> | undefined>>;
}

/** A read-only view of the configuration by year, resolved on access (only four-digit keys are years). */
export function configByYear(configForYear: (year: number) => Record<string, unknown>): ExpressionScope['years'] {
  return new Proxy({}, {
    get: (_target, key) => (typeof key === 'string' && /^\d{4}$/.test(key) ? configForYear(Number(key)) : undefined),
    has: (_target, key) => typeof key === 'string' && /^\d{4}$/.test(key),
  });
}

export interface BuiltinGuard {
  validate(params: Record<string, unknown> | undefined): ExpressionIssue[];
  evaluate(scope: ExpressionScope, params: Record<string, unknown>): boolean;
}

export const BUILTIN_GUARDS: Record<string, BuiltinGuard> = {
  /** `{ type: 'expr', params: { if: <JsonLogic> } }` — true when the rule is truthy. */
  expr: {
    validate: (params) => (params && 'if' in params ? findExpressionIssues(params.if, '/params/if') : [{ path: '/params', message: 'needs params.if, a JsonLogic rule' }]),
    evaluate: (scope, params) => evaluateCondition(params.if, scope),
  },
};

/** Actions that change the instance's data inside the step (applied by XState's assign). */
export const DATA_ACTIONS = {
  /** `{ type: 'setData', params: { path: 'a.b', value: <JsonLogic> } }` */
  setData: {
    validate(params: Record<string, unknown> | undefined): ExpressionIssue[] {
      if (!params || typeof params.path !== 'string' || !/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(params.path)) {
        return [{ path: '/params/path', message: 'needs params.path, a dotted field path such as "review.round"' }];
      }
      return findExpressionIssues(params.value, '/params/value');
    },
    compute: (scope: ExpressionScope, params: Record<string, unknown>) => evaluateExpression(params.value, scope),
  },
} as const;

/**
 * Actions the engine turns into effects for the runtime (notices, domain records,
 * notifications). Their params are data; the runtime's handlers do the I/O.
 */
export const EFFECT_ACTIONS = ['publishNotice', 'closeNotice', 'writeRecord', 'notify', 'startCase'] as const;
export type EffectActionType = (typeof EFFECT_ACTIONS)[number];

/** Action names the engine injects itself; definitions may not use them. */
export const INTERNAL_ACTIONS = {
  openTask: 'jz.openTask',
  closeTask: 'jz.closeTask',
  recordStep: 'jz.recordStep',
} as const;
