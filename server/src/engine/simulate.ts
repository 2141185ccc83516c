import { outcomeDisagreements } from './outcome-agreement';
import { chinaYear, parseDelay } from '../kernel';
import type { Effect } from './effects';
import type { LoadedDefinition } from './load-definition';
import { applyEvent, startStep, StepLimitError } from './step';
import type { PersistedSnapshot, StepResult } from './step';
import type { WorkCalendar } from '../kernel';
import type { SimulatedStepResult, SimulatedTask, SimulatedTimer, SimulationResult } from '../contract';

/** One step of a simulation: complete the open task with an outcome, send a signal, or let time pass. */
export type SimulationStep =
  | { kind: 'outcome'; outcome: string; data?: unknown; comment?: string }
  | { kind: 'event'; type: string; data?: unknown }
  | { kind: 'advance'; duration: string };

/** Checks task data against the task's form, as the runtime would (the forms layer, injected). */
export type SimulationFormCheck = (formKey: string, data: unknown) => { valid: boolean; fields: Record<string, string[]>; data: unknown };

export interface SimulationOptions {
  startAt: Date;
  startData?: Record<string, unknown>;
  calendar: WorkCalendar;
  checkForm: SimulationFormCheck;
  locale?: 'zh-CN' | 'en';
}

/** What a simulation answers is the contract's `SimulationResult`: the editor shows it as the engine builds it. */
export type { SimulatedTask, SimulatedTimer, SimulationResult } from '../contract';
export type SimulationStepResult = SimulatedStepResult;

function effectView(effect: Effect): { type: string; [key: string]: unknown } {
  switch (effect.kind) {
    case 'openTask': return { type: 'openTask', state: effect.state, formKey: effect.task.form, dueAt: effect.dueAt?.toISOString() ?? null };
    case 'closeTask': return { type: 'closeTask', state: effect.state };
    case 'scheduleTimer': return { type: 'scheduleTimer', key: effect.key, eventType: effect.eventType, fireAt: effect.fireAt.toISOString() };
    case 'cancelTimer': return { type: 'cancelTimer', key: effect.key };
    case 'action': return { type: effect.type, params: effect.params };
  }
}

/**
 * Runs a definition through a list of steps without storing anything: the same pure step the
 * runtime uses, a clock that moves only on `advance` steps (firing due timers in order), and the
 * form check of every task completion. A refused step is reported and changes nothing; a step
 * whose eventless transitions never come to rest is reported and ends the simulation.
 * @example simulateDefinition(def, [{ kind: 'outcome', outcome: 'SUBMIT', data }], { startAt, calendar, checkForm })
 */
