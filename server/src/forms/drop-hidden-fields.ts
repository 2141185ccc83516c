import { setOwnProperty } from './set-own-property';
import type { VisibilityPlan } from './visibility-plan';

/** Adds the plan and every plan that applies through it to the value (includes, conditions that hold). */
function collectApplicable(plan: VisibilityPlan, value: unknown, out: VisibilityPlan[]): void {
  out.push(plan);
  for (const included of plan.includes) collectApplicable(included, value, out);
  for (const condition of plan.conditions) {
    const branch = condition.test(value) ? condition.then : condition.else;
    if (branch !== undefined) collectApplicable(branch, value, out);
  }
}

function applicable(plans: VisibilityPlan[], value: unknown): VisibilityPlan[] {
  const out: VisibilityPlan[] = [];
  for (const plan of plans) collectApplicable(plan, value, out);
  return out;
}

function cleanArray(plans: VisibilityPlan[], rows: unknown[]): unknown[] {
  const itemPlans: VisibilityPlan[] = [];
  for (const plan of plans) if (plan.items !== undefined) itemPlans.push(plan.items);
  if (itemPlans.length === 0) return rows;
  return rows.map((row) => clean(applicable(itemPlans, row), row));
}

function cleanObject(plans: VisibilityPlan[], object: Record<string, unknown>): Record<string, unknown> {
  let declaresAny = false;
  let keepsUndeclared = false;
  for (const plan of plans) {
    if (plan.properties !== undefined) declaresAny = true;
    if (plan.keepsUndeclared) keepsUndeclared = true;
  }
  // A free-form object (no declared properties anywhere) keeps whatever it holds.
  if (!declaresAny) return object;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const value = object[key];
    const children: VisibilityPlan[] = [];
    for (const plan of plans) {
      const child = plan.properties?.get(key);
      if (child !== undefined) children.push(child);
    }
    if (children.length > 0) setOwnProperty(out, key, clean(applicable(children, value), value));
    else if (keepsUndeclared) setOwnProperty(out, key, value);
  }
  return out;
}

function clean(plans: VisibilityPlan[], value: unknown): unknown {
  if (Array.isArray(value)) return cleanArray(plans, value);
  if (value !== null && typeof value === 'object') return cleanObject(plans, value as Record<string, unknown>);
  return value;
}

/**
 * A copy of the data holding only the fields the form shows for it: values of fields whose condition
 * is false (a disability grade when health is not 残疾) and of fields the form does not declare are
 * left out, as rjsf's `omitExtraData` does. The input is not modified.
 */
export function dropHiddenFields(plan: VisibilityPlan, data: unknown): unknown {
  return clean(applicable([plan], data), data);
}
