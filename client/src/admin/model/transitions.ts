import { EditError, type DocumentJson, type GuardJson, type StateJson, type TransitionJson, type TransitionsJson } from './definitionTypes';
import { cloneDocument, listStates, requireState } from './stateTree';
import { encodeTarget, resolveTarget } from './targets';

export type TransitionKind = 'on' | 'after' | 'always';

/** Where a transition sits: `on[event][index]`, `after[delay][index]` or `always[index]` of a state. */
export interface TransitionRef {
  source: string;
  kind: TransitionKind;
  /** The event for `on`, the delay for `after`, '' for `always`. */
  event: string;
  index: number;
}

export interface TransitionInfo extends TransitionRef {
  /** A stable key for lists and graph edges. */
  key: string;
  /** The target as written, undefined for a targetless transition (actions only). */
  target?: string;
  /** The dotted state id the target resolves to, undefined when it names no state. */
  targetId?: string;
  guard?: GuardJson;
  description?: string;
}

export interface TransitionPatch {
  event?: string;
  kind?: TransitionKind;
  targetId?: string;
  /** `null` removes the guard. */
  guard?: GuardJson | null;
  description?: string;
}

/** Event names are upper-case identifiers, as the outcomes write them (`APPROVE`, `UPHOLD_REJECT`). */
export const EVENT_NAME = /^[A-Z][A-Z0-9_]*$/;
/** Delays: ISO 8601 durations (optionally `@workdays`) or a `$name` the county configuration defines. */
export const DELAY = /^(\$[A-Za-z][A-Za-z0-9_]*|P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?(@workdays)?)$/;

/** A slot's transitions as objects (`"x"` becomes `{ target: "x" }`). */
export function normaliseTransitions(value: TransitionsJson | undefined): TransitionJson[] {
  if (value === undefined) return [];
  return ([] as Array<string | TransitionJson>).concat(value).map((entry) => (typeof entry === 'string' ? { target: entry } : entry));
}

/** The shortest way to write a slot: a string for one plain target, an object for one, else a list. */
export function compactTransitions(list: TransitionJson[]): TransitionsJson | undefined {
  if (list.length === 0) return undefined;
  if (list.length === 1) {
    const [only] = list;
    const keys = Object.keys(only);
    return keys.length === 1 && typeof only.target === 'string' ? only.target : only;
  }
  return list;
}

function slotsOf(state: StateJson): Array<{ kind: TransitionKind; event: string; value: TransitionsJson }> {
  const slots: Array<{ kind: TransitionKind; event: string; value: TransitionsJson }> = [];
  for (const [event, value] of Object.entries(state.on ?? {})) slots.push({ kind: 'on', event, value });
  for (const [delay, value] of Object.entries(state.after ?? {})) slots.push({ kind: 'after', event: delay, value });
  if (state.always !== undefined) slots.push({ kind: 'always', event: '', value: state.always });
  return slots;
}

export const transitionKey = (ref: TransitionRef) => `${ref.source}|${ref.kind}|${ref.event}|${ref.index}`;

/** Every transition of the machine with its target resolved to a state id. */
export function listTransitions(doc: DocumentJson): TransitionInfo[] {
  const out: TransitionInfo[] = [];
  for (const { id } of listStates(doc)) {
    const state = requireState(doc, id);
    for (const slot of slotsOf(state)) {
      normaliseTransitions(slot.value).forEach((transition, index) => {
        const target = Array.isArray(transition.target) ? transition.target[0] : transition.target;
        const ref = { source: id, kind: slot.kind, event: slot.event, index };
        out.push({
          ...ref,
          key: transitionKey(ref),
          target,
          targetId: target === undefined ? undefined : resolveTarget(doc, id, target),
          guard: transition.guard,
          description: transition.description,
        });
      });
    }
  }
  return out;
}

function readSlot(state: StateJson, kind: TransitionKind, event: string): TransitionJson[] {
  if (kind === 'always') return normaliseTransitions(state.always);
  return normaliseTransitions(state[kind]?.[event]).map((t) => ({ ...t }));
}

