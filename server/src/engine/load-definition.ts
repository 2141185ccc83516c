import { assign, setup } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { BUILTIN_GUARDS, configByYear, DATA_ACTIONS, EFFECT_ACTIONS, INTERNAL_ACTIONS } from './builtins';
import type { ExpressionScope } from './builtins';
import type { DefinitionDocument, StateConfigJson, TaskSpec } from './definition';
import { DefinitionError } from './definition-error';
import { parseDelay } from '../kernel';
import { nominalDelayMs } from './duration';
import { describeCycle, findEventlessCycles } from './eventless-cycles';
import { MAX_MICROSTEPS } from './step';
import { actionList, normaliseTransitions, validateDefinition } from './validate-definition';

/** Instance context: the data of every step by task state name, plus bookkeeping. */
export interface InstanceContext {
  data: Record<string, unknown>;
  year: number;
  [key: string]: unknown;
}

/** A definition ready to step: its document, the XState machine and the task states. */
export interface LoadedDefinition {
  key: string;
  version: number;
  document: DefinitionDocument;
  machine: AnyStateMachine;
  /** Task specs by state path (`publicNotice.posting`). */
  tasks: ReadonlyMap<string, TaskSpec>;
  /** The county's configuration for a year, as guards and `$name` delays see it. */
  configForYear(year: number): Record<string, unknown>;
}

export interface LoadOptions {
  version?: number;
  /** Form keys that exist; when given, a task naming another form is refused. */
  knownForms?: ReadonlySet<string>;
  /** The county's configuration for a year (thresholds, notice days); guards read it as `config`. */
  configForYear?: (year: number) => Record<string, unknown>;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const copy = { ...target };
  copy[head] = rest.length ? setPath((target[head] as Record<string, unknown>) ?? {}, rest.join('.'), value) : value;
  return copy;
}

/** Adds the engine's own entry/exit/record actions to a copy of the state config. */
function instrument(config: StateConfigJson, path: string[], tasks: ReadonlyMap<string, TaskSpec>): StateConfigJson {
  const copy: StateConfigJson = { ...config };
  const statePath = path.join('.');
  const task = tasks.get(statePath);
  if (task) {
    copy.entry = [...actionList(config.entry), { type: INTERNAL_ACTIONS.openTask, params: { state: statePath } }];
    copy.exit = [{ type: INTERNAL_ACTIONS.closeTask, params: { state: statePath } }, ...actionList(config.exit)];
    const outcomes = new Set(task.outcomes.map((o) => o.event));
    const record = { type: INTERNAL_ACTIONS.recordStep, params: { key: path[path.length - 1] } };
    copy.on = Object.fromEntries(Object.entries(config.on ?? {}).map(([event, value]) => [
      event,
      outcomes.has(event)
        ? normaliseTransitions(value).map((t) => ({ ...t, actions: [record, ...actionList(t.actions)] }))
        : value,
    ]));
  }
  if (config.states) {
    copy.states = Object.fromEntries(Object.entries(config.states).map(([name, child]) => [name, instrument(child, [...path, name], tasks)]));
  }
  return copy;
}

/**
 * Loads a definition document into an XState machine. Guards and actions are bound by name
 * to the built-ins; every delay key is parsed. A bad definition throws a DefinitionError that
 * names each state and problem.
 * @example const def = loadDefinition(json, { version: 1 });
 */
/** What the machine's guards and actions read of an event: its type, the submitted data and the comment. */
type MachineEvent = { type: string; data?: unknown; comment?: string };

export function loadDefinition(doc: DefinitionDocument, options: LoadOptions = {}): LoadedDefinition {
  const { outline, issues } = validateDefinition(doc, options.knownForms);
  if (issues.length) throw new DefinitionError(doc?.key ?? '(no key)', issues);

  const settings = doc.settings ?? {};
  const configForYear = options.configForYear ?? (() => ({}));
  const years = configByYear(configForYear);
  const scopeOf = (context: InstanceContext, event: MachineEvent): ExpressionScope => ({
    data: context.data,
    event: { type: event.type, data: event.data, comment: event.comment },
    settings,
    config: configForYear(context.year),
    years,
  });

  const guards = Object.fromEntries(Object.entries(BUILTIN_GUARDS).map(([name, guard]) => [
    name,
    ({ context, event }: { context: InstanceContext; event: MachineEvent }, params: Record<string, unknown>) => guard.evaluate(scopeOf(context, event), params),
  ]));
  const noop = () => undefined;
  const actions: Record<string, unknown> = {
    setData: assign(({ context, event }: { context: InstanceContext; event: MachineEvent }, params: Record<string, unknown>) => ({
      data: setPath(context.data, params.path as string, DATA_ACTIONS.setData.compute(scopeOf(context, event), params)),
    })),
    [INTERNAL_ACTIONS.recordStep]: assign(({ context, event }: { context: InstanceContext; event: MachineEvent }, params: { key: string }) => (
      event.data === undefined ? {} : { data: { ...context.data, [params.key]: event.data } }
    )),
    [INTERNAL_ACTIONS.openTask]: noop,
    [INTERNAL_ACTIONS.closeTask]: noop,
    ...Object.fromEntries(EFFECT_ACTIONS.map((name) => [name, noop])),
  };
  // XState only needs a number per delay for its own bookkeeping; the timer row holds the real time.
  const delays = Object.fromEntries([...outline.delays].map((d) => [d, d.startsWith('$') ? 0 : nominalDelayMs(parseDelay(d)!)]));

  const { context: initialContext, ...machineConfig } = instrument(doc.machine as StateConfigJson, [], outline.tasks) as Record<string, unknown>;
  let machine: AnyStateMachine;
  try {
    // The guards, actions and delays are bound by name from the definition's data, so XState cannot infer
    // their names statically; the definition was validated above and XState checks the config as it builds.
    machine = setup({ guards, actions, delays } as Parameters<typeof setup>[0]).createMachine({
      ...(machineConfig as object),
      context: ({ input }: { input: { data?: Record<string, unknown>; year: number } }) => ({
        ...((initialContext as Record<string, unknown>) ?? {}),
        data: input?.data ?? {},
        year: input?.year,
      }),
      // Last, so a definition cannot lift the bound: a loop of eventless transitions fails the step instead of hanging it.
      options: { maxIterations: MAX_MICROSTEPS },
    });
    // Resolve every transition now so a config XState rejects fails at load, not at the first event.
    void machine.root.transitions;
  } catch (err) {
    throw new DefinitionError(doc.key, [{ path: 'machine', message: (err as Error).message }]);
  }
  // A loop of unguarded eventless transitions would hang every case that enters it: refuse it here.
  const certain = findEventlessCycles(machine.root).filter((c) => c.certain);
  if (certain.length) {
    throw new DefinitionError(doc.key, certain.map((c) => ({
      path: c.states[0],
      message: `eventless loop ${describeCycle(c)}: these "always" transitions have no guard, so a case entering them never comes to rest; add a guard or an event to one of them`,
    })));
  }
  return { key: doc.key, version: options.version ?? 1, document: doc, machine, tasks: outline.tasks, configForYear };
}
