import { EditError, type DocumentJson, type StateJson, type TaskJson, type TransitionJson } from './definitionTypes';
import { cloneDocument, findState, isWithin, listStates, nameOf, parentIdOf, requireState, STATE_NAME } from './stateTree';
import { encodeTarget, resolveTarget } from './targets';
import { normaliseTransitions, compactTransitions } from './transitions';

export type NewStateKind = 'task' | 'atomic' | 'final' | 'compound' | 'parallel';

function checkNewName(parent: StateJson, name: string): void {
  if (!STATE_NAME.test(name)) throw new EditError('badName', { name });
  if (parent.states?.[name]) throw new EditError('stateExists', { name });
}

function newState(kind: NewStateKind, name: string, title?: string): StateJson {
  const described = title ? { description: title } : {};
  switch (kind) {
    case 'task':
      return { meta: { task: { form: '', roles: [], scope: 'village', title: title ? { zh: title } : { zh: name, en: name }, dueIn: 'P5D', outcomes: [] } } };
    case 'final':
      return { type: 'final', ...described };
    case 'compound':
      return { ...described, initial: 'step1', states: { step1: {} } };
    case 'parallel':
      return { ...described, type: 'parallel', states: { regionA: { initial: 'step1', states: { step1: {} } }, regionB: { initial: 'step1', states: { step1: {} } } } };
    default:
      return described;
  }
}

/**
 * The name a new state under `parentId` gets when the admin gives only its Chinese title: `step`
 * and the first number no sibling uses (`step3`), so nobody has to invent an English identifier.
 * @example freeStateName(doc, null) // 'step1' in a document without a top-level step1
 */
export function freeStateName(doc: DocumentJson, parentId: string | null): string {
  const siblings = findState(doc, parentId)?.states ?? {};
  let n = 1;
  while (siblings[`step${n}`]) n += 1;
  return `step${n}`;
}

/**
 * Adds a state under `parentId` (null: top level), titled `title` (the task's title, else the
 * state's description) when given. A parent that had no children becomes compound with the new
 * state as its initial one.
 * @example addState(doc, null, 'step3', 'task', '县级复核')
 */
export function addState(doc: DocumentJson, parentId: string | null, name: string, kind: NewStateKind, title?: string): DocumentJson {
  const next = cloneDocument(doc);
  const parent = requireState(next, parentId);
  checkNewName(parent, name);
  parent.states = { ...(parent.states ?? {}), [name]: newState(kind, name, title?.trim() || undefined) };
  if (parent.type !== 'parallel' && !parent.initial) parent.initial = name;
  if (parent.type === 'final' || parent.type === 'atomic') delete parent.type;
  return next;
}

/** Rewrites the targets (strings or lists) of every transition slot of a state. */
function rewriteTargets(state: StateJson, rewrite: (target: string) => string | null): void {
  const apply = (value: StateJson['always']) => {
    const list = normaliseTransitions(value)
      .map((transition): TransitionJson | null => {
        if (transition.target === undefined) return transition;
        const targets = ([] as string[]).concat(transition.target).map(rewrite);
        if (targets.some((target) => target === null)) return null;
        return { ...transition, target: Array.isArray(transition.target) ? (targets as string[]) : (targets[0] as string) };
      })
      .filter((transition): transition is TransitionJson => transition !== null);
    return compactTransitions(list);
  };
  for (const kind of ['on', 'after'] as const) {
    if (!state[kind]) continue;
    const slots: Record<string, NonNullable<StateJson['always']>> = {};
    for (const [event, value] of Object.entries(state[kind]!)) {
      const rewritten = apply(value);
      if (rewritten !== undefined) slots[event] = rewritten;
    }
    if (Object.keys(slots).length) state[kind] = slots;
    else delete state[kind];
  }
  if (state.always !== undefined) {
    const rewritten = apply(state.always);
    if (rewritten === undefined) delete state.always;
    else state.always = rewritten;
  }
}

