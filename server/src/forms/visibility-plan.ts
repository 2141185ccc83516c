/**
 * Which fields of a form are shown for given data, worked out once per schema so that dropping the
 * values of hidden fields costs a walk over the data and nothing more.
 *
 * A field is shown when a schema that applies to its object declares it in `properties`: the
 * object's own schema, what it reaches through `$ref`, `allOf`, `anyOf` and `oneOf`, and the `then`
 * (or `else`) of every `if` that holds (or fails) for the object's data — the same rule rjsf uses to
 * render conditional fields. `dependentSchemas` apply when their property is present.
 */

/** Decides whether an `if` schema holds for a value. */
export type ConditionTest = (value: unknown) => boolean;

/** Compiles an `if` schema; given the root so that `$ref`s inside it can resolve. */
export type CompileCondition = (schema: Record<string, unknown>, root: Record<string, unknown>) => ConditionTest;

interface Condition {
  test: ConditionTest;
  then?: VisibilityPlan;
  else?: VisibilityPlan;
}

/** The compiled visibility rules of one schema node. */
export interface VisibilityPlan {
  /** Declared properties, or `undefined` when this node declares none. */
  properties?: Map<string, VisibilityPlan>;
  /** `additionalProperties` or `patternProperties` allow undeclared keys. */
  keepsUndeclared: boolean;
  /** Always applicable: `$ref`, `allOf`, `anyOf`, `oneOf`. */
  includes: VisibilityPlan[];
  conditions: Condition[];
  items?: VisibilityPlan;
}

type SchemaNode = Record<string, unknown>;

function isSchemaNode(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function resolveLocalRef(root: SchemaNode, ref: string): SchemaNode {
  if (!ref.startsWith('#')) throw new Error(`Cannot resolve ${ref}: forms must be self-contained (inline shared $defs first).`);
  let node: unknown = root;
  for (const token of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchemaNode(node) ? node[key] : undefined;
  }
  if (!isSchemaNode(node)) throw new Error(`Cannot resolve ${ref}: no schema at that place in the form.`);
  return node;
}

/**
 * Compiles the visibility rules of a self-contained schema.
 * @param compileCondition - compiles each `if` once (the forms use the form validator's AJV instance)
 */
export function buildVisibilityPlan(root: SchemaNode, compileCondition: CompileCondition): VisibilityPlan {
  const plans = new Map<SchemaNode, VisibilityPlan>();

  const build = (node: SchemaNode): VisibilityPlan => {
    const known = plans.get(node);
    if (known !== undefined) return known;
    const plan: VisibilityPlan = { keepsUndeclared: false, includes: [], conditions: [] };
    // Registered before recursing so that recursive `$ref`s end here.
    plans.set(node, plan);
    if (isSchemaNode(node.properties)) {
      plan.properties = new Map();
      for (const [name, child] of Object.entries(node.properties)) {
        plan.properties.set(name, isSchemaNode(child) ? build(child) : build({}));
      }
    }
    const additional = node.additionalProperties;
    plan.keepsUndeclared = (additional !== undefined && additional !== false) || isSchemaNode(node.patternProperties);
    if (typeof node.$ref === 'string') plan.includes.push(build(resolveLocalRef(root, node.$ref)));
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const branches = node[keyword];
      if (Array.isArray(branches)) for (const branch of branches) if (isSchemaNode(branch)) plan.includes.push(build(branch));
    }
    if (isSchemaNode(node.if)) {
      plan.conditions.push({
        test: compileCondition(node.if, root),
        then: isSchemaNode(node.then) ? build(node.then) : undefined,
        else: isSchemaNode(node.else) ? build(node.else) : undefined,
      });
    }
    if (isSchemaNode(node.dependentSchemas)) {
      for (const [name, dependent] of Object.entries(node.dependentSchemas)) {
        if (!isSchemaNode(dependent)) continue;
        const test: ConditionTest = (value) => isSchemaNode(value) && Object.prototype.hasOwnProperty.call(value, name);
        plan.conditions.push({ test, then: build(dependent) });
      }
    }
    if (isSchemaNode(node.items)) plan.items = build(node.items);
    return plan;
  };

  return build(root);
}
