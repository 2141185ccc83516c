import { evaluateExpression, findExpressionIssues } from '../expressions';
import type { JsonLogicRule } from '../expressions';
import type { DefinitionIssue } from './definition-error';

/**
 * What completing a task files on the household's 帮扶记录卡 (`meta.task.helpCard`): one entry per
 * completed step, written in the step's own transaction. Texts are templates whose `{field}`
 * placeholders read the task's own form (`{newArea}`, `{inspectors.0.name}`) or an earlier step's
 * data (`{data.agreement.builder}`); `date`, `value` and the confirmations name one field the same way.
 * @example { "kind": "帮扶成效", "measureType": "危房改造", "date": "inspectionDate",
 *            "result": "竣工验收合格：{newStructure}住房{newArea}平方米", "visit": "{opinion}" }
 */
export interface HelpCardSpec {
  /** 走访 (a visit), 帮扶措施 (a measure taken) or 帮扶成效 (its result). */
  kind: HelpCardKind;
  /** The card's 帮扶措施类型, e.g. 危房改造, 社保兜底. */
  measureType: string;
  /** Outcomes that write the entry; default every forward outcome of the task (a return or rejection writes none). */
  outcomes?: string[];
  /** JsonLogic over `{ data }` (the case data after the step) that must hold, e.g. only a 集中供养 approval. */
  when?: JsonLogicRule;
  /** The field holding the day of the help; default the day the step was completed (China time). */
  date?: string;
  /** What was seen or done on the visit, as a template. */
  visit?: string;
  /** The measure taken, as a template. */
  measure?: string;
  /** Its result, as a template. */
  result?: string;
  /** The field holding an amount in yuan. */
  value?: string;
  /** Boolean fields: the household's, the 村两委 head's and the work team leader's confirmation. */
  confirmedByHousehold?: string;
  confirmedByVillage?: string;
  confirmedByTeamLeader?: string;
  /** The 帮扶单位 written on the card; default the unit of the user who completed the step. */
  helperUnit?: string;
  /** The case data path of the household head's ID number; default the process's `meta.subject.idNumber`. */
  household?: string;
}

export const HELP_CARD_KINDS = ['走访', '帮扶措施', '帮扶成效'] as const;
export type HelpCardKind = (typeof HELP_CARD_KINDS)[number];

const TEMPLATE_KEYS = ['visit', 'measure', 'result'] as const;
const FIELD_KEYS = ['date', 'value', 'confirmedByHousehold', 'confirmedByVillage', 'confirmedByTeamLeader'] as const;
const KNOWN_KEYS = new Set<string>(['kind', 'measureType', 'outcomes', 'when', 'helperUnit', 'household', ...TEMPLATE_KEYS, ...FIELD_KEYS]);
const FIELD_PATH = /^[A-Za-z_]\w*(\.(\w+))*$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;

/** One field a declaration reads: `key` is where in the declaration, `field` the path as written. */
export interface HelpCardFieldRef {
  key: string;
  field: string;
}

/** Every field a declaration reads, in its templates and field keys (`data.<step>.…` names an earlier step). */
export function helpCardFieldRefs(spec: HelpCardSpec): HelpCardFieldRef[] {
  const refs: HelpCardFieldRef[] = [];
  for (const key of TEMPLATE_KEYS) {
    const text = spec[key];
    if (typeof text === 'string') for (const m of text.matchAll(PLACEHOLDER)) refs.push({ key, field: m[1] });
  }
  for (const key of FIELD_KEYS) if (typeof spec[key] === 'string') refs.push({ key, field: spec[key] });
  return refs;
}