export function simulateDefinition(def: LoadedDefinition, steps: readonly SimulationStep[], options: SimulationOptions): SimulationResult {
  const en = options.locale === 'en';
  let now = options.startAt;
  const year = chinaYear(now);
  const openTasks = new Map<string, SimulatedTask>();
  const timers = new Map<string, SimulatedTimer & { at: Date }>();

  // A definition whose eventless transitions never come to rest fails its step with a StepLimitError;
  // the simulation reports it on that step and stops, as the runtime would refuse the step.
  let halted: StepLimitError | undefined;
  const limitMessage = (err: StepLimitError) => (en ? err.en : err.zh);
  let current: StepResult;
  try {
    current = startStep(def, { data: options.startData ?? {}, year }, { now, calendar: options.calendar });
  } catch (err) {
    if (!(err instanceof StepLimitError)) throw err;
    halted = err;
    current = { accepted: false, snapshot: {}, value: null as never, status: 'running', data: options.startData ?? {}, effects: [] };
  }
  const applyEffects = (result: StepResult, into: SimulationStepResult) => {
    for (const effect of result.effects) {
      into.effects.push(effectView(effect));
      switch (effect.kind) {
        case 'openTask': {
          const task: SimulatedTask = {
            state: effect.state, title: effect.task.title, formKey: effect.task.form, candidateRoles: effect.task.roles,
            outcomes: effect.task.outcomes, dueAt: effect.dueAt?.toISOString() ?? null,
          };
          openTasks.set(effect.state, task);
          into.openedTasks.push(task);
          break;
        }
        case 'closeTask':
          if (openTasks.delete(effect.state)) into.closedTasks.push(effect.state);
          break;
        case 'scheduleTimer': {
          const timer = { key: effect.key, eventType: effect.eventType, fireAt: effect.fireAt.toISOString(), at: effect.fireAt };
          timers.set(effect.key, timer);
          into.timersScheduled.push({ key: timer.key, eventType: timer.eventType, fireAt: timer.fireAt });
          break;
        }
        case 'cancelTimer': timers.delete(effect.key); break;
        default: break;
      }
    }
    if (result.status === 'completed') {
      for (const state of openTasks.keys()) into.closedTasks.push(state);
      openTasks.clear();
      timers.clear();
    }
  };
  const blank = (index: number, kind: SimulationStep['kind'], label: string): SimulationStepResult => ({
    index, kind, label, stateBefore: current.value, stateAfter: current.value, accepted: true,
    openedTasks: [], closedTasks: [], timersScheduled: [], timersFired: [], effects: [],
  });
  const results: SimulationStepResult[] = [];
  const start = blank(0, 'event', en ? 'start' : '启动');
  start.stateBefore = null;
  if (halted) {
    start.accepted = false;
    start.errors = { '/machine': [limitMessage(halted)] };
  } else applyEffects(current, start);
  results.push(start);

  const refuse = (r: SimulationStepResult, errors: Record<string, string[]>) => {
    r.accepted = false;
    r.errors = errors;
  };
  /** The pure step, or undefined after refusing `r` when the step overran its microsteps (the simulation then stops). */
  const send = (snapshot: PersistedSnapshot, event: { type: string; data?: unknown; comment?: string }, r: SimulationStepResult, i: number): StepResult | undefined => {
    try {
      return applyEvent(def, snapshot, event, { now, calendar: options.calendar });
    } catch (err) {
      if (!(err instanceof StepLimitError)) throw err;
      halted = err;
      refuse(r, { [`/steps/${i}`]: [limitMessage(err)] });
      return undefined;
    }
  };

  steps.forEach((step, i) => {
    if (halted) return undefined;
    const index = i + 1;
    if (step.kind === 'outcome') {
      const r = blank(index, 'outcome', step.outcome);
      results.push(r);
      const candidates = [...openTasks.values()].filter((t) => t.outcomes.some((o) => o.event === step.outcome));
      if (candidates.length !== 1) {
        const open = [...openTasks.values()].map((t) => `${t.state}: ${t.outcomes.map((o) => o.event).join('/')}`).join('; ') || (en ? 'none' : '无');
        return refuse(r, { [`/steps/${i}/outcome`]: [candidates.length === 0
          ? (en ? `No open task has outcome ${step.outcome} (open: ${open})` : `没有可选 ${step.outcome} 的待办任务（当前：${open}）`)
          : (en ? `Several open tasks have outcome ${step.outcome}: ${candidates.map((t) => t.state).join(', ')}` : `多个待办任务都可选 ${step.outcome}：${candidates.map((t) => t.state).join('、')}`)] });
      }
      const task = candidates[0];
      r.label = `${task.state}: ${step.outcome}`;
      const outcome = task.outcomes.find((o) => o.event === step.outcome)!;
      const comment = step.comment?.trim() || undefined;
      const dropsData = outcome.kind === 'return' || outcome.kind === 'reject';
      if ((outcome.requiresComment || dropsData) && !comment) {
        return refuse(r, { [`/steps/${i}/comment`]: [en ? 'A return or rejection needs a comment' : '退回或不予通过时必须填写意见'] });
      }
      let data: unknown;
      if (!dropsData) {
        const check = options.checkForm(task.formKey, step.data ?? {});
        if (!check.valid) {
          return refuse(r, Object.fromEntries(Object.entries(check.fields).map(([p, m]) => [`/steps/${i}/data${p}`, m])));
        }
        data = check.data;
        const spec = def.tasks.get(task.state)?.outcomes.find((o) => o.event === step.outcome);
        const disagreements = spec ? outcomeDisagreements(spec, data, undefined, options.locale) : {};
        if (Object.keys(disagreements).length) {
          return refuse(r, Object.fromEntries(Object.entries(disagreements).map(([p, m]) => [`/steps/${i}/data${p}`, m])));
        }
      }
      const next = send(current.snapshot, { type: step.outcome, data, comment }, r, i);
      if (!next) return undefined;
      if (!next.accepted) return refuse(r, { [`/steps/${i}/outcome`]: [en ? `${step.outcome} is not accepted now (a guard is false)` : `当前不接受 ${step.outcome}（条件不满足）`] });
      current = next;
      r.stateAfter = current.value;
      applyEffects(current, r);
      return undefined;
    }
    if (step.kind === 'event') {
      const r = blank(index, 'event', step.type);
      results.push(r);
      const next = send(current.snapshot, { type: step.type, data: step.data }, r, i);
      if (!next) return undefined;
      if (!next.accepted) return refuse(r, { [`/steps/${i}/type`]: [en ? `${step.type} is not accepted in state ${JSON.stringify(current.value)}` : `状态 ${JSON.stringify(current.value)} 不接受 ${step.type}`] });
      current = next;
      r.stateAfter = current.value;
      applyEffects(current, r);
      return undefined;
    }
    const r = blank(index, 'advance', `+${step.duration}`);
    results.push(r);
    const spec = parseDelay(step.duration);
    if (!spec) return refuse(r, { [`/steps/${i}/duration`]: [en ? `"${step.duration}" is not an ISO 8601 duration such as P7D` : `“${step.duration}”不是 ISO 8601 时长，如 P7D`] });
    const until = options.calendar.addDelay(now, spec);
    for (;;) {
      const due = [...timers.values()].filter((t) => t.at.getTime() <= until.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
      if (!due) break;
      timers.delete(due.key);
      now = due.at.getTime() > now.getTime() ? due.at : now;
      const next = send(current.snapshot, { type: due.eventType }, r, i);
      r.timersFired.push({ eventType: due.eventType, at: now.toISOString() });
      if (!next) return undefined;
      if (!next.accepted) continue;
      current = next;
      applyEffects(current, r);
    }
    now = until;
    r.stateAfter = current.value;
    return undefined;
  });

  return {
    steps: results,
    final: {
      state: current.value, status: current.status, openTasks: [...openTasks.values()],
      timers: [...timers.values()].map(({ key, eventType, fireAt }) => ({ key, eventType, fireAt })), data: current.data, now: now.toISOString(),
    },
  };
}
