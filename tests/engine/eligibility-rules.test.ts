import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEvent, createWorkCalendar, lintDefinition, loadDefinition, startStep } from '../../server/src/engine';
import type { DefinitionDocument } from '../../server/src/engine';
import { findCountyConfigProblems, parseCountyConfig } from '../../server/src/domain/county-config';
import type { CountyConfigFile } from '../../server/src/domain/county-config';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';
import { readCountyConfig } from '../../server/src/services';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const forms = Object.fromEntries(loadFormsFromDir(join(ROOT, 'schemas')).map((f) => [f.key, f.schema as Record<string, unknown>]));
const example = (key: string) => structuredClone((forms[key] as any).examples[0]);
const env = { now: new Date('2026-03-02T02:00:00Z'), calendar: createWorkCalendar() };

describe('the entry line of the income year', () => {
  // A county whose line rises in 2020: the line applied is the income year's, not the year the case started.
  const doc: DefinitionDocument = read('workflows/household-identification.json');
  const def = loadDefinition(doc, { configForYear: (year) => ({ noticePeriod: 'P7D', householdEntryIncome: year >= 2020 ? 5000 : 4000 }) });
  const verify = (incomeYear: number, perCapita: number) => {
    const application = example('household-identification.application');
    application.household.income.year = incomeYear;
    const started = startStep(def, { data: {}, year: 2026 }, env);
    const submitted = applyEvent(def, started.snapshot, { type: 'SUBMIT', data: application }, env);
    return applyEvent(def, submitted.snapshot, { type: 'VERIFY', data: { ...example('household-identification.verification'), verifiedPerCapitaIncome: perCapita } }, env);
  };

  it.each([
    [2016, 4500, 'rejected', 4000],
    [2016, 3999.99, 'villagerAppraisal', 4000],
    [2021, 4500, 'villagerAppraisal', 5000],
    [2021, 5000, 'rejected', 5000],
  ])('an income year %i with %d yuan per head ends in %s (line %d)', (year, income, state, line) => {
    const r = verify(year, income);
    expect(r.value).toBe(state);
    expect(r.data.eligibility).toEqual(expect.objectContaining({ incomeYear: year, line }));
  });
});

describe('lint: an outcome that can disagree with its form\'s decision field', () => {
  const doc = (requires?: Record<string, unknown[]>, guard?: unknown): Record<string, unknown> => ({
    key: 'check', title: { zh: '核实' },
    machine: {
      id: 'check', initial: 'verify',
      states: {
        verify: {
          meta: { task: { form: 'household-identification.verification', roles: ['village_work_team'], scope: 'village', title: { zh: '入户核实' },
            outcomes: [{ event: 'VERIFY', label: { zh: '核实通过' }, kind: 'forward', ...(requires ? { requires } : {}) }, { event: 'REJECT', label: { zh: '不予通过' }, kind: 'reject' }] } },
          on: { VERIFY: guard ? [{ guard, target: 'done' }, { target: 'done', guard }] : 'done', REJECT: 'done' },
        },
        done: { type: 'final' },
      },
    },
  });
  const warnings = (d: unknown) => lintDefinition(d, { forms }).issues.filter((i) => i.code === 'outcome_may_disagree');

  it('warns when a forward outcome neither requires nor guards on the decision field, naming the field and the fix', () => {
    expect(warnings(doc())).toEqual([expect.objectContaining({
      severity: 'warning', field: 'conclusion', stateId: 'verify', path: '/machine/states/verify/meta/task/outcomes/0',
      message: expect.stringContaining('"requires": { "conclusion"'),
    })]);
    expect(lintDefinition(doc(), { forms }).ok).toBe(true);
  });

  it('is satisfied by requires on the outcome, or by a guard on every transition reading the field', () => {
    expect(warnings(doc({ conclusion: ['情况属实'] }))).toEqual([]);
    expect(warnings(doc(undefined, { type: 'expr', params: { if: { '===': [{ var: 'event.data.conclusion' }, '情况属实'] } } }))).toEqual([]);
    expect(warnings(doc(undefined, { type: 'expr', params: { if: { '===': [{ var: 'event.data.incomeVerified' }, true] } } }))).toHaveLength(1);
  });

  it('refuses a requires that is not a map of fields to allowed values', () => {
    expect(() => loadDefinition(doc({ conclusion: [] }) as unknown as DefinitionDocument)).toThrow(/requires must map form fields/);
  });
});

describe('the county configuration at start', () => {
  const file: CountyConfigFile = read('workflows/county-config.json');
  const ruleIds = ['vehicle', 'commercialHousing', 'statePayroll', 'villageCadre', 'business'];

  it('accepts the shipped configuration, with a holiday calendar for every configured year', () => {
    expect(findCountyConfigProblems(file, { exclusionRuleIdsInForm: ruleIds })).toEqual([]);
    const county = readCountyConfig(ROOT);
    for (const year of Object.keys(file.years)) expect(county.calendarSources[year]).toMatch(/国办发明电/);
    expect(county.calendar.holidays).toEqual(expect.arrayContaining(['2016-10-01', '2017-01-28', '2018-02-16']));
    expect(county.calendar.makeupWorkdays).toContain('2017-09-30');
  });

  it('refuses a configured year without its holiday calendar, naming the year', () => {
    const without = structuredClone(file);
    delete without.calendar['2017'];
    const problems = findCountyConfigProblems(without, { exclusionRuleIdsInForm: ruleIds });
    expect(problems).toEqual([expect.stringContaining('2017 年没有节假日安排')]);
    expect(() => parseCountyConfig(without)).toThrow(/2017 年没有节假日安排/);
    // A year added to the configuration needs its calendar too.
    const later = structuredClone(file);
    later.years['2027'] = { exitTargetShare: 1 };
    expect(findCountyConfigProblems(later).join('\n')).toMatch(/2019 年没有节假日安排[\s\S]*2027 年没有节假日安排/);
  });

  it('refuses an exclusion rule the verification form cannot record', () => {
    const extra = structuredClone(file);
    (extra.years['2016'].exclusionRules as unknown[]).push({ id: 'bigHouse', group: '七不进', zh: '建有豪华住房' });
    expect(findCountyConfigProblems(extra, { exclusionRuleIdsInForm: ruleIds })).toEqual([expect.stringContaining('“bigHouse”不在入户核实表单')]);
  });

  it('labels where each line comes from', () => {
    const y2016 = file.years['2016'] as Record<string, { source: string; zh: string }>;
    expect(y2016.householdEntryIncomeBasis).toEqual(expect.objectContaining({ source: 'seed', zh: expect.stringContaining('2014年不变价') }));
    expect(y2016.householdExitIncomeBasis).toEqual(expect.objectContaining({ source: 'seed', zh: expect.stringContaining('45%') }));
    const practice = file.practice as Record<string, { source: string }>;
    for (const key of ['planNoticePeriod', 'rectificationPeriod', 'disbursementSchedule', 'taskDueIn']) expect(['practice', 'choice']).toContain(practice[key].source);
  });
});
