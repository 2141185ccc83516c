import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEvent, createWorkCalendar, DefinitionError, loadDefinition, MAX_MICROSTEPS, parseDelay, startStep, StepLimitError } from '../../server/src/engine';
import type { DefinitionDocument, Effect, StepResult } from '../../server/src/engine';

const doc: DefinitionDocument = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'household-identification.json'), 'utf8'));
const def = loadDefinition(doc, { configForYear: () => ({ noticePeriod: 'P7D', householdEntryIncome: 4000 }) });
const now = new Date('2026-03-02T02:00:00Z');
const env = { now, calendar: createWorkCalendar() };
const kinds = (r: StepResult) => r.effects.map((e: Effect) => (e.kind === 'action' ? `action:${e.type}` : `${e.kind}:${'state' in e ? e.state : e.key}`));

/** What verification needs to pass: an income year, an income below its line, no exclusion rule applying. */
const STEP_DATA: Record<string, Record<string, unknown>> = {
  SUBMIT: { step: 'SUBMIT', household: { income: { year: 2016 } } },
  VERIFY: { step: 'VERIFY', verifiedPerCapitaIncome: 3243.33, exclusionChecks: [{ rule: 'vehicle', found: false, evidence: '车辆登记比对无' }] },
};

function walk(events: string[]): StepResult {
  let r = startStep(def, { data: {}, year: 2026 }, env);
  for (const type of events) {
    r = applyEvent(def, r.snapshot, { type, data: STEP_DATA[type] ?? { step: type } }, env);
    expect(r.accepted).toBe(true);
  }
  return r;
}

