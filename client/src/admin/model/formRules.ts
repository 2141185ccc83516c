import { findRuleReferenceProblems } from '@shared/forms';
import type { FieldModel, FormModel, ProjectRules, RuleKeyword } from './formModel';
import type { FieldPath } from './formModelEdits';
import { writeFormModel } from './formModelWrite';

/**
 * The project's rules of a section or a repeating group as settings: which field of the section
 * (or of a list's row, or of a sub-section) each of a rule's settings names, its numbers and its own
 * Chinese message. Pure: the settings panel draws these, tests check them.
 */

/** Where a setting picks its field: the section's own fields, the rows of the list named by another setting, or the fields of a sub-section. */
export type RuleFieldScope = { from: 'section' } | { from: 'rows'; of: string } | { from: 'object'; of: string } | { from: 'groupRows' };

/** One setting of a rule: a field (or several), a number, a text or the option a choice field takes. */
export type RuleSlot =
  | { key: string; kind: 'field'; label: string; scope: RuleFieldScope; optional?: boolean; prefer?: string[] }
  | { key: string; kind: 'fields'; label: string; scope: RuleFieldScope; prefer?: string[] }
  | { key: string; kind: 'number'; label: string; min?: number; step?: number }
  | { key: string; kind: 'option'; label: string; of: string };

const NUMBERS = ['integer', 'number', 'money', 'computed'];

/** The settings of each rule whose value is an object, in the order the panel shows them (`sumAtMost` is a list of these). */
export const RULE_SLOTS: Record<Exclude<RuleKeyword, 'uniqueBy'>, RuleSlot[]> = {
  dateRange: [
    { key: 'from', kind: 'field', label: '开始日期', scope: { from: 'section' }, prefer: ['date'] },
    { key: 'until', kind: 'field', label: '结束日期', scope: { from: 'section' }, prefer: ['date'] },
    { key: 'minDays', kind: 'number', label: '最少天数（含首尾）', min: 1 },
    { key: 'maxDays', kind: 'number', label: '最多天数（含首尾）', min: 1 },
  ],
  sumAtMost: [
    { key: 'fields', kind: 'fields', label: '相加的字段', scope: { from: 'section' }, prefer: NUMBERS },
    { key: 'limit', kind: 'field', label: '不超过', scope: { from: 'section' }, prefer: NUMBERS },
    { key: 'at', kind: 'field', label: '提示显示在', scope: { from: 'section' }, optional: true },
  ],
  sumEquals: [
    { key: 'items', kind: 'field', label: '明细列表', scope: { from: 'section' }, prefer: ['group'] },
    { key: 'field', kind: 'field', label: '每行的金额字段', scope: { from: 'rows', of: 'items' }, prefer: NUMBERS },
    { key: 'total', kind: 'field', label: '应等于', scope: { from: 'section' }, prefer: NUMBERS },
    { key: 'tolerance', kind: 'number', label: '允许误差（元）', min: 0, step: 0.01 },
  ],
  majority: [
    { key: 'votes', kind: 'field', label: '赞成票数', scope: { from: 'section' }, prefer: NUMBERS },
    { key: 'of', kind: 'field', label: '总人数', scope: { from: 'section' }, prefer: NUMBERS },
    { key: 'result', kind: 'field', label: '表决结果', scope: { from: 'section' }, prefer: ['choice'] },
    { key: 'passed', kind: 'option', label: '表示“通过”的选项', of: 'result' },
  ],
  quorum: [
    { key: 'kind', kind: 'field', label: '会议类型', scope: { from: 'section' }, prefer: ['choice'] },
    { key: 'eligible', kind: 'field', label: '应到人数', scope: { from: 'section' }, prefer: NUMBERS },
    { key: 'attended', kind: 'field', label: '实到人数', scope: { from: 'section' }, prefer: NUMBERS },
  ],
  perCapitaIncome: [
    { key: 'income', kind: 'field', label: '收入部分', scope: { from: 'section' }, prefer: ['section'] },
    { key: 'householdSize', kind: 'field', label: '家庭人口（成员列表或人数）', scope: { from: 'section' }, prefer: ['group', 'integer'] },
    { key: 'tolerance', kind: 'number', label: '允许误差（元）', min: 0, step: 0.01 },
  ],
  headIsMember: [
    { key: 'head', kind: 'field', label: '户主部分', scope: { from: 'section' }, prefer: ['section'] },
    { key: 'members', kind: 'field', label: '家庭成员列表', scope: { from: 'section' }, prefer: ['group'] },
    { key: 'relation', kind: 'field', label: '与户主关系字段', scope: { from: 'rows', of: 'members' }, prefer: ['choice'] },
    { key: 'value', kind: 'option', label: '表示户主的选项', of: 'relation' },
    { key: 'fields', kind: 'fields', label: '须一致的字段', scope: { from: 'object', of: 'head' } },
  ],
  idCardMatches: [
    { key: 'idNumber', kind: 'field', label: '身份证号', scope: { from: 'section' }, prefer: ['idNumber'] },
    { key: 'birthDate', kind: 'field', label: '出生日期', scope: { from: 'section' }, optional: true, prefer: ['date'] },
    { key: 'sex', kind: 'field', label: '性别', scope: { from: 'section' }, optional: true, prefer: ['choice'] },
  ],
};

