import { evaluateCondition, findExpressionIssues } from '../expressions';
import type { JsonLogicRule } from '../expressions';
import { configByYear } from './builtins';
import type { TaskOutcome } from './definition';
import type { LoadedDefinition } from './load-definition';
import type { PersistedSnapshot } from './step';

/**
 * Rules an outcome's submission must meet, each with the message shown on its field when it does
 * not (`outcome.checks`): a guard the user can act on, instead of a bare "not allowed now".
 * `if` is JsonLogic over `{ data, event: { data }, config, years }`, like a guard's.
 * @example { "if": { "<=": [{ "var": "event.data.retentionPercent" }, 5] }, "field": "retentionPercent",
 *   "message": { "zh": "质保金不超过合同金额的5%" } }
 */
export interface OutcomeCheck {
  if: unknown;
  /** The form field (dotted path) the message belongs to. */
  field: string;
  message: { zh: string; en?: string };
}

/** Problems of an outcome's `checks` as written in a definition, for the definition validator. */
export function outcomeCheckIssues(checks: unknown): string[] {
  if (checks === undefined) return [];
  if (!Array.isArray(checks)) return ['checks must be a list of { "if": <JsonLogic>, "field": "a.b", "message": { "zh": "…" } }'];
  return checks.flatMap((check: Partial<OutcomeCheck> | null, i) => {
    const issues: string[] = [];
    if (!check || typeof check !== 'object') return [`checks[${i}] must be { "if", "field", "message" }`];
    if (typeof check.field !== 'string' || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(check.field)) issues.push(`checks[${i}].field must be a dotted form field path`);
    if (!check.message || typeof check.message.zh !== 'string') issues.push(`checks[${i}].message needs { "zh": "…" }`);
    for (const issue of findExpressionIssues(check.if, `/checks/${i}/if`)) issues.push(`${issue.path}: ${issue.message}`);
    return issues;
  });
}

/**
 * The field messages of the checks a submission fails (empty when all hold), evaluated against
 * the instance's data before the step and the year's configuration. Pure: the runtime turns a
 * non-empty answer into a 400 that changes nothing.
 */
export function outcomeCheckFailures(def: LoadedDefinition, outcome: TaskOutcome, snapshot: PersistedSnapshot, eventData: unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if (!outcome.checks?.length) return fields;
  const context = (snapshot.context ?? {}) as { data?: Record<string, unknown>; year?: number };
  // Every stored context has its year; 0 resolves to the first configured year.
  const year = context.year ?? 0;
  const scope = {
    data: context.data ?? {}, event: { type: outcome.event, data: eventData }, settings: def.document.settings ?? {},
    config: def.configForYear(year), years: configByYear(def.configForYear),
  };
  for (const check of outcome.checks) {
    if (evaluateCondition(check.if as JsonLogicRule, scope)) continue;
    const pointer = `/${check.field.split('.').join('/')}`;
    (fields[pointer] ??= []).push(locale === 'en' && check.message.en ? check.message.en : check.message.zh);
  }
  return fields;
}