describe('the pure step', () => {
  it('opens the first task on start with its due date', () => {
    const r = startStep(def, { data: {}, year: 2026 }, env);
    expect(r.value).toBe('application');
    expect(r.effects).toEqual([{ kind: 'openTask', state: 'application', task: expect.objectContaining({ form: 'household-identification.application' }), dueAt: new Date('2026-03-09T02:00:00Z') }]);
  });

  it('closes the completed task, records its data under the state and opens the next', () => {
    const r = walk(['SUBMIT']);
    expect(r.value).toBe('verification');
    // The submission claims the household's ID numbers (a domain action run in the step's transaction).
    expect(kinds(r)).toEqual(['closeTask:application', 'action:writeRecord', 'openTask:verification']);
    expect(r.data).toEqual({ application: STEP_DATA.SUBMIT });
  });

  it('schedules the notice timer from the county configuration and publishes the notice', () => {
    const r = walk(['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    expect(r.value).toEqual({ publicNotice: 'running' });
    const timer = r.effects.find((e) => e.kind === 'scheduleTimer');
    expect(timer).toEqual({ kind: 'scheduleTimer', key: 'xstate.after.$noticePeriod.household-identification.publicNotice.running', eventType: 'xstate.after.$noticePeriod.household-identification.publicNotice.running', fireAt: new Date('2026-03-09T02:00:00Z') });
    const entered = walk(['SUBMIT', 'VERIFY', 'PASS']);
    expect(kinds(entered)).toEqual(['closeTask:villagerAppraisal', 'action:publishNotice', 'openTask:publicNotice.posting']);
  });

  it('moves on when the notice timer fires, without cancelling the timer being delivered', () => {
    const running = walk(['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    const timer = running.effects.find((e) => e.kind === 'scheduleTimer') as Extract<Effect, { kind: 'scheduleTimer' }>;
    const fired = applyEvent(def, running.snapshot, { type: timer.eventType }, env);
    expect(fired.value).toBe('preliminaryOpinion');
    expect(kinds(fired)).toEqual(['action:closeNotice', 'openTask:preliminaryOpinion']);
  });

  it('cancels the notice timer when an objection arrives', () => {
    const running = walk(['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    const objected = applyEvent(def, running.snapshot, { type: 'OBJECTION', data: { content: '收入不实' } }, env);
    expect(objected.value).toBe('objectionReview');
    expect(kinds(objected)).toEqual(['cancelTimer:xstate.after.$noticePeriod.household-identification.publicNotice.running', 'action:closeNotice', 'openTask:objectionReview']);
  });

  it('does not accept an event the state does not handle, and a stale timer is a no-op', () => {
    const r = walk(['SUBMIT']);
    expect(applyEvent(def, r.snapshot, { type: 'APPROVE' }, env)).toEqual(expect.objectContaining({ accepted: false, effects: [] }));
    expect(applyEvent(def, r.snapshot, { type: 'xstate.after.$noticePeriod.household-identification.publicNotice.running' }, env).accepted).toBe(false);
  });

  it('completes the instance on county approval and writes the household record', () => {
    const r = walk(['SUBMIT', 'VERIFY', 'PASS', 'POSTED', 'OBJECTION', 'DISMISS', 'FORWARD', 'APPROVE', 'APPROVE']);
    expect(r.value).toBe('registered');
    expect(r.status).toBe('completed');
    // The registry record, and the registration result listed for the long term (长期公示).
    expect(kinds(r)).toEqual(['closeTask:countyApproval', 'action:writeRecord', 'action:publishNotice']);
  });

  it('re-opens a task when a return sends the instance back into the same state', () => {
    const r = walk(['SUBMIT', 'VERIFY', 'PASS', 'POSTED', 'OBJECTION', 'DISMISS', 'FORWARD', 'RETURN']);
    expect(r.value).toBe('preliminaryOpinion');
    expect(kinds(r)).toEqual(['closeTask:townReview', 'openTask:preliminaryOpinion']);
  });

  it('evaluates expression guards over the step data and the year configuration', () => {
    const guarded = loadDefinition({
      key: 'guarded', title: { zh: '测试' },
      machine: {
        id: 'guarded', initial: 'ask',
        states: {
          ask: {
            meta: { task: { form: 'f', roles: ['village_clerk'], scope: 'village', title: { zh: '填报' }, outcomes: [{ event: 'SUBMIT', label: { zh: '提交' } }] } },
            on: { SUBMIT: [
              { target: 'poor', guard: { type: 'expr', params: { if: { '<': [{ var: 'event.data.perCapita' }, { var: 'config.householdEntryIncome' }] } } },
                actions: [{ type: 'setData', params: { path: 'decision.entry', value: { var: 'config.householdEntryIncome' } } }] },
              { target: 'notPoor' },
            ] },
          },
          poor: { type: 'final' },
          notPoor: { type: 'final' },
        },
      },
    }, { configForYear: (year) => ({ householdEntryIncome: year >= 2017 ? 4500 : 4000 }) });
    const submit = (perCapita: number, year: number) => applyEvent(guarded, startStep(guarded, { year }, env).snapshot, { type: 'SUBMIT', data: { perCapita } }, env);
    expect(submit(3999, 2016).value).toBe('poor');
    expect(submit(3999, 2016).data).toEqual({ ask: { perCapita: 3999 }, decision: { entry: 4000 } });
    expect(submit(4200, 2016).value).toBe('notPoor');
    expect(submit(4200, 2017).value).toBe('poor');
  });
});

/**
 * A definition whose `always` transitions bounce between two states while a guard holds: the
 * loader accepts it (the guard could be false), so only the step's microstep limit stands
 * between such a case and a server spinning inside one XState call until it runs out of memory.
 */
function bouncing(startInLoop = false) {
  const whileLooping = { type: 'expr', params: { if: { '==': [{ var: 'data.ask.loop' }, true] } } };
  return loadDefinition({
    key: 'bouncing', title: { zh: '循环测试' },
    machine: {
      id: 'bouncing', initial: startInLoop ? 'ping' : 'ask',
      states: {
        ask: {
          meta: { task: { form: 'f', roles: ['village_clerk'], scope: 'village', title: { zh: '填报' }, outcomes: [{ event: 'SUBMIT', label: { zh: '提交' } }] } },
          on: { SUBMIT: 'ping' },
        },
        ping: { always: [{ target: 'pong', guard: whileLooping }, { target: 'done' }] },
        pong: { always: [{ target: 'ping', guard: whileLooping }, { target: 'done' }] },
        done: { type: 'final' },
      },
    },
  } as any);
}

describe('eventless loops', () => {
  // A synchronous loop cannot be interrupted by jest's timeout: without the limit this test never returns.
  jest.setTimeout(20_000);

  it('fails a step whose always transitions never come to rest with a StepLimitError naming the loop, quickly', () => {
    const def = bouncing();
    const asked = startStep(def, { year: 2026 }, env);
    const started = Date.now();
    let caught: unknown;
    try {
      applyEvent(def, asked.snapshot, { type: 'SUBMIT', data: { loop: true } }, env);
    } catch (err) {
      caught = err;
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(caught).toBeInstanceOf(StepLimitError);
    const err = caught as StepLimitError;
    expect(err.code).toBe('step_limit');
    expect(err.states).toEqual(['ping', 'pong']);
    expect(err.zh).toContain(`${MAX_MICROSTEPS}`);
    expect(err.zh).toContain('ping → pong → ping');
    expect(err.en).toContain('bouncing');
  });

  it('lets the same definition through when the guard is false', () => {
    const def = bouncing();
    const asked = startStep(def, { year: 2026 }, env);
    const r = applyEvent(def, asked.snapshot, { type: 'SUBMIT', data: { loop: false } }, env);
    expect(r).toEqual(expect.objectContaining({ accepted: true, value: 'done', status: 'completed' }));
  });

  it('fails a start that enters the loop at once', () => {
    const def = bouncing(true);
    expect(() => startStep(def, { year: 2026, data: { ask: { loop: true } } }, env)).toThrow(StepLimitError);
  });

  it('refuses at load a loop with no guard that could break it, naming the states', () => {
    let caught: unknown;
    try {
      loadDefinition({
        key: 'spin', title: { zh: '死循环' },
        machine: { id: 'spin', initial: 'a', states: { a: { always: 'b' }, b: { always: { target: 'a' } }, c: { type: 'final' } } },
      } as any);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DefinitionError);
    expect((caught as DefinitionError).issues).toEqual([{ path: 'a', message: expect.stringContaining('a → b → a') }]);
  });
});

describe('delays and the work calendar', () => {
  const calendar = createWorkCalendar({ holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06'], makeupWorkdays: ['2025-09-28'] });
  it('parses ISO 8601 durations and refuses what is not one', () => {
    expect(parseDelay('P7D')).toEqual(expect.objectContaining({ days: 7, workdays: false }));
    expect(parseDelay('P2M')).toEqual(expect.objectContaining({ months: 2 }));
    expect(parseDelay('P5D@workdays')).toEqual(expect.objectContaining({ days: 5, workdays: true }));
    for (const bad of ['7D', 'P', 'PT', 'P1DT', 'P1H', 'P2M@workdays', '']) expect(parseDelay(bad)).toBeUndefined();
  });
  it('counts calendar days and months in China Standard Time', () => {
    expect(calendar.addDelay(new Date('2026-01-31T02:00:00Z'), parseDelay('P1M')!)).toEqual(new Date('2026-02-28T02:00:00Z'));
    expect(calendar.addDelay(new Date('2026-03-02T02:00:00Z'), parseDelay('P7D')!)).toEqual(new Date('2026-03-09T02:00:00Z'));
  });
  it('skips weekends and holidays and counts make-up workdays', () => {
    // Fri 2025-09-26 + 3 workdays: Sun 09-28 (make-up), Mon 09-29, Tue 09-30
    expect(calendar.addDelay(new Date('2025-09-26T02:00:00Z'), parseDelay('P3D@workdays')!)).toEqual(new Date('2025-09-30T02:00:00Z'));
    // Tue 09-30 + 2 workdays: 10-01..03 holidays, 10-04/05 weekend, 10-06 holiday → Tue 10-07, Wed 10-08
    expect(calendar.addDelay(new Date('2025-09-30T02:00:00Z'), parseDelay('P2D@workdays')!)).toEqual(new Date('2025-10-08T02:00:00Z'));
  });
});
