/**
 * How many values a village clerk enters for a household of four on the application form, counted
 * from the schema and the form's own fill rules rather than by hand.
 *
 * A value counts as entered unless the form puts it there itself: take it out of the household's data,
 * let the form's rules run, and see whether it comes back. "Before" runs the rules the form had
 * before (income totals; birth date and sex from the ID number); "after" adds the head of household
 * taken from the first member, that member's relation, the reviewer/date fills (`x-fill`) and the
 * clerk's own town and village from the org tree.
 */
import { deriveFields, markComputedReadonly } from '../../client/src/forms/deriveFields';
import { fillDeclared } from '../../client/src/forms/fillDeclared';
import { createFormValidator } from '../../server/src/forms';
import { exampleOf, formByKey } from '../forms/form-fixtures';

type Data = Record<string, any>;
const FORM_KEY = 'household-identification.application';
const form = formByKey(FORM_KEY);
const schema = form.schema as Data;
const CLERK = { name: '曾繁荣', town: '华城镇', village: '董源村', today: '2016-10-12' };

/** 曾庆华's household as the schema's example has it, with the first four members (户主, 配偶, 之子, 之女). */
function householdOfFour(): Data {
  const data = exampleOf(FORM_KEY);
  data.household.members = data.household.members.slice(0, 4);
  data.applicationDate = CLERK.today;
  data.filledBy = CLERK.name;
  // The signed application's scan, uploaded from the form (an attachment id; the example has none).
  data.applicationRef = '0b9f3c52-8d1e-4c7a-9a43-5f1d2e6b7c80';
  return deriveFields(schema, data);
}

/** Every value of the data by JSON pointer; a list of plain values (其他致贫原因) is one value, a list of objects is walked. */
function leaves(value: unknown, pointer = ''): string[] {
  if (Array.isArray(value)) return value.some((v) => typeof v === 'object' && v !== null) ? value.flatMap((v, i) => leaves(v, `${pointer}/${i}`)) : [pointer];
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, `${pointer}/${k}`));
  return [pointer];
}

const get = (data: Data, pointer: string) => pointer.split('/').slice(1).reduce((node: any, key) => node?.[key], data);
function without(data: Data, pointer: string): Data {
  const copy = structuredClone(data);
  const keys = pointer.split('/').slice(1);
  const parent = keys.slice(0, -1).reduce((node: any, key) => node[key], copy);
  delete parent[keys[keys.length - 1]];
  return copy;
}

const { headIsMember: _newRule, ...householdDef } = schema.$defs.household;
const schemaBefore = { ...schema, $defs: { ...schema.$defs, household: householdDef } };

/** The form's rules before: what deriveFields did without the head rule. */
const rulesBefore = (data: Data) => deriveFields(schemaBefore, data);
/** The form's rules now: the head from the 户主 member, x-fill, and the clerk's own units fixed by the org picker. */
const rulesAfter = (data: Data) => {
  const filled = fillDeclared(schema, deriveFields(schema, data), { today: CLERK.today, me: CLERK.name });
  const address = filled.household?.address ?? {};
  return { ...filled, household: { ...filled.household, address: { ...address, town: CLERK.town, village: CLERK.village } } };
};

function entered(data: Data, rules: (d: Data) => Data): string[] {
  return leaves(data).filter((pointer) => {
    const back = get(rules(without(data, pointer)), pointer);
    return JSON.stringify(back) !== JSON.stringify(get(data, pointer));
  });
}

describe('what a clerk types for a household of four', () => {
  const data = householdOfFour();

  it('is a household the server accepts', () => {
    expect(createFormValidator().validate(form, data).fields).toEqual({});
  });

  it('When the form fills the head from the first member, the dates and names it knows and the clerk\'s own units, then the clerk enters 7 values fewer (89 → 82)', () => {
    const before = entered(data, rulesBefore);
    const after = entered(data, rulesAfter);
    const spared = before.filter((p) => !after.includes(p));
    expect(spared.sort()).toEqual([
      '/applicationDate', '/filledBy', '/household/address/town', '/household/address/village',
      '/household/head/idNumber', '/household/head/name', '/household/members/0/relation',
    ].sort());
    expect(after.every((p) => before.includes(p))).toBe(true);
    // The figures in the note: every value of the data, less those the form fills.
    const all = leaves(data).length;
    process.stdout.write(`typing-count: ${all} values in the household of four; entered before ${before.length}, after ${after.length}\n`);
    expect({ all, before: before.length, after: after.length }).toEqual({ all: 100, before: 89, after: 82 });
  });

  it('counts as the last stop did (every value but the read-only totals): 98 before, and 90 with the new read-only and prefilled fields', () => {
    const readonlyBefore = ['/household/income/netIncome', '/household/income/perCapitaIncome'];
    const ui = markComputedReadonly(schema, form.uiSchema as Data) as Data;
    const readonlyAfter = [
      ...readonlyBefore,
      ...['name', 'sex', 'idNumber'].filter((f) => ui.household.head[f]['ui:readonly']).map((f) => `/household/head/${f}`),
      // Fixed to the clerk's own units by the org picker; the 户主's relation and the x-fill fields open filled.
      '/household/address/town', '/household/address/village', '/household/members/0/relation', '/applicationDate', '/filledBy',
    ];
    const all = leaves(data);
    expect(all.filter((p) => !readonlyBefore.includes(p))).toHaveLength(98);
    expect(all.filter((p) => !readonlyAfter.includes(p))).toHaveLength(90);
  });
});
