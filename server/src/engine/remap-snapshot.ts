import type { AnyStateNode, StateValue } from 'xstate';
import type { StateConfigJson, TaskSpec } from './definition';
import { parseDelay } from '../kernel';
import type { DelaySpec } from '../kernel';
import type { InstanceContext, LoadedDefinition } from './load-definition';
import { activeStatePaths } from './step';
import type { PersistedSnapshot, StepEnvironment } from './step';

/** An instance placed in new states of a (new) definition: its snapshot and what entering them opens. */
export interface RemappedSnapshot {
  snapshot: PersistedSnapshot;
  value: StateValue;
  /** `completed` when the targets are final states of the machine. */
  status: 'running' | 'completed';
  /** Active leaf state ids after the move (compound targets resolved to their initial states). */
  states: string[];
  openTasks: Array<{ state: string; task: TaskSpec; dueAt: Date | null }>;
  timers: Array<{ key: string; eventType: string; fireAt: Date }>;
}

function delayOf(key: string, def: LoadedDefinition, context: InstanceContext): DelaySpec {
  const spec = key.startsWith('$')
    ? (() => { const c = def.configForYear(context.year)[key.slice(1)]; return typeof c === 'string' ? parseDelay(c) : undefined; })()
    : parseDelay(key);
  if (!spec) throw new Error(`Delay ${key} of "${def.key}" does not resolve to an ISO 8601 duration for ${context.year}`);
  return spec;
}

/** `a.b` and `a.c` as one state value `{ a: { b: {}, c: {} } }` → XState's shape. */
function toStateValue(paths: readonly string[]): StateValue {
  if (paths.length === 1 && !paths[0].includes('.')) return paths[0];
  type Tree = { [segment: string]: Tree };
  const tree: Tree = {};
  for (const path of paths) {
    let node = tree;
    for (const segment of path.split('.')) node = (node[segment] ??= {});
  }
  const collapse = (node: Tree): StateValue | string => {
    const entries = Object.entries(node);
    if (entries.length === 1 && Object.keys(entries[0][1]).length === 0) return entries[0][0];
    return Object.fromEntries(entries.map(([k, v]) => [k, Object.keys(v).length ? collapse(v) : {}])) as StateValue;
  };
  return collapse(tree) as StateValue;
}

/**
 * Puts an instance's context into `targets` (state ids) of `def`, as an explicit migration does:
 * the data is kept; the tasks and delays of every state now active are listed as if entered at
 * `env.now`, except those named in `keep` (same task state or same timer key), which keep their
 * due dates. Entry actions (notices, records) are not run again. Pure.
 */
export function remapSnapshot(
  def: LoadedDefinition,
  context: InstanceContext,
  targets: readonly string[],
  env: StepEnvironment,
  keep: { dueAt?: ReadonlyMap<string, Date | null>; fireAt?: ReadonlyMap<string, Date> } = {},
): RemappedSnapshot {
  const resolved = def.machine.resolveState({ value: toStateValue(targets), context });
  const snapshot = def.machine.getPersistedSnapshot(resolved) as PersistedSnapshot;
  const leaves = activeStatePaths(resolved.value);
  const entered = new Set<string>();
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) entered.add(parts.slice(0, i).join('.'));
  }
  const openTasks: RemappedSnapshot['openTasks'] = [];
  const timers: RemappedSnapshot['timers'] = [];
  for (const path of entered) {
    const task = def.tasks.get(path);
    if (task) {
      const kept = keep.dueAt?.get(path);
      const dueAt = kept !== undefined ? kept : task.dueIn ? env.calendar.addDelay(env.now, delayOf(task.dueIn, def, context)) : null;
      openTasks.push({ state: path, task, dueAt });
    }
    let node: AnyStateNode | undefined = def.machine.root;
    for (const segment of path.split('.')) node = node?.states[segment];
    let config: StateConfigJson | undefined = def.document.machine;
    for (const segment of path.split('.')) config = config?.states?.[segment];
    for (const delay of Object.keys(config?.after ?? {})) {
      const eventType = `xstate.after.${delay}.${node!.id}`;
      timers.push({ key: eventType, eventType, fireAt: keep.fireAt?.get(eventType) ?? env.calendar.addDelay(env.now, delayOf(delay, def, context)) });
    }
  }
  const status = resolved.status === 'done' ? 'completed' : 'running';
  return { snapshot, value: resolved.value, status, states: leaves, openTasks: status === 'completed' ? [] : openTasks, timers: status === 'completed' ? [] : timers };
}
