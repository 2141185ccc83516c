import { resolveLocalRef } from './local-ref';

type Json = Record<string, unknown>;

/** A rule that names a field the form does not have: where the rule sits (JSON pointer into the schema) and what is wrong, in Chinese. */
export interface RuleReferenceProblem {
  /** Pointer of the schema node holding the rule, e.g. `/properties/members`. */
  at: string;
  keyword: string;
  message: string;
}

/** The Chinese name of each project rule, as the builder's settings panel shows it. */
export const RULE_NAMES_ZH: Record<string, string> = {
  dateRange: '日期区间',
  sumAtMost: '合计不超过',
  sumEquals: '合计等于',
  majority: '过半数通过',
  quorum: '到会人数',
  uniqueBy: '不可重复',
  perCapitaIncome: '人均收入',
  headIsMember: '户主即成员',
  idCardMatches: '身份证号一致',
  required: '必填',
};

const isJson = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** Branches whose properties belong to the object that holds them. */
const BRANCHES = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * The properties an object schema declares, by name: its own, those of its `allOf` / `anyOf` /
 * `oneOf` branches and `then` / `else`, and of a local `$ref` it uses, each name with every schema declaring it.
 */
export function declaredProperties(root: Json, node: unknown, out = new Map<string, Json[]>(), seen = new Set<unknown>()): Map<string, Json[]> {
  if (!isJson(node) || seen.has(node)) return out;
  seen.add(node);
  if (isJson(node.properties)) {
    for (const [name, sub] of Object.entries(node.properties)) if (isJson(sub)) out.set(name, [...(out.get(name) ?? []), sub]);
  }
  for (const key of BRANCHES) if (Array.isArray(node[key])) for (const branch of node[key] as unknown[]) declaredProperties(root, branch, out, seen);
  for (const key of ['then', 'else'] as const) declaredProperties(root, node[key], out, seen);
  if (typeof node.$ref === 'string') declaredProperties(root, resolveLocalRef(root, node.$ref), out, seen);
  return out;
}

/** The properties of the rows of the array property `name` (its `items`, through a local `$ref`). */
function rowProperties(root: Json, scope: Map<string, Json[]>, name: string): Map<string, Json[]> | undefined {
  const schemas = scope.get(name);
  if (!schemas) return undefined;
  const out = new Map<string, Json[]>();
  for (const schema of schemas) {
    const target = typeof schema.$ref === 'string' ? resolveLocalRef(root, schema.$ref) : schema;
    if (target) declaredProperties(root, target.items, out);
  }
  return out;
}

/** The properties of the object property `name`. */
function objectProperties(root: Json, scope: Map<string, Json[]>, name: string): Map<string, Json[]> {
  const out = new Map<string, Json[]>();
  for (const schema of scope.get(name) ?? []) declaredProperties(root, schema, out);
  return out;
}

type Check = (name: unknown, where: Map<string, Json[]> | undefined, what?: string) => void;

/** The names one rule refers to, each checked against the properties it must be among. */
function checkRule(root: Json, keyword: string, value: unknown, scope: Map<string, Json[]>, node: Json, check: Check): void {
  const config = isJson(value) ? value : {};
  const inScope = (...keys: string[]) => keys.forEach((key) => check(config[key], scope));
  switch (keyword) {
    case 'dateRange':
      return inScope('from', 'until');
    case 'majority':
      return inScope('votes', 'of', 'result');
    case 'quorum':
      return inScope('kind', 'eligible', 'attended');
    case 'perCapitaIncome':
      return inScope('income', 'householdSize');
    case 'idCardMatches':
      check(config.idNumber, scope);
      for (const key of ['birthDate', 'sex']) if (config[key] !== undefined) check(config[key], scope);
      return;
    case 'sumEquals':
      inScope('items', 'total');
      if (typeof config.items === 'string' && scope.has(config.items)) check(config.field, rowProperties(root, scope, config.items), config.items);
      return;
    case 'sumAtMost':
      for (const rule of Array.isArray(value) ? value : [value]) {
        if (!isJson(rule)) continue;
        for (const field of Array.isArray(rule.fields) ? rule.fields : []) check(field, scope);
        check(rule.limit, scope);
        if (rule.at !== undefined) check(rule.at, scope);
      }
      return;
    case 'headIsMember':
      inScope('head', 'members');
      if (typeof config.members === 'string' && scope.has(config.members)) check(config.relation, rowProperties(root, scope, config.members), config.members);
      if (typeof config.head === 'string' && scope.has(config.head)) {
        const head = objectProperties(root, scope, config.head);
        for (const field of Array.isArray(config.fields) ? config.fields : []) check(field, head, config.head);
      }
      return;
    case 'uniqueBy': {
      const rows = new Map<string, Json[]>();
      declaredProperties(root, node.items, rows);
      return check(value, rows, '');
    }
    default:
  }
}