/** The rules whose settings carry their own Chinese message (`message`), said instead of the standard one. */
export const RULES_WITH_MESSAGE: ReadonlySet<RuleKeyword> = new Set(['dateRange', 'sumAtMost', 'sumEquals', 'majority', 'quorum', 'perCapitaIncome', 'headIsMember', 'idCardMatches']);

/** The quorum each kind of meeting needs. */
export const QUORUM_RULES = [
  { value: 'more-than-half', label: '过半数到会' },
  { value: 'at-least-two-thirds', label: '三分之二以上到会' },
] as const;

/** The fields a setting picks from, for the rule on a section whose fields are `fields`. */
export function slotFields(scope: RuleFieldScope, fields: FieldModel[], rule: Record<string, unknown>): FieldModel[] {
  if (scope.from === 'section') return fields;
  const holder = scope.from === 'groupRows' ? undefined : fields.find((f) => f.name === rule[scope.of]);
  if (scope.from === 'rows') return holder?.item?.fields ?? [];
  if (scope.from === 'object') return holder?.fields ?? [];
  return [];
}

/** A setting's choices, the fields of the preferred types first, each as "中文标签（name）". */
export function fieldChoices(candidates: FieldModel[], prefer: string[] = []): Array<{ value: string; label: string }> {
  const rank = (f: FieldModel) => (prefer.length === 0 || prefer.includes(f.type) ? 0 : 1);
  return [...candidates].sort((a, b) => rank(a) - rank(b)).map((f) => ({ value: f.name, label: `${f.label?.zh ?? f.name}（${f.name}）` }));
}

/** The field a setting of a rule names (its schema model), looked up where that setting picks from. */
export function ruleField(keyword: Exclude<RuleKeyword, 'uniqueBy'>, rule: Record<string, unknown>, key: string, fields: FieldModel[]): FieldModel | undefined {
  const slot = RULE_SLOTS[keyword].find((s) => s.key === key);
  if (!slot || (slot.kind !== 'field' && slot.kind !== 'fields')) return undefined;
  return slotFields(slot.scope, fields, rule).find((f) => f.name === rule[key]);
}

/** The values a choice field takes, with their Chinese labels (for "表示通过的选项"). */
export function optionChoices(field: FieldModel | undefined): Array<{ value: string; label: string }> {
  const values = field?.options?.values ?? field?.item?.options?.values ?? [];
  return values.map((o) => ({ value: String(o.value), label: o.label.zh ? `${o.label.zh}（${String(o.value)}）` : String(o.value) }));
}

