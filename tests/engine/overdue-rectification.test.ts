import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEvent, createWorkCalendar, loadDefinition, startStep } from '../../server/src/engine';
import type { DefinitionDocument, StepResult } from '../../server/src/engine';
import { createConfigResolver, findCountyConfigProblems, parseCountyConfig } from '../../server/src/domain/county-config';
import type { CountyConfigFile } from '../../server/src/domain/county-config';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';

/**
 * 整改逾期 → 约谈 is practice, not the plan: workflows/assessment-escalation.json reads it from
 * county-config.json's `practice.overdueRectification` (whether, and after how long).
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const forms = Object.fromEntries(loadFormsFromDir(join(ROOT, 'schemas')).map((f) => [f.key, f.schema as { examples: unknown[] }]));
const example = (key: string) => structuredClone(forms[key].examples[0]);
const shipped: CountyConfigFile = read('workflows/county-config.json');
const calendar = createWorkCalendar();
const ORDERED_AT = new Date('2017-04-12T01:00:00Z');

function withPractice(overdue: Record<string, unknown>): CountyConfigFile {
  const file = structuredClone(shipped);
  file.practice = { ...file.practice, overdueRectification: { ...file.practice?.overdueRectification, ...overdue } };
  return file;
}

/**
 * Finding, circular and order under `file`; answers the step that opened the report and the definition.
 * `order` changes the order's form data (its example's deadline, 2017-06-20, is in the future here).
 */
function orderRectification(file: CountyConfigFile, order: (data: Record<string, unknown>) => void = (d) => { delete d.deadline; }) {
  const def = loadDefinition(read('workflows/assessment-escalation.json') as DefinitionDocument, { configForYear: createConfigResolver(parseCountyConfig(file)) });
  const env = { now: ORDERED_AT, calendar };
  let r: StepResult = startStep(def, { data: {}, year: 2017 }, env);
  for (const [type, form] of [['SUBMIT', 'finding'], ['ISSUE', 'circular'], ['ORDER', 'rectification']]) {
    const data = example(`assessment-escalation.${form}`) as Record<string, unknown>;
    if (form === 'rectification') order(data);
    r = applyEvent(def, r.snapshot, { type, data }, env);
    expect(r.accepted).toBe(true);
  }
  expect(r.value).toBe('rectificationReport');
  return { def, ordered: r };
}

const timerOf = (r: StepResult) => {
  const timers = r.effects.filter((e) => e.kind === 'scheduleTimer');
  expect(timers).toHaveLength(1);
  return timers[0] as Extract<StepResult['effects'][number], { kind: 'scheduleTimer' }>;
};

describe('overdue rectification → interview, as the county configures it (practice)', () => {
  it('labels the setting as practice in county-config.json, and ships it on: 2 months after the order', () => {
    expect(shipped.practice?.overdueRectification).toEqual(expect.objectContaining({ source: 'practice', interview: true, after: 'P2M' }));
    expect(shipped.basisLegend).toEqual(expect.objectContaining({ practice: expect.stringContaining('方案未规定') }));
  });

  it('runs the timer to the end of the deadline the order writes, whatever the configured time', () => {
    const { def, ordered } = orderRectification(withPractice({ interview: true, after: 'P1M' }), (d) => { d.deadline = '2017-06-20'; });
    const timer = timerOf(ordered);
    expect(timer.fireAt.toISOString()).toBe('2017-06-20T16:00:00.000Z');
    expect(applyEvent(def, ordered.snapshot, { type: timer.eventType }, { now: timer.fireAt, calendar }).value).toBe('interview');
  });

  it('interviews the leaders when the unit has not reported after the configured time (an order without a deadline)', () => {
    const { def, ordered } = orderRectification(withPractice({ interview: true, after: 'P1M' }));
    const timer = timerOf(ordered);
    expect(timer.fireAt.toISOString()).toBe('2017-05-12T01:00:00.000Z');
    const fired = applyEvent(def, ordered.snapshot, { type: timer.eventType }, { now: timer.fireAt, calendar });
    expect(fired.value).toBe('interview');
    expect(fired.data.escalation).toEqual(expect.objectContaining({ reason: '整改逾期' }));
  });

  it('only leaves the report overdue (no interview) when the county turns the practice off', () => {
    const { def, ordered } = orderRectification(withPractice({ interview: false }));
    const timer = timerOf(ordered);
    expect(timer.fireAt.toISOString()).toBe('2017-06-12T01:00:00.000Z');
    const fired = applyEvent(def, ordered.snapshot, { type: timer.eventType }, { now: timer.fireAt, calendar });
    expect(fired.accepted).toBe(false);
    expect(fired.value).toBe('rectificationReport');
    // The report can still be submitted late and verified.
    const late = applyEvent(def, ordered.snapshot, { type: 'SUBMIT', data: example('assessment-escalation.rectificationReport') }, { now: timer.fireAt, calendar });
    expect(late.value).toBe('verification');
  });

  it('still refers for accountability a unit overdue again after an interview, whatever the setting', () => {
    const file = withPractice({ interview: false });
    const def = loadDefinition(read('workflows/assessment-escalation.json') as DefinitionDocument, { configForYear: createConfigResolver(parseCountyConfig(file)) });
    const env = { now: ORDERED_AT, calendar };
    // A town that failed its annual task goes straight to the interview, then is ordered to rectify.
    let r = startStep(def, { data: {}, year: 2017 }, env);
    r = applyEvent(def, r.snapshot, { type: 'SUBMIT', data: { ...(example('assessment-escalation.finding') as Record<string, unknown>), source: '年度考核', annualTask: { year: 2017, registeredPoor: 1000, exitedPoor: 500 } } }, env);
    expect(r.value).toBe('interview');
    r = applyEvent(def, r.snapshot, { type: 'COMMIT', data: example('assessment-escalation.interview') }, env);
    r = applyEvent(def, r.snapshot, { type: 'ORDER', data: example('assessment-escalation.rectification') }, env);
    const timer = timerOf(r);
    expect(applyEvent(def, r.snapshot, { type: timer.eventType }, { now: timer.fireAt, calendar }).value).toBe('accountability');
  });

  it('refuses a practice setting that is not a yes/no and a duration', () => {
    expect(findCountyConfigProblems(withPractice({ interview: 'yes', after: 'two months' }))).toEqual([
      expect.stringContaining('practice.overdueRectification.interview'),
      expect.stringContaining('practice.overdueRectification.after'),
    ]);
    expect(() => parseCountyConfig(withPractice({ after: 'P' }))).toThrow(/practice\.overdueRectification\.after/);
  });
});
