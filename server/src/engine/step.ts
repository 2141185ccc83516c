import { createActor, initialTransition, transition } from 'xstate';
import type { AnyMachineSnapshot, StateValue } from 'xstate';
import { EFFECT_ACTIONS, INTERNAL_ACTIONS } from './builtins';
import type { EffectActionType } from './builtins';
import { parseDelay } from './duration';
import type { DelaySpec } from './duration';
import type { Effect } from './effects';
import type { InstanceContext, LoadedDefinition } from './load-definition';
import type { WorkCalendar } from './work-calendar';

/** An event sent to an instance: a task outcome (with the form data), a timer, or a signal. */
export interface EngineEvent {
  type: string;
  data?: unknown;
  comment?: string;
}

/** What the step needs from the outside world, passed in so the step stays pure. */
export interface StepEnvironment {
  now: Date;
  calendar: WorkCalendar;
}

/** A snapshot as stored (XState's persisted snapshot, plain JSON). */
export type PersistedSnapshot = Record<string, unknown>;

export interface StepResult {
  /** false when the event is not accepted in the current state (nothing changed). */
  accepted: boolean;
  snapshot: PersistedSnapshot;
  value: StateValue;
  status: 'running' | 'completed';
  data: Record<string, unknown>;
  effects: Effect[];
}

const TIMER_EVENT_PREFIX = 'xstate.after.';

/** True for the events XState raises for `after` delays. */
export function isTimerEvent(type: string): boolean {
  return type.startsWith(TIMER_EVENT_PREFIX);
}

/** A delay key is a duration (`P7D`) or `$name`, a duration from the year's configuration. */
function resolveDelay(key: string, def: LoadedDefinition, context: InstanceContext): DelaySpec | undefined {
  if (!key.startsWith('$')) return parseDelay(key);
  const configured = def.configForYear(context.year)[key.slice(1)];
  const spec = typeof configured === 'string' ? parseDelay(configured) : undefined;
  if (!spec) throw new Error(`Delay ${key} of "${def.key}" needs configuration "${key.slice(1)}" as an ISO 8601 duration for ${context.year}, found ${JSON.stringify(configured)}`);
  return spec;
}

function toEffects(def: LoadedDefinition, actions: ReadonlyArray<{ type: string; params?: unknown }>, env: StepEnvironment, event: EngineEvent | undefined, context: InstanceContext): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    const params = (action.params ?? {}) as Record<string, any>;
    switch (action.type) {
      case INTERNAL_ACTIONS.openTask: {
        const task = def.tasks.get(params.state)!;
        const due = task.dueIn ? resolveDelay(task.dueIn, def, context) : undefined;
        effects.push({ kind: 'openTask', state: params.state, task, dueAt: due ? env.calendar.addDelay(env.now, due) : null });
        break;
      }
      case INTERNAL_ACTIONS.closeTask:
        effects.push({ kind: 'closeTask', state: params.state });
        break;
      case 'xstate.raise': {
        if (params.delay === undefined) break; // an immediate raise is handled inside the macrostep
        const eventType: string = params.event.type;
        const delay = resolveDelay(eventType.slice(TIMER_EVENT_PREFIX.length).split('.')[0], def, context);
        const fireAt = delay ? env.calendar.addDelay(env.now, delay) : new Date(env.now.getTime() + Number(params.delay));
        effects.push({ kind: 'scheduleTimer', key: params.id, eventType, fireAt });
        break;
      }
      case 'xstate.cancel':
        // The timer being delivered is marked fired by the runtime, not cancelled.
        if (params.sendId !== event?.type) effects.push({ kind: 'cancelTimer', key: params.sendId });
        break;
      default:
        if ((EFFECT_ACTIONS as readonly string[]).includes(action.type)) {
          effects.push({ kind: 'action', type: action.type as EffectActionType, params });
        }
    }
  }
  return effects;
}

function result(def: LoadedDefinition, next: AnyMachineSnapshot, actions: ReadonlyArray<{ type: string; params?: unknown }>, env: StepEnvironment, event?: EngineEvent): StepResult {
  if (next.status === 'error') throw next.error;
  return {
    accepted: true,
    snapshot: def.machine.getPersistedSnapshot(next) as PersistedSnapshot,
    value: next.value,
    status: next.status === 'done' ? 'completed' : 'running',
    data: (next.context as InstanceContext).data,
    effects: toEffects(def, actions, env, event, next.context as InstanceContext),
  };
}

/** Restores a stored snapshot against its (pinned) definition without starting an actor. */
export function restoreSnapshot(def: LoadedDefinition, persisted: PersistedSnapshot): AnyMachineSnapshot {
  return createActor(def.machine, { snapshot: persisted as any }).getSnapshot();
}

/**
 * The first step of an instance: the initial state, its tasks and timers.
 * @example const r = startStep(def, { data: {}, year: 2026 }, { now, calendar });
 */
export function startStep(def: LoadedDefinition, input: { data?: Record<string, unknown>; year: number }, env: StepEnvironment): StepResult {
  const [next, actions] = initialTransition(def.machine, input);
  return result(def, next, actions as any, env);
}

/**
 * One pure step: the next snapshot and the effects of sending `event` to the instance.
 * An event the current state does not accept returns `accepted: false` and no effects.
 */
export function applyEvent(def: LoadedDefinition, persisted: PersistedSnapshot, event: EngineEvent, env: StepEnvironment): StepResult {
  const current = restoreSnapshot(def, persisted);
  if (current.status !== 'active' || !current.can(event as any)) {
    return { accepted: false, snapshot: persisted, value: current.value, status: current.status === 'done' ? 'completed' : 'running', data: (current.context as InstanceContext).data, effects: [] };
  }
  const [next, actions] = transition(def.machine, current, event as any);
  return result(def, next, actions as any, env, event);
}

/** Active state paths of a stored snapshot (parallel regions included), e.g. `publicNotice.posting`. */
export function activeStatePaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  return Object.entries(value).flatMap(([key, child]) => (child && Object.keys(child).length === 0 && typeof child === 'object'
    ? [prefix ? `${prefix}.${key}` : key]
    : activeStatePaths(child as StateValue, prefix ? `${prefix}.${key}` : key)));
}
