import { createActor, initialTransition, transition } from 'xstate';
import type { ActorScope, AnyActorRef, AnyMachineSnapshot, AnyStateMachine, EventObject, Snapshot, StateValue } from 'xstate';
import { EFFECT_ACTIONS, INTERNAL_ACTIONS } from './builtins';
import type { EffectActionType } from './builtins';
import { evaluateExpression } from '../expressions';
import type { JsonLogicRule } from '../expressions';
import { CST_OFFSET_MS, parseDelay } from '../kernel';
import type { DelaySpec } from '../kernel';
import type { Effect } from './effects';
import { describeCycle, findEventlessCycles } from './eventless-cycles';
import type { InstanceContext, LoadedDefinition } from './load-definition';
import type { WorkCalendar } from '../kernel';

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
  /**
   * When the task being completed was opened: the earliest a date the task records (such as a
   * notice's posting date) can mean, for `meta.timerFrom`. Defaults to `now`.
   */
  taskOpenedAt?: Date;
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

/**
 * The most microsteps one step may take (XState's `maxIterations`, set on every loaded machine).
 * Real definitions settle within a handful; a loop of eventless transitions would otherwise spin
 * inside one synchronous `transition()` call, growing memory until the process dies.
 */
export const MAX_MICROSTEPS = 1000;

/**
 * A step that did not come to rest within {@link MAX_MICROSTEPS}: the definition loops on
 * eventless transitions whose guards all held. Nothing was changed; the definition must be fixed.
 * `message` carries Chinese then English; `zh` and `en` each alone.
 */
export class StepLimitError extends Error {
  readonly code = 'step_limit';

  constructor(readonly definitionKey: string, readonly states: string[], readonly zh: string, readonly en: string) {
    super(`${zh} / ${en}`);
    this.name = 'StepLimitError';
  }
}

/** XState's own error when `maxIterations` is exceeded, as a StepLimitError naming the loops the definition has. */
function asStepLimit(def: LoadedDefinition, err: unknown): unknown {
  if (!(err instanceof Error) || !/^Infinite loop detected/.test(err.message)) return err;
  const cycles = findEventlessCycles(def.machine.root);
  const states = [...new Set(cycles.flatMap((c) => c.states))];
  const loopsText = cycles.map(describeCycle).join('; ');
  return new StepLimitError(def.key, states,
    `流程“${def.key}”第 ${def.version} 版在一步内超过 ${MAX_MICROSTEPS} 次无事件转换仍未停下${loopsText ? `（循环：${loopsText}）` : ''}：请修改流程定义，使 always 转换的条件不会同时成立`,
    `Definition "${def.key}" v${def.version} took more than ${MAX_MICROSTEPS} eventless transitions in one step without coming to rest${loopsText ? ` (loop: ${loopsText})` : ''}: fix the definition so the guards of its always transitions cannot all hold`);
}

/** Runs XState's pure transition, turning a microstep overrun into a StepLimitError. */
function bounded<T>(def: LoadedDefinition, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw asStepLimit(def, err);
  }
}

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

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Where a state's `after` delays count from: `now`, or, when the state's `meta.timerFrom` (JsonLogic
 * over `{ data }`) gives a local date (`YYYY-MM-DD`, e.g. the posting date a clerk records), the start
 * of that day in China — never before the completed task was opened (a notice cannot have been
 * posted before the case reached its notice), so a stale date cannot cut the period short.
 */
