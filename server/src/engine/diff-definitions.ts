import type { DiffResult, TransitionRef } from '../contract';
import type { StateConfigJson, TransitionsJson } from './definition';
import { formFieldPointers } from './form-fields';
import { normaliseTransitions } from './validate-definition';

/** One side of a diff: the version's document, the form versions it pins and those forms' schemas. */
export interface DiffSide {
  version: number;
  document: { machine?: unknown; [key: string]: unknown };
  formVersions: Record<string, number>;
  /** Schemas by `key@version` (missing ones compare by version only). */
  formSchemas?: Record<string, Record<string, unknown> | undefined>;
}

/** A diff is the contract's `DiffResult`, as `GET /api/definitions/:key/diff` answers it. */
export type DefinitionDiff = DiffResult;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const sortedKeys = (value: unknown) => (isObject(value) ? Object.keys(value).sort() : []);

function statesOf(machine: unknown): Map<string, StateConfigJson> {
  const out = new Map<string, StateConfigJson>();
  const walk = (config: unknown, prefix: string) => {
    if (!isObject(config) || !isObject(config.states)) return;
    for (const [name, child] of Object.entries(config.states)) {
      const id = prefix ? `${prefix}.${name}` : name;
      out.set(id, isObject(child) ? child : {});
      walk(child, id);
    }
  };
  walk(machine, '');
  return out;
}

/** A transition list as text: `target` for a plain one, `target [if …]` for guarded branches, `|` between branches. */
function describeTransitions(value: unknown): string {
  // Read as written, unchecked: the diff also describes drafts that do not validate yet.
  return normaliseTransitions(value as TransitionsJson | undefined).map((t) => {
    if (!isObject(t)) return String(t);
    const target = t.target === undefined ? '(stay)' : Array.isArray(t.target) ? t.target.join(',') : String(t.target);
    const guard = isObject(t.guard) ? ` [if ${JSON.stringify(t.guard.params ?? t.guard.type)}]` : '';
    const actions = t.actions === undefined ? '' : ` {${(Array.isArray(t.actions) ? t.actions : [t.actions]).map((a) => (isObject(a) ? a.type : a)).join(',')}}`;
    return `${target}${guard}${actions}`;
  }).join(' | ');
}

function transitionsOf(states: Map<string, StateConfigJson>, machine: unknown): Map<string, TransitionRef & { text: string }> {
  const out = new Map<string, TransitionRef & { text: string }>();
  const add = (from: string, event: string, value: unknown) => {
    const text = describeTransitions(value);
    out.set(`${from}\u0000${event}`, { from, event, to: text, text });
  };
  const each = (from: string, config: StateConfigJson) => {
    if (isObject(config.on)) for (const [event, value] of Object.entries(config.on)) add(from, event, value);
    if (isObject(config.after)) for (const [delay, value] of Object.entries(config.after)) add(from, `after ${delay}`, value);
    if (config.always !== undefined) add(from, 'always', config.always);
  };
  if (isObject(machine)) each('(root)', machine as StateConfigJson);
  for (const [id, config] of states) each(id, config);
  return out;
}