function writeSlot(state: StateJson, kind: TransitionKind, event: string, list: TransitionJson[]): void {
  const value = compactTransitions(list);
  if (kind === 'always') {
    if (value === undefined) delete state.always;
    else state.always = value;
    return;
  }
  const slots = { ...(state[kind] ?? {}) };
  if (value === undefined) delete slots[event];
  else slots[event] = value;
  if (Object.keys(slots).length) state[kind] = slots;
  else delete state[kind];
}

function checkEvent(kind: TransitionKind, event: string): void {
  if (kind === 'on' && !EVENT_NAME.test(event)) throw new EditError('badEvent', { event });
  if (kind === 'after' && !DELAY.test(event)) throw new EditError('badDelay', { delay: event });
}

/**
 * Adds a transition at the end of its slot (after any guarded ones, so it acts as their fallback).
 * @example addTransition(doc, 'review', { kind: 'on', event: 'APPROVE', targetId: 'done' })
 */
export function addTransition(
  doc: DocumentJson,
  source: string,
  spec: { kind: TransitionKind; event: string; targetId: string; guard?: GuardJson },
): DocumentJson {
  checkEvent(spec.kind, spec.event);
  const next = cloneDocument(doc);
  const state = requireState(next, source);
  requireState(next, spec.targetId);
  const list = readSlot(state, spec.kind, spec.event);
  const transition: TransitionJson = { target: encodeTarget(next, source, spec.targetId) };
  if (spec.guard) transition.guard = spec.guard;
  writeSlot(state, spec.kind, spec.event, [...list, transition]);
  return next;
}

/** Changes a transition's event (or delay), target, guard or description; a moved one goes last in its new slot. */
export function updateTransition(doc: DocumentJson, ref: TransitionRef, patch: TransitionPatch): DocumentJson {
  const next = cloneDocument(doc);
  const state = requireState(next, ref.source);
  const list = readSlot(state, ref.kind, ref.event);
  const current = list[ref.index];
  if (!current) throw new EditError('noTransition', { event: ref.event });
  const changed: TransitionJson = { ...current };
  if (patch.targetId !== undefined) {
    requireState(next, patch.targetId);
    changed.target = encodeTarget(next, ref.source, patch.targetId);
  }
  if (patch.guard === null) delete changed.guard;
  else if (patch.guard) changed.guard = patch.guard;
  if (patch.description !== undefined) {
    if (patch.description) changed.description = patch.description;
    else delete changed.description;
  }
  const kind = patch.kind ?? ref.kind;
  const event = kind === 'always' ? '' : patch.event ?? ref.event;
  if (kind === ref.kind && event === ref.event) {
    list[ref.index] = changed;
    writeSlot(state, kind, event, list);
    return next;
  }
  checkEvent(kind, event);
  list.splice(ref.index, 1);
  writeSlot(state, ref.kind, ref.event, list);
  writeSlot(state, kind, event, [...readSlot(state, kind, event), changed]);
  return next;
}

export function deleteTransition(doc: DocumentJson, ref: TransitionRef): DocumentJson {
  const next = cloneDocument(doc);
  const state = requireState(next, ref.source);
  const list = readSlot(state, ref.kind, ref.event);
  if (!list[ref.index]) throw new EditError('noTransition', { event: ref.event });
  list.splice(ref.index, 1);
  writeSlot(state, ref.kind, ref.event, list);
  return next;
}

/** Moves a guarded transition up or down in its slot: the first whose guard passes is taken. */
export function moveTransition(doc: DocumentJson, ref: TransitionRef, offset: -1 | 1): DocumentJson {
  const next = cloneDocument(doc);
  const state = requireState(next, ref.source);
  const list = readSlot(state, ref.kind, ref.event);
  const to = ref.index + offset;
  if (!list[ref.index] || to < 0 || to >= list.length) return doc;
  [list[ref.index], list[to]] = [list[to], list[ref.index]];
  writeSlot(state, ref.kind, ref.event, list);
  return next;
}
