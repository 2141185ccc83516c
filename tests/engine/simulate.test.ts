import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkCalendar, loadDefinition, simulateDefinition } from '../../server/src/engine';
import type { SimulationStep } from '../../server/src/engine';
import { createFormValidator } from '../../server/src/forms';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';

const ROOT = join(__dirname, '..', '..');
const doc = JSON.parse(readFileSync(join(ROOT, 'workflows', 'household-identification.json'), 'utf8'));
const def = loadDefinition(doc, { configForYear: () => ({ noticePeriod: 'P7D', householdEntryIncome: 4000 }) });
const forms = new Map(loadFormsFromDir(join(ROOT, 'schemas')).map((f) => [f.key, f]));
const validator = createFormValidator();
const checkForm = (formKey: string, data: unknown) => validator.validate(forms.get(formKey)!, data);
const example = (key: string) => structuredClone((forms.get(`household-identification.${key}`)!.schema as any).examples[0]);
const startAt = new Date('2026-03-02T01:00:00Z');
const run = (steps: SimulationStep[], locale: 'zh-CN' | 'en' = 'zh-CN') => simulateDefinition(def, steps, { startAt, calendar: createWorkCalendar(), checkForm, locale });

describe('simulateDefinition', () => {
  it('runs household identification from application to registration, the notice period passing on an advance', () => {
    const result = run([
      { kind: 'outcome', outcome: 'SUBMIT', data: example('application') },
      { kind: 'outcome', outcome: 'VERIFY', data: example('verification') },
      { kind: 'outcome', outcome: 'PASS', data: example('villagerAppraisal') },
      { kind: 'outcome', outcome: 'POSTED', data: example('publicNotice') },
      { kind: 'advance', duration: 'P6D' },
      { kind: 'advance', duration: 'P1D' },
      { kind: 'outcome', outcome: 'FORWARD', data: example('preliminaryOpinion') },
      { kind: 'outcome', outcome: 'APPROVE', data: example('townReview') },
      { kind: 'outcome', outcome: 'APPROVE', data: example('countyApproval') },
    ]);
    const steps = result.steps;
    expect(steps.map((s) => s.accepted)).toEqual(Array(10).fill(true));
    expect(steps[0].openedTasks.map((t) => t.state)).toEqual(['application']);
    expect(steps[0].openedTasks[0].dueAt).toBe('2026-03-09T01:00:00.000Z');
    expect(steps[3].stateAfter).toEqual({ publicNotice: 'posting' });
    expect(steps[3].effects).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'publishNotice' })]));
    expect(steps[4]).toMatchObject({ stateAfter: { publicNotice: 'running' }, closedTasks: ['publicNotice.posting'] });
    expect(steps[4].timersScheduled).toEqual([{ key: 'xstate.after.$noticePeriod.household-identification.publicNotice.running', eventType: 'xstate.after.$noticePeriod.household-identification.publicNotice.running', fireAt: '2026-03-09T01:00:00.000Z' }]);
    // Six days pass: nothing is due yet; the seventh fires the notice timer.
    expect(steps[5]).toMatchObject({ kind: 'advance', timersFired: [], stateAfter: { publicNotice: 'running' } });
    expect(steps[6].timersFired).toEqual([{ eventType: 'xstate.after.$noticePeriod.household-identification.publicNotice.running', at: '2026-03-09T01:00:00.000Z' }]);
    expect(steps[6].stateAfter).toBe('preliminaryOpinion');
    expect(steps[6].openedTasks.map((t) => t.state)).toEqual(['preliminaryOpinion']);
    expect(steps[6].effects).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'closeNotice' })]));
    expect(result.final).toMatchObject({ state: 'registered', status: 'completed', openTasks: [], timers: [], now: '2026-03-09T01:00:00.000Z' });
    expect(Object.keys(result.final.data)).toEqual(expect.arrayContaining(['application', 'verification', 'townReview', 'countyApproval']));
  });

  it('reports data that fails the form and goes on from the same state', () => {
    const data = example('application');
    delete data.household;
    const result = run([{ kind: 'outcome', outcome: 'SUBMIT', data }, { kind: 'outcome', outcome: 'SUBMIT', data: example('application') }]);
    expect(result.steps[1]).toMatchObject({ accepted: false, stateBefore: 'application', stateAfter: 'application' });
    expect(Object.keys(result.steps[1].errors!)[0]).toMatch(/^\/steps\/0\/data/);
    expect(result.steps[2]).toMatchObject({ accepted: true, stateAfter: 'verification' });
  });

  it('refuses an outcome no open task has, a return without a comment, an event not accepted and a bad duration', () => {
    const result = run([
      { kind: 'outcome', outcome: 'APPROVE', data: {} },
      { kind: 'outcome', outcome: 'SUBMIT', data: example('application') },
      { kind: 'outcome', outcome: 'RETURN' },
      { kind: 'event', type: 'OBJECTION' },
      { kind: 'advance', duration: 'seven days' },
      { kind: 'outcome', outcome: 'RETURN', comment: '材料不全' },
    ], 'en');
    expect(result.steps.slice(1).map((s) => s.accepted)).toEqual([false, true, false, false, false, true]);
    expect(result.steps[1].errors).toEqual({ '/steps/0/outcome': [expect.stringContaining('No open task has outcome APPROVE')] });
    expect(result.steps[3].errors).toEqual({ '/steps/2/comment': ['A return or rejection needs a comment'] });
    expect(result.steps[4].errors).toHaveProperty(['/steps/3/type']);
    expect(result.steps[5].errors).toHaveProperty(['/steps/4/duration']);
    expect(result.final.state).toBe('application');
  });

  describe('a definition whose eventless transitions never come to rest', () => {
    // Without the step's microstep limit the simulation spins in one synchronous call and never returns.
    jest.setTimeout(20_000);
    const whileLooping = { type: 'expr', params: { if: { '==': [{ var: 'data.ask.loop' }, true] } } };
    const looping = loadDefinition({
      key: 'bouncing', title: { zh: '循环测试' },
      machine: {
        id: 'bouncing', initial: 'ask',
        states: {
          ask: {
            meta: { task: { form: 'household-identification.verification', roles: ['village_clerk'], scope: 'village', title: { zh: '填报' }, outcomes: [{ event: 'SUBMIT', label: { zh: '提交' } }] } },
            on: { SUBMIT: 'ping', LOOP: { target: 'ping', actions: [{ type: 'setData', params: { path: 'ask.loop', value: true } }] } },
          },
          ping: { always: [{ target: 'pong', guard: whileLooping }, { target: 'done' }] },
          pong: { always: [{ target: 'ping', guard: whileLooping }, { target: 'done' }] },
          done: { type: 'final' },
        },
      },
    } as any);
    const simulate = (steps: SimulationStep[], locale: 'zh-CN' | 'en' = 'zh-CN') => simulateDefinition(looping, steps, { startAt, calendar: createWorkCalendar(), checkForm, locale });

    it('reports the looping step with the states named and stops there', () => {
      const started = Date.now();
      const result = simulate([{ kind: 'event', type: 'LOOP' }, { kind: 'event', type: 'SUBMIT' }]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.steps).toHaveLength(2);
      expect(result.steps[1]).toMatchObject({ accepted: false, stateBefore: 'ask', stateAfter: 'ask' });
      expect(result.steps[1].errors!['/steps/0'][0]).toContain('ping → pong → ping');
      expect(result.final).toMatchObject({ state: 'ask', status: 'running' });
      expect(simulate([{ kind: 'event', type: 'LOOP' }], 'en').steps[1].errors!['/steps/0'][0]).toContain('eventless transitions');
    });

    it('reports a start that enters the loop', () => {
      const result = simulateDefinition(loadDefinition({ ...looping.document, machine: { ...looping.document.machine, initial: 'ping' } }), [{ kind: 'event', type: 'SUBMIT' }], {
        startAt, calendar: createWorkCalendar(), checkForm, startData: { ask: { loop: true } },
      });
      expect(result.steps).toHaveLength(1);
      expect(result.steps[0]).toMatchObject({ accepted: false, errors: { '/machine': [expect.stringContaining('ping → pong → ping')] } });
    });
  });
});