/** Replaces `data.<from>` by `data.<to>` in every `{ "var": ... }` of the document (guards, setData). */
function renameDataVars(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameDataVars(item, from, to));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key === 'var' && typeof inner === 'string' && (inner === `data.${from}` || inner.startsWith(`data.${from}.`))) {
        return [key, `data.${to}${inner.slice(`data.${from}`.length)}`];
      }
      return [key, renameDataVars(inner, from, to)];
    }),
  );
}

/**
 * Renames a state, keeping every transition that leads to it or out of it pointing at the same
 * states, and (for a task state) the guards that read its data as `data.<name>`.
 */
export function renameState(doc: DocumentJson, id: string, newName: string): DocumentJson {
  const oldName = nameOf(id);
  if (newName === oldName) return doc;
  const parentId = parentIdOf(id);
  const oldParent = requireState(doc, parentId);
  const renamed = requireState(doc, id);
  checkNewName(oldParent, newName);
  const newId = parentId ? `${parentId}.${newName}` : newName;
  const mapId = (stateId: string) => (isWithin(stateId, id) ? newId + stateId.slice(id.length) : stateId);

  let next = cloneDocument(doc);
  const parent = requireState(next, parentId);
  parent.states = Object.fromEntries(Object.entries(parent.states ?? {}).map(([name, state]) => [name === oldName ? newName : name, state]));
  if (parent.initial === oldName) parent.initial = newName;

  for (const { id: oldSource } of listStates(doc)) {
    const state = requireState(next, mapId(oldSource));
    rewriteTargets(state, (target) => {
      const resolved = resolveTarget(doc, oldSource, target);
      if (!resolved || (!isWithin(resolved, id) && !isWithin(oldSource, id))) return target;
      return encodeTarget(next, mapId(oldSource), mapId(resolved));
    });
  }
  if (renamed.meta?.task) next = renameDataVars(next, oldName, newName) as DocumentJson;
  return next;
}

/** Deletes a state with its children and every transition that led into them. */
export function deleteState(doc: DocumentJson, id: string): DocumentJson {
  const parentId = parentIdOf(id);
  requireState(doc, id);
  if (parentId === null && Object.keys(doc.machine.states ?? {}).length <= 1) throw new EditError('lastState', { id });
  const next = cloneDocument(doc);
  const parent = requireState(next, parentId);
  const name = nameOf(id);
  const { [name]: _removed, ...rest } = parent.states ?? {};
  parent.states = rest;
  if (parent.initial === name) {
    const [first] = Object.keys(rest);
    if (first) parent.initial = first;
    else delete parent.initial;
  }
  for (const { id: source } of listStates(doc)) {
    if (isWithin(source, id)) continue;
    const state = findState(next, source);
    if (!state) continue;
    rewriteTargets(state, (target) => {
      const resolved = resolveTarget(doc, source, target);
      return resolved && isWithin(resolved, id) ? null : target;
    });
  }
  return next;
}

/** Makes a state its parent's initial state. */
export function setInitialState(doc: DocumentJson, id: string): DocumentJson {
  const next = cloneDocument(doc);
  requireState(next, parentIdOf(id)).initial = nameOf(id);
  return next;
}

/** Sets (or, with undefined, removes) the human task a state opens. */
export function setTask(doc: DocumentJson, id: string, task: TaskJson | undefined): DocumentJson {
  const next = cloneDocument(doc);
  const state = requireState(next, id);
  const { task: _old, ...otherMeta } = state.meta ?? {};
  const meta = task ? { ...otherMeta, task } : otherMeta;
  if (Object.keys(meta).length) state.meta = meta;
  else delete state.meta;
  return next;
}

/** Changes a state's description or whether it ends the process. */
export function updateStateProps(doc: DocumentJson, id: string, props: { description?: string; final?: boolean }): DocumentJson {
  const next = cloneDocument(doc);
  const state = requireState(next, id);
  if (props.description !== undefined) {
    if (props.description) state.description = props.description;
    else delete state.description;
  }
  if (props.final === true) state.type = 'final';
  if (props.final === false && state.type === 'final') delete state.type;
  return next;
}
