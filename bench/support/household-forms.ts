/**
 * Household application data for benchmarks: the form's own example resized to any number of
 * members (1–20), with fresh, valid ID numbers on every call. An ID number may belong to one open
 * case only, so every case a benchmark files needs numbers no other case holds; the form also
 * checks each member's birth date and sex against the number, and the per-capita income against
 * the household size.
 */
import { join } from 'node:path';
import { idCardCheckCharacter } from '../../server/src/forms/id-card';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';
import { computeNetIncome, computePerCapitaIncome } from '../../server/src/forms/per-capita-income';

type Member = Record<string, unknown> & { idNumber: string; birthDate: string; sex: string; relation: string };
type Application = { household: Record<string, any> } & Record<string, unknown>;

const DAY_MS = 86_400_000;
// The ID sequence space (000–999) is split among the member templates so that two templates
// never produce the same number; each template then has 83 sequences a day (odd men, even women).
const SEQUENCES_PER_DAY = 83;
const counters: number[] = [];

/**
 * A valid ID number of 五华县 (441424) no earlier call returned, for a person of `sex` born a
 * little after `birthDate` (one day per 83 numbers); answers the number and the birth date it encodes.
 */
function nextIdNumber(template: number, birthDate: string, sex: string): { idNumber: string; birthDate: string } {
  const n = counters[template] ?? 0;
  counters[template] = n + 1;
  // Day 0 is the example's own birth date: never used, so the example's numbers stay free.
  const born = new Date(Date.parse(`${birthDate}T00:00:00Z`) + (1 + Math.floor(n / SEQUENCES_PER_DAY)) * DAY_MS);
  const ymd = born.toISOString().slice(0, 10);
  const seq = ((n % SEQUENCES_PER_DAY) * 6 + (template % 6)) * 2 + (sex === '男' ? 1 : 0);
  const first17 = `441424${ymd.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return { idNumber: first17 + idCardCheckCharacter(first17), birthDate: ymd };
}

/** Relations for members beyond the example's six, by the sex of the template they copy. */
const EXTRA_RELATIONS: Record<string, string[]> = { 男: ['之子', '之孙子', '之外孙子', '之兄弟姐妹'], 女: ['之女', '之孙女', '之外孙女', '之儿媳'] };

/** The household application example of `schemas/`, as the form validates it. */
export function loadApplicationExample(root: string): Application {
  const form = loadFormsFromDir(join(root, 'schemas')).find((f) => f.key === 'household-identification.application');
  if (!form) throw new Error('household-identification.application is missing from schemas/');
  return structuredClone((form.schema as { examples: Application[] }).examples[0]);
}

/**
 * A copy of `example` with `size` members (the head first, then the example's spouse, parents and
 * children, then more children and grandchildren) and fresh ID numbers for all of them.
 */
export function applicationWithMembers(example: Application, size: number): Application {
  if (size < 1 || size > 20) throw new Error(`a household has 1 to 20 members, not ${size}`);
  const templates = example.household.members as Member[];
  // Head, spouse, father, mother, son, daughter; extras alternate son and daughter templates.
  const order = [0, 1, 4, 5, 2, 3];
  const members: Member[] = [];
  for (let i = 0; i < size; i++) {
    const t = i < order.length ? order[i] : (i % 2 === 0 ? 2 : 3);
    const member = structuredClone(templates[t]);
    const fresh = nextIdNumber(t, templates[t].birthDate, member.sex);
    member.idNumber = fresh.idNumber;
    member.birthDate = fresh.birthDate;
    if (i >= order.length) {
      const relations = EXTRA_RELATIONS[member.sex];
      member.relation = relations[Math.floor((i - order.length) / 2) % relations.length];
    }
    // A disability certificate number is the holder's ID number and two digits (category, grade).
    if (typeof member.disabilityCertNo === 'string') member.disabilityCertNo = `${member.idNumber}${member.disabilityCertNo.slice(18)}`;
    members.push(member);
  }
  const data = structuredClone(example);
  const household = data.household;
  household.members = members;
  household.head = { ...household.head, idNumber: members[0].idNumber, sex: members[0].sex };
  household.income.netIncome = computeNetIncome(household.income);
  household.income.perCapitaIncome = computePerCapitaIncome(household.income, size);
  return data;
}

/** The example of every form of `schemas/`, by form key. */
export function formExamples(root: string): Map<string, unknown> {
  return new Map(loadFormsFromDir(join(root, 'schemas')).map((f) => [f.key, (f.schema as { examples?: unknown[] }).examples?.[0] ?? {}]));
}