/** Keywords whose value is a schema (or a map or list of schemas) the walk descends into. */
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_ONE = ['items', 'contains', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'not', 'if', 'then', 'else'];
/** Sub-schemas that describe the same object as their parent (its properties are theirs too). */
const SAME_OBJECT = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas']);

export const RULE_KEYWORD_NAMES = ['dateRange', 'sumAtMost', 'sumEquals', 'majority', 'quorum', 'uniqueBy', 'perCapitaIncome', 'headIsMember', 'idCardMatches'] as const;

/**
 * Every place a form's rules name a field that is not there: the project's rules (日期区间 names
 * two dates of its section, 不可重复 a field of the list's row…) and `required`. Each problem says,
 * in Chinese, which rule and which name. Empty when every name is declared.
 * @example findRuleReferenceProblems({ type: 'object', properties: { a: {} }, dateRange: { from: 'a', until: 'b' } })
 * // [{ at: '', keyword: 'dateRange', message: '日期区间引用的字段“b”在本节中不存在' }]
 */
export function findRuleReferenceProblems(schema: Json): RuleReferenceProblem[] {
  const problems: RuleReferenceProblem[] = [];
  const visit = (node: unknown, at: string, inherited: Map<string, Json[]> | undefined): void => {
    if (!isJson(node)) return;
    const scope = declaredProperties(schema, node, new Map(inherited ?? []));
    const check = (keyword: string): Check => (name, where, what) => {
      const label = RULE_NAMES_ZH[keyword] ?? keyword;
      if (typeof name !== 'string' || name === '') {
        problems.push({ at, keyword, message: `${label}：请选择字段` });
      } else if (where && !where.has(name)) {
        const holder = what === undefined ? '本节' : what === '' ? '列表的每一行' : `“${what}”`;
        problems.push({ at, keyword, message: `${label}引用的字段“${name}”在${holder}中不存在` });
      }
    };
    for (const keyword of RULE_KEYWORD_NAMES) if (node[keyword] !== undefined) checkRule(schema, keyword, node[keyword], scope, node, check(keyword));
    // A branch's `required` (required-if) names what its object declares; the scope holds the object's properties.
    if (Array.isArray(node.required)) {
      for (const name of node.required) check('required')(name, scope);
    }
    for (const key of SCHEMA_MAPS) {
      if (!isJson(node[key])) continue;
      for (const [name, sub] of Object.entries(node[key])) visit(sub, `${at}/${key}/${escape(name)}`, key === 'dependentSchemas' ? scope : undefined);
    }
    for (const key of SCHEMA_LISTS) {
      if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((sub, i) => visit(sub, `${at}/${key}/${i}`, SAME_OBJECT.has(key) ? scope : undefined));
    }
    for (const key of SCHEMA_ONE) visit(node[key], `${at}/${key}`, SAME_OBJECT.has(key) ? scope : undefined);
  };
  visit(schema, '', undefined);
  return problems;
}