/** What changed in one state, in short phrases (transitions are listed separately). */
function stateChanges(before: StateConfigJson, after: StateConfigJson): string[] {
  const changes: string[] = [];
  if ((before.type ?? '') !== (after.type ?? '')) changes.push(`type: ${before.type ?? 'atomic'} → ${after.type ?? 'atomic'}`);
  if (!same(before.initial, after.initial)) changes.push(`initial: ${before.initial ?? '—'} → ${after.initial ?? '—'}`);
  if (!same(before.description, after.description)) changes.push('description changed');
  if (!same(before.entry, after.entry)) changes.push('entry actions changed');
  if (!same(before.exit, after.exit)) changes.push('exit actions changed');
  const taskOf = (c: StateConfigJson) => (isObject(c.meta) && isObject(c.meta.task) ? c.meta.task : undefined);
  const a = taskOf(before);
  const b = taskOf(after);
  if (!a && b) changes.push(`task added (form ${b.form})`);
  else if (a && !b) changes.push('task removed');
  else if (a && b) {
    if (a.form !== b.form) changes.push(`task form: ${a.form} → ${b.form}`);
    if (!same(a.roles, b.roles)) changes.push(`task roles: ${listOf(a.roles).join(',')} → ${listOf(b.roles).join(',')}`);
    if (a.scope !== b.scope) changes.push(`task scope: ${a.scope} → ${b.scope}`);
    if (a.dueIn !== b.dueIn) changes.push(`task dueIn: ${a.dueIn ?? '—'} → ${b.dueIn ?? '—'}`);
    if (!same(a.title, b.title)) changes.push('task title changed');
    const events = (t: typeof a) => listOf(t.outcomes).map((o) => (isObject(o) ? o.event : undefined));
    const added = events(b).filter((e) => !events(a).includes(e));
    const removed = events(a).filter((e) => !events(b).includes(e));
    if (added.length) changes.push(`outcomes added: ${added.join(', ')}`);
    if (removed.length) changes.push(`outcomes removed: ${removed.join(', ')}`);
    if (!added.length && !removed.length && !same(a.outcomes, b.outcomes)) changes.push('outcome labels or kinds changed');
  }
  const otherMeta = (m: StateConfigJson['meta']) => (isObject(m) ? Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'task')) : {});
  if (!same(otherMeta(before.meta), otherMeta(after.meta))) changes.push('meta changed');
  const delays = (c: StateConfigJson) => sortedKeys(c.after).join(',');
  if (delays(before) !== delays(after)) changes.push(`delays: ${delays(before) || '—'} → ${delays(after) || '—'}`);
  return changes;
}

/**
 * Compares two versions of a definition: states, transitions (by source state and event) and the
 * forms they pin, down to the fields of a form whose version changed. Pure.
 * @example diffDefinitions(v1, v2).states.added // ['review']
 */
export function diffDefinitions(from: DiffSide, to: DiffSide): DefinitionDiff {
  const before = statesOf(from.document.machine);
  const after = statesOf(to.document.machine);
  const states: DefinitionDiff['states'] = {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [],
  };
  for (const [id, config] of after) {
    const old = before.get(id);
    if (!old) continue;
    const changes = stateChanges(old, config);
    if (changes.length) states.changed.push({ id, changes });
  }

  const tBefore = transitionsOf(before, from.document.machine);
  const tAfter = transitionsOf(after, to.document.machine);
  const strip = ({ from: f, event, to: t }: TransitionRef) => ({ from: f, event, to: t });
  const transitions: DefinitionDiff['transitions'] = {
    added: [...tAfter.entries()].filter(([k]) => !tBefore.has(k)).map(([, t]) => strip(t)),
    removed: [...tBefore.entries()].filter(([k]) => !tAfter.has(k)).map(([, t]) => strip(t)),
    changed: [...tAfter.entries()].filter(([k, t]) => tBefore.has(k) && tBefore.get(k)!.text !== t.text)
      .map(([k, t]) => ({ from: t.from, event: t.event, before: tBefore.get(k)!.text, after: t.text })),
  };

  const forms: DefinitionDiff['forms'] = {
    added: Object.keys(to.formVersions).filter((k) => !(k in from.formVersions)).sort(),
    removed: Object.keys(from.formVersions).filter((k) => !(k in to.formVersions)).sort(),
    changed: [],
  };
  for (const key of Object.keys(to.formVersions).sort()) {
    const fromVersion = from.formVersions[key];
    const toVersion = to.formVersions[key];
    if (fromVersion === undefined || fromVersion === toVersion) continue;
    const a = from.formSchemas?.[`${key}@${fromVersion}`];
    const b = to.formSchemas?.[`${key}@${toVersion}`];
    const fa = a ? formFieldPointers(a) : new Map<string, string>();
    const fb = b ? formFieldPointers(b) : new Map<string, string>();
    forms.changed.push({
      key, fromVersion, toVersion,
      fieldsAdded: [...fb.keys()].filter((p) => !fa.has(p)),
      fieldsRemoved: [...fa.keys()].filter((p) => !fb.has(p)),
      fieldsChanged: [...fb.entries()].filter(([p, s]) => fa.has(p) && fa.get(p) !== s).map(([p]) => p),
    });
  }
  return { from: from.version, to: to.version, states, transitions, forms };
}