/** What a new rule starts with: for each field setting, the first field of a preferred type (the panel says what is still to choose). */
export function newRule(keyword: RuleKeyword, fields: FieldModel[]): unknown {
  if (keyword === 'uniqueBy') return fields.find((f) => f.type === 'idNumber')?.name ?? fields[0]?.name ?? '';
  const rule: Record<string, unknown> = {};
  const taken = new Set<string>();
  for (const slot of RULE_SLOTS[keyword]) {
    if (slot.kind === 'field' && !slot.optional) {
      const candidates = slotFields(slot.scope, fields, rule).filter((f) => slot.prefer?.includes(f.type) && !taken.has(f.name));
      rule[slot.key] = candidates[0]?.name ?? '';
      if (slot.scope.from === 'section' && candidates[0]) taken.add(candidates[0].name);
    } else if (slot.kind === 'fields') {
      rule[slot.key] = slotFields(slot.scope, fields, rule).filter((f) => slot.prefer?.includes(f.type) && !taken.has(f.name)).slice(0, 2).map((f) => f.name);
    } else if (slot.kind === 'option') {
      rule[slot.key] = optionChoices(fields.find((f) => f.name === rule[slot.of]))[0]?.value ?? '';
    }
  }
  if (keyword === 'quorum') rule.rules = {};
  return keyword === 'sumAtMost' ? [rule] : rule;
}

/**
 * One setting of a rule changed: `undefined` removes an optional setting, a field that another
 * setting depends on (the list whose rows are picked from) clears what depended on it.
 * @example setRuleValue({ items: 'sources', field: 'amount', total: 'budget' }, 'sumEquals', 'items', 'funds') // { items: 'funds', field: '', total: 'budget' }
 */
export function setRuleValue(rule: Record<string, unknown>, keyword: Exclude<RuleKeyword, 'uniqueBy'>, key: string, value: unknown): Record<string, unknown> {
  const next: Record<string, unknown> = { ...rule };
  if (value === undefined || value === null || value === '') {
    const slot = RULE_SLOTS[keyword].find((s) => s.key === key);
    if (slot?.kind === 'number' || (slot?.kind === 'field' && slot.optional) || key === 'message') delete next[key];
    else next[key] = '';
  } else {
    next[key] = value;
  }
  for (const slot of RULE_SLOTS[keyword]) {
    const dependsOn = slot.kind === 'option' ? slot.of : (slot.kind === 'field' || slot.kind === 'fields') && slot.scope.from !== 'section' && slot.scope.from !== 'groupRows' ? slot.scope.of : undefined;
    if (dependsOn === key && rule[key] !== next[key]) next[slot.key] = slot.kind === 'fields' ? [] : '';
  }
  if (keyword === 'quorum' && key === 'kind' && rule.kind !== next.kind) next.rules = {};
  return next;
}

const SAME_SECTION = new Set(['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not']);

/** The field names a schema pointer goes through (`/properties/members/items` → members); null outside the fields (`$defs`). */
export function fieldNamesOf(pointer: string): string[] | null {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'properties') names.push(parts[++i]);
    else if (SAME_SECTION.has(parts[i])) {
      if (/^\d+$/.test(parts[i + 1] ?? '')) i++;
    } else if (parts[i] !== 'items') return null;
  }
  return names;
}

/**
 * What is wrong with the rules of the section at `path`, as the server's strict check says it
 * (the same words): a setting with no field chosen, or a field the section does not have. By rule.
 */
export function ruleProblems(model: FormModel, path: FieldPath): Partial<Record<RuleKeyword, string[]>> {
  const key = path.filter((p) => p !== '[]').join('/');
  const out: Partial<Record<RuleKeyword, string[]>> = {};
  for (const problem of findRuleReferenceProblems(writeFormModel(model).schema)) {
    if (fieldNamesOf(problem.at)?.join('/') !== key) continue;
    const keyword = problem.keyword as RuleKeyword;
    (out[keyword] ??= []).push(problem.message);
  }
  return out;
}

/** The rules the panel may add to a section (`uniqueBy` only on a repeating group). */
export function offeredRules(rules: ProjectRules, keywords: readonly RuleKeyword[], isGroup: boolean): RuleKeyword[] {
  return keywords.filter((keyword) => rules[keyword] === undefined && (keyword === 'uniqueBy' ? isGroup : true));
}
