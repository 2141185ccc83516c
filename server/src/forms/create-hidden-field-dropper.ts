import { setOwnProperty } from './set-own-property';
import type { VisibilityPlan } from './visibility-plan';

/** The fields shown at one place in the data for one combination of condition outcomes. */
interface Shape {
  /** `undefined` for a free-form object, whose content is kept as it is. */
  properties?: Map<string, Resolver>;
  keepsUndeclared: boolean;
  items?: Resolver;
}

/** Finds the shape that applies to a value at one place in the form. */
type Resolver = (value: unknown) => Shape;

function hasConditions(plan: VisibilityPlan, seen = new Set<VisibilityPlan>()): boolean {
  if (seen.has(plan)) return false;
  seen.add(plan);
  return plan.conditions.length > 0 || plan.includes.some((included) => hasConditions(included, seen));
}

/** Every plan that applies to the value, and the outcomes of the conditions met on the way as a key. */
function walk(plan: VisibilityPlan, value: unknown, collect: VisibilityPlan[] | undefined, outcomes: string[]): void {
  collect?.push(plan);
  for (const included of plan.includes) walk(included, value, collect, outcomes);
  for (const condition of plan.conditions) {
    const holds = condition.test(value);
    outcomes.push(holds ? '1' : '0');
    const branch = holds ? condition.then : condition.else;
    if (branch !== undefined) walk(branch, value, collect, outcomes);
  }
}

function mergeShape(plans: VisibilityPlan[]): Shape {
  let keepsUndeclared = false;
  let declared: Map<string, VisibilityPlan[]> | undefined;
  const itemPlans: VisibilityPlan[] = [];
  for (const plan of plans) {
    if (plan.keepsUndeclared) keepsUndeclared = true;
    if (plan.items !== undefined) itemPlans.push(plan.items);
    if (plan.properties === undefined) continue;
    declared ??= new Map();
    for (const [name, child] of plan.properties) {
      const list = declared.get(name);
      if (list === undefined) declared.set(name, [child]);
      else list.push(child);
    }
  }
  const shape: Shape = { keepsUndeclared };
  if (declared !== undefined) {
    shape.properties = new Map();
    for (const [name, children] of declared) shape.properties.set(name, createResolver(children));
  }
  if (itemPlans.length > 0) shape.items = createResolver(itemPlans);
  return shape;
}

/**
 * A resolver caches one merged shape per combination of condition outcomes, so after the first
 * submissions a value costs only its condition tests and a map lookup.
 */
function createResolver(plans: VisibilityPlan[]): Resolver {
  if (!plans.some((plan) => hasConditions(plan))) {
    let shape: Shape | undefined;
    return (value) => (shape ??= mergeShape(applicable(plans, value)));
  }
  const shapes = new Map<string, Shape>();
  return (value) => {
    const outcomes: string[] = [];
    for (const plan of plans) walk(plan, value, undefined, outcomes);
    const key = outcomes.join('');
    let shape = shapes.get(key);
    if (shape === undefined) {
      shape = mergeShape(applicable(plans, value));
      shapes.set(key, shape);
    }
    return shape;
  };
}

function applicable(plans: VisibilityPlan[], value: unknown): VisibilityPlan[] {
  const collected: VisibilityPlan[] = [];
  for (const plan of plans) walk(plan, value, collected, []);
  return collected;
}

function clean(resolve: Resolver, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const shape = resolve(value);
  if (Array.isArray(value)) {
    const items = shape.items;
    return items === undefined ? value : value.map((row) => clean(items, row));
  }
  const properties = shape.properties;
  if (properties === undefined) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
    const child = properties.get(key);
    if (child === undefined && !shape.keepsUndeclared) continue;
    const kept = child === undefined ? source[key] : clean(child, source[key]);
    // Plain assignment is fast; `__proto__` needs defining so it cannot replace the prototype.
    if (key === '__proto__') setOwnProperty(out, key, kept);
    else out[key] = kept;
  }
  return out;
}

/**
 * Compiles a visibility plan into a function that copies data without the values of fields the form
 * hides for it (a disability grade when health is not 残疾) or does not declare, as rjsf's
 * `omitExtraData` does. The input is never modified.
 */
export function createHiddenFieldDropper(plan: VisibilityPlan): (data: unknown) => unknown {
  const root = createResolver([plan]);
  return (data) => clean(root, data);
}