function timerStart(def: LoadedDefinition, stateId: string, context: InstanceContext, env: StepEnvironment): Date {
  let rule: unknown;
  try {
    rule = (def.machine.getStateNodeById(stateId).meta as { timerFrom?: unknown } | undefined)?.timerFrom;
  } catch {
    return env.now;
  }
  if (rule === undefined) return env.now;
  const value = evaluateExpression(rule as JsonLogicRule, { data: context.data });
  if (typeof value !== 'string' || !LOCAL_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return env.now;
  const dayStart = Date.parse(`${value}T00:00:00Z`) - CST_OFFSET_MS;
  const earliest = (env.taskOpenedAt ?? env.now).getTime();
  return new Date(Math.max(dayStart, earliest));
}

/**
 * When a state's `after` timers fall due if its `meta.timerUntil` (JsonLogic over `{ data }`) gives
 * a local date (`YYYY-MM-DD`, e.g. the deadline written in a rectification order): the end of that
 * day in China, whatever the delay's own length. Undefined without such a date, and for a date
 * already past (the delay's own length applies then, so a stale date cannot fire a timer at once).
 */
function timerUntil(def: LoadedDefinition, stateId: string, context: InstanceContext, env: StepEnvironment): Date | undefined {
  let rule: unknown;
  try {
    rule = (def.machine.getStateNodeById(stateId).meta as { timerUntil?: unknown } | undefined)?.timerUntil;
  } catch {
    return undefined;
  }
  if (rule === undefined) return undefined;
  const value = evaluateExpression(rule as JsonLogicRule, { data: context.data });
  if (typeof value !== 'string' || !LOCAL_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return undefined;
  const dayEnd = new Date(Date.parse(`${value}T00:00:00Z`) + 24 * 3600_000 - CST_OFFSET_MS);
  return dayEnd.getTime() > env.now.getTime() ? dayEnd : undefined;
}

/**
 * The params of the actions a step reports, by action: the engine's openTask and closeTask carry the
 * state id (set by `instrument` in load-definition.ts), XState's delayed raise and cancel their event,
 * delay and ids, and the effect actions the definition's own params.
 */
interface ReportedActionParams {
  state: string;
  delay?: number | string;
  event: { type: string };
  id: string;
  sendId: string;
  [key: string]: unknown;
}

function toEffects(def: LoadedDefinition, actions: ReadonlyArray<{ type: string; params?: unknown }>, env: StepEnvironment, event: EngineEvent | undefined, context: InstanceContext): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    const params = (action.params ?? {}) as ReportedActionParams;
    switch (action.type) {
      case INTERNAL_ACTIONS.openTask: {
        const task = def.tasks.get(params.state)!;
        const due = task.dueIn ? resolveDelay(task.dueIn, def, context) : undefined;
        // A state whose timers run to a date the case recorded is due that day too.
        const until = timerUntil(def, `${def.machine.id}.${params.state}`, context, env);
        effects.push({ kind: 'openTask', state: params.state, task, dueAt: until ?? (due ? env.calendar.addDelay(env.now, due) : null) });
        break;
      }
      case INTERNAL_ACTIONS.closeTask:
        effects.push({ kind: 'closeTask', state: params.state });
        break;
      case 'xstate.raise': {
        if (params.delay === undefined) break; // an immediate raise is handled inside the macrostep
        const eventType: string = params.event.type;
        const [delayKey, ...stateId] = eventType.slice(TIMER_EVENT_PREFIX.length).split('.');
        const delay = resolveDelay(delayKey, def, context);
        const from = timerStart(def, stateId.join('.'), context, env);
        const fireAt = timerUntil(def, stateId.join('.'), context, env)
          ?? (delay ? env.calendar.addDelay(from, delay) : new Date(from.getTime() + Number(params.delay)));
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

/**
 * The machine snapshot each persisted snapshot a step returned was made from, by machine: handed
 * the same persisted object again (the runtime keeps the last ones), a step goes on from it
 * rather than restoring it. Snapshots are never changed once made, so the two stay equal.
 */
const stepped = new WeakMap<object, { machine: AnyStateMachine; snapshot: AnyMachineSnapshot }>();

function result(def: LoadedDefinition, next: AnyMachineSnapshot, actions: ReadonlyArray<{ type: string; params?: unknown }>, env: StepEnvironment, event?: EngineEvent): StepResult {
  // initialTransition reports an overrun as an error snapshot rather than throwing.
  if (next.status === 'error') throw asStepLimit(def, next.error);
  const persisted = persistedOf(def.machine, next);
  stepped.set(persisted, { machine: def.machine, snapshot: next });
  return {
    accepted: true,
    snapshot: persisted,
    value: next.value,
    status: next.status === 'done' ? 'completed' : 'running',
    data: (next.context as InstanceContext).data,
    effects: toEffects(def, actions, env, event, next.context as InstanceContext),
  };
}

type InertScope = Omit<ActorScope<AnyMachineSnapshot, EventObject>, 'actionExecutor'>;
const inertScopes = new WeakMap<AnyStateMachine, InertScope>();

/**
 * An actor scope that runs nothing, made once per machine: what XState's pure `transition()` and
 * snapshot restore build for every call, each time constructing an actor and computing the
 * machine's initial state. It is shared only by snapshots without child actors (the engine's
 * definitions invoke none): children would register in its system.
 */
function inertScope(machine: AnyStateMachine): InertScope {
  let scope = inertScopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = { self: self as AnyActorRef, system: self.system, id: '', sessionId: '', defer: () => undefined, logger: () => undefined, stopChild: () => undefined, emit: () => undefined };
    inertScopes.set(machine, scope);
  }
  return scope;
}

/**
 * XState's persisted form of a snapshot. XState walks the whole context for actor references to
 * replace; a snapshot without child actors has none (an actor in the context is a child), so its
 * context, mostly the form data, is kept as it is rather than walked.
 */
export function persistedOf(machine: AnyStateMachine, next: AnyMachineSnapshot): PersistedSnapshot {
  if (hasChildren(next)) return machine.getPersistedSnapshot(next) as PersistedSnapshot;
  const persisted = machine.getPersistedSnapshot({ ...next, context: {} } as AnyMachineSnapshot) as PersistedSnapshot;
  persisted.context = next.context;
  return persisted;
}

function hasChildren(snapshot: { children?: unknown }): boolean {
  return snapshot.children !== undefined && snapshot.children !== null && Object.keys(snapshot.children).length > 0;
}

/** Restores a stored snapshot against its (pinned) definition without starting an actor. */
export function restoreSnapshot(def: LoadedDefinition, persisted: PersistedSnapshot): AnyMachineSnapshot {
  const made = stepped.get(persisted);
  if (made?.machine === def.machine) return made.snapshot;
  if (!hasChildren(persisted)) {
    try {
      return def.machine.restoreSnapshot(persisted as unknown as Snapshot<unknown>, { ...inertScope(def.machine), actionExecutor: () => undefined }) as AnyMachineSnapshot;
    } catch {
      // An actor reports what cannot be restored as an error snapshot: the step then accepts nothing.
    }
  }
  return createActor(def.machine, { snapshot: persisted as unknown as Snapshot<unknown> }).getSnapshot();
}

/** XState's pure `transition()` on the machine's shared inert scope: the next snapshot and the actions it reports. */
function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, Array<{ type: string; params?: unknown }>] {
  if (hasChildren(snapshot)) return transition(machine, snapshot, event);
  const actions: Array<{ type: string; params?: unknown }> = [];
  const next = machine.transition(snapshot, event, { ...inertScope(machine), actionExecutor: (action) => { actions.push(action); } });
  return [next, actions];
}

/**
 * The first step of an instance: the initial state, its tasks and timers.
 * @example const r = startStep(def, { data: {}, year: 2026 }, { now, calendar });
 */
export function startStep(def: LoadedDefinition, input: { data?: Record<string, unknown>; year: number }, env: StepEnvironment): StepResult {
  const [next, actions] = bounded(def, () => initialTransition(def.machine, input));
  return result(def, next, actions, env);
}

/**
 * One pure step: the next snapshot and the effects of sending `event` to the instance.
 * An event the current state does not accept returns `accepted: false` and no effects.
 * @throws StepLimitError when the definition's eventless transitions do not come to rest.
 */
export function applyEvent(def: LoadedDefinition, persisted: PersistedSnapshot, event: EngineEvent, env: StepEnvironment): StepResult {
  const current = restoreSnapshot(def, persisted);
  if (current.status !== 'active' || !current.can(event)) {
    return { accepted: false, snapshot: persisted, value: current.value, status: current.status === 'done' ? 'completed' : 'running', data: (current.context as InstanceContext).data, effects: [] };
  }
  const [next, actions] = bounded(def, () => pureTransition(def.machine, current, event));
  return result(def, next, actions, env, event);
}

/** Active state paths of a stored snapshot (parallel regions included), e.g. `publicNotice.posting`. */
export function activeStatePaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  return Object.entries(value).flatMap(([key, child]) => (child && Object.keys(child).length === 0 && typeof child === 'object'
    ? [prefix ? `${prefix}.${key}` : key]
    : activeStatePaths(child as StateValue, prefix ? `${prefix}.${key}` : key)));
}