/** Checks a task's `helpCard` declaration's shape (which fields exist is the lint's, which knows the forms). */
export function validateHelpCardSpec(spec: unknown, at: string, outcomes: readonly string[]): DefinitionIssue[] {
  if (spec === undefined) return [];
  const path = `${at}.helpCard`;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [{ path, message: 'must be an object such as { "kind": "帮扶成效", "measureType": "危房改造", "result": "竣工验收合格：{newArea}平方米" }' }];
  }
  const s = spec as Record<string, unknown>;
  const issues: DefinitionIssue[] = [];
  const add = (message: string) => issues.push({ path, message });
  for (const key of Object.keys(s)) if (!KNOWN_KEYS.has(key)) add(`unknown key "${key}"; known: ${[...KNOWN_KEYS].join(', ')}`);
  if (!(HELP_CARD_KINDS as readonly unknown[]).includes(s.kind)) add(`kind must be one of ${HELP_CARD_KINDS.join(', ')}`);
  if (typeof s.measureType !== 'string' || !s.measureType.trim() || s.measureType.length > 20) add('measureType must be the card\'s measure type, e.g. "危房改造" (at most 20 characters)');
  if (!TEMPLATE_KEYS.some((k) => typeof s[k] === 'string' && s[k].trim())) add('needs at least one of visit, measure or result: what the card says was done');
  for (const key of TEMPLATE_KEYS) {
    if (s[key] !== undefined && typeof s[key] !== 'string') add(`${key} must be a text with {field} placeholders`);
    else if (typeof s[key] === 'string' && /[{}]/.test(s[key].replace(PLACEHOLDER, ''))) add(`${key} has an unbalanced brace: write a placeholder as {field}`);
  }
  for (const key of [...FIELD_KEYS, 'household'] as const) if (s[key] !== undefined && (typeof s[key] !== 'string' || !FIELD_PATH.test(s[key]))) add(`${key} must be a dotted field path such as "paidOn"`);
  for (const ref of helpCardFieldRefs(s as unknown as HelpCardSpec)) if (!FIELD_PATH.test(ref.field)) add(`${ref.key}: "{${ref.field}}" is not a dotted field path`);
  if (s.helperUnit !== undefined && (typeof s.helperUnit !== 'string' || !s.helperUnit.trim())) add('helperUnit must be the name of the 帮扶单位');
  if (s.outcomes !== undefined) {
    if (!Array.isArray(s.outcomes) || s.outcomes.length === 0) add('outcomes must list the outcome events that write the entry, e.g. ["PASS"]');
    else for (const o of s.outcomes) if (!outcomes.includes(String(o))) add(`outcome "${String(o)}" is not an outcome of this task; known: ${outcomes.join(', ')}`);
  }
  if (s.when !== undefined) for (const issue of findExpressionIssues(s.when)) issues.push({ path: `${path}.when${issue.path}`, message: issue.message });
  return issues;
}

/** A card entry a completed step files, before the runtime adds who wrote it and for which household. */
export interface HelpCardEntryDraft {
  entryKind: HelpCardKind;
  measureType: string;
  date: string | null;
  content: string;
  result: string | null;
  value: number | null;
  confirmedByHousehold: boolean;
  confirmedByVillageHead: boolean;
  confirmedByTeamLeader: boolean;
  helperUnit: string | null;
  headIdNumber: string;
}

function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);
}

/** A field as the card writes it: the step's own form, or `data.<step>.…` of the case. */
function read(field: string, own: unknown, caseData: unknown): unknown {
  return field.startsWith('data.') ? valueAt(caseData, field.slice('data.'.length)) : valueAt(own, field);
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join('、');
  if (typeof value === 'object') return '';
  return String(value);
}

function fill(template: string | undefined, own: unknown, caseData: unknown): string {
  return template ? template.replace(PLACEHOLDER, (_, field: string) => text(read(field, own, caseData))).trim() : '';
}

/**
 * The entry a task's completion files, or null when it files none: no declaration, an outcome
 * that does not write (by default a return or rejection), a `when` that does not hold, or a case
 * that names no household. Pure: `own` is the submitted form, `caseData` the case data after the step.
 */
export function helpCardEntryOf(spec: HelpCardSpec | undefined, input: {
  outcome: { event: string; kind?: string }; own: unknown; caseData: Record<string, unknown>; subjectIdPath?: string;
}): HelpCardEntryDraft | null {
  if (!spec) return null;
  const writes = spec.outcomes ? spec.outcomes.includes(input.outcome.event) : input.outcome.kind === 'forward';
  if (!writes) return null;
  if (spec.when !== undefined) {
    let holds: unknown;
    try {
      holds = evaluateExpression(spec.when, { data: input.caseData });
    } catch {
      holds = false;
    }
    if (holds !== true) return null;
  }
  const idPath = spec.household ?? input.subjectIdPath;
  const headIdNumber = idPath ? text(valueAt({ data: input.caseData }, idPath)) : '';
  if (!headIdNumber) return null;
  const { own, caseData } = input;
  const content = [fill(spec.visit, own, caseData), fill(spec.measure, own, caseData)].filter(Boolean).join('；');
  const result = fill(spec.result, own, caseData) || null;
  const date = spec.date ? text(read(spec.date, own, caseData)) || null : null;
  const rawValue = spec.value ? read(spec.value, own, caseData) : undefined;
  const flag = (field: string | undefined) => (field ? read(field, own, caseData) === true : false);
  return {
    entryKind: spec.kind, measureType: spec.measureType, date, content: (content || result || spec.measureType).slice(0, 500), result: result && content ? result.slice(0, 500) : null,
    value: typeof rawValue === 'number' && Number.isFinite(rawValue) ? rawValue : null,
    confirmedByHousehold: flag(spec.confirmedByHousehold), confirmedByVillageHead: flag(spec.confirmedByVillage), confirmedByTeamLeader: flag(spec.confirmedByTeamLeader),
    helperUnit: spec.helperUnit ?? null, headIdNumber,
  };
}
