import { evaluateExpression, findExpressionIssues } from '../expressions';
import type { JsonLogicRule } from '../expressions';
import type { DefinitionIssue } from './definition-error';

/**
 * What a task's form opens with, carried forward from earlier steps (`meta.task.prefill`): a map
 * from a dotted field path of the task's form to a JsonLogic rule over `{ data, org }` (the instance
 * data, every step's submission under its state name; `org` what the org tree says of the case's
 * village, `org.noticePlaces`: its 村委会 and every 村民小组, where a notice is posted).
 * @example { "livingConditions": { "var": "data.application.household.livingConditions" },
 *            "objectionSummary": { "var": "data.objection.content" },
 *            "places": { "var": "org.noticePlaces" } }
 */
export type PrefillSpec = Record<string, JsonLogicRule>;

const FIELD_PATH = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** Checks a task's `prefill`: dotted field paths, each mapped to a safe JsonLogic rule. */
export function validatePrefillSpec(spec: unknown, at: string): DefinitionIssue[] {
  if (spec === undefined) return [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [{ path: `${at}.prefill`, message: 'must be an object from a form field path to a JsonLogic rule, e.g. { "livingConditions": { "var": "data.application.household.livingConditions" } }' }];
  }
  const issues: DefinitionIssue[] = [];
  for (const [field, rule] of Object.entries(spec)) {
    if (!FIELD_PATH.test(field)) issues.push({ path: `${at}.prefill.${field}`, message: 'the key must be a dotted field path of the task\'s form, such as "review.summary"' });
    for (const issue of findExpressionIssues(rule)) issues.push({ path: `${at}.prefill.${field}${issue.path}`, message: issue.message });
  }
  return issues;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === ''
  || (Array.isArray(value) && value.length === 0)
  || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

/**
 * The task form's starting data from the instance data: each mapped field whose rule yields a value
 * (a rule that fails or yields nothing leaves its field empty; the form is still the user's to fill).
 * @example computePrefill({ objectionSummary: { var: 'data.objection.content' } }, { objection: { content: '…' } }) // { objectionSummary: '…' }
 */
export function computePrefill(spec: PrefillSpec | undefined, data: unknown, org: Record<string, unknown> = {}): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!spec) return result;
  for (const [field, rule] of Object.entries(spec)) {
    let value: unknown;
    try {
      value = evaluateExpression(rule, { data, org });
    } catch {
      continue;
    }
    if (isEmpty(value)) continue;
    const keys = field.split('.');
    let target = result;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      target = (typeof next === 'object' && next !== null && !Array.isArray(next) ? next : (target[key] = {})) as Record<string, unknown>;
    }
    target[keys[keys.length - 1]] = structuredClone(value);
  }
  return result;
}
