import { evaluateExpression, findExpressionIssues } from '../expressions';
import type { JsonLogicRule } from '../expressions';
import type { Subject } from '../contract';
import type { DefinitionIssue } from './definition-error';

/**
 * What a case is about, as the definition's `meta.subject` computes it from the instance data:
 * each part is a JsonLogic rule over `{ data }` (an array of rules is joined, skipping empty
 * parts). `idNumber` is read only to keep its last four characters: the full number never
 * reaches the subject.
 * @example { "householdName": { "var": "data.application.household.head.name" },
 *            "idNumber": { "var": "data.application.household.head.idNumber" },
 *            "village": [{ "var": "data.application.household.address.village" }, { "var": "data.application.household.address.group" }] }
 */
export interface SubjectSpec {
  householdName?: JsonLogicRule;
  idNumber?: JsonLogicRule;
  village?: JsonLogicRule;
  /** A project's or a unit's name, where the case is not about a household. */
  name?: JsonLogicRule;
  /** The whole line, when the parts above do not make it. */
  text?: JsonLogicRule;
}

/** The subject stored on an instance and its tasks is the contract's (DESIGN.md, "Shapes"). */
export type { Subject };

const PARTS = ['householdName', 'idNumber', 'village', 'name', 'text'] as const;

/** Checks a definition's `meta.subject`: known parts, each a safe JsonLogic rule. */
export function validateSubjectSpec(spec: unknown): DefinitionIssue[] {
  if (spec === undefined) return [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [{ path: 'meta.subject', message: 'must be an object of JsonLogic rules' }];
  const issues: DefinitionIssue[] = [];
  for (const [key, rule] of Object.entries(spec)) {
    if (!(PARTS as readonly string[]).includes(key)) issues.push({ path: `meta.subject.${key}`, message: `unknown part; allowed: ${PARTS.join(', ')}` });
    for (const issue of findExpressionIssues(rule)) issues.push({ path: `meta.subject.${key}${issue.path}`, message: issue.message });
  }
  return issues;
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join('');
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function part(rule: JsonLogicRule | undefined, scope: unknown): string {
  if (rule === undefined) return '';
  try {
    return textOf(evaluateExpression(rule, scope)).slice(0, 200);
  } catch {
    // A rule that cannot be evaluated over this data names nothing; the case still moves on.
    return '';
  }
}

/**
 * Computes the subject from the instance data, or null when the spec names nothing yet (a case
 * whose first form is still empty).
 * @example computeSubject(spec, data) // { text: '曾庆华 ****3012 · 董源村第三村民小组', householdName: '曾庆华', idTail: '3012', village: '董源村第三村民小组' }
 */
export function computeSubject(spec: SubjectSpec | undefined, data: unknown): Subject | null {
  if (!spec) return null;
  const scope = { data };
  const householdName = part(spec.householdName, scope);
  const idNumber = part(spec.idNumber, scope);
  const idTail = idNumber.length >= 4 ? idNumber.slice(-4) : '';
  const village = part(spec.village, scope);
  const name = part(spec.name, scope);
  const who = [householdName || name, idTail ? `****${idTail}` : ''].filter(Boolean).join(' ');
  const text = part(spec.text, scope) || [who, village].filter(Boolean).join(' · ');
  if (!text) return null;
  const subject: Subject = { text };
  if (householdName) subject.householdName = householdName;
  if (idTail) subject.idTail = idTail;
  if (village) subject.village = village;
  if (name) subject.name = name;
  return subject;
}
