import { EditError, type DocumentJson, type StateJson } from './definitionTypes';

export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/** One state of the machine, flattened: `id` is the dotted path from the root (`publicNotice.posting`). */
export interface StateInfo {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
  kind: StateKind;
  /** True for the parent's `initial` child (every child of a parallel state is active at once). */
  initial: boolean;
  hasTask: boolean;
}

/** State names become ids, XState paths and data keys: letters, digits and `_`, starting with a letter. */
export const STATE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export function kindOf(state: StateJson): StateKind {
  if (state.type) return state.type;
  return state.states && Object.keys(state.states).length ? 'compound' : 'atomic';
}

/** The machine's states in document order, parents before their children. */
export function listStates(doc: DocumentJson): StateInfo[] {
  const out: StateInfo[] = [];
  const visit = (parent: StateJson, parentId: string | null, depth: number) => {
    for (const [name, state] of Object.entries(parent.states ?? {})) {
      const id = parentId ? `${parentId}.${name}` : name;
      out.push({ id, name, parentId, depth, kind: kindOf(state), initial: parent.type !== 'parallel' && parent.initial === name, hasTask: Boolean(state.meta?.task) });
      visit(state, id, depth + 1);
    }
  };
  visit(doc.machine, null, 0);
  return out;
}

/** The state config at a dotted id, or the machine itself for `null`. */
export function findState(doc: DocumentJson, id: string | null): StateJson | undefined {
  if (id === null || id === '') return doc.machine;
  let node: StateJson | undefined = doc.machine;
  for (const name of id.split('.')) {
    node = node?.states?.[name];
    if (!node) return undefined;
  }
  return node;
}

export function requireState(doc: DocumentJson, id: string | null): StateJson {
  const state = findState(doc, id);
  if (!state) throw new EditError('noState', { id: id ?? '' });
  return state;
}

export function parentIdOf(id: string): string | null {
  const cut = id.lastIndexOf('.');
  return cut < 0 ? null : id.slice(0, cut);
}

export function nameOf(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

/** True when `id` is `ancestor` or lies inside it. */
export function isWithin(id: string, ancestor: string): boolean {
  return id === ancestor || id.startsWith(`${ancestor}.`);
}

/** A deep copy to change: the editor never mutates the document it was given. */
export function cloneDocument(doc: DocumentJson): DocumentJson {
  return structuredClone(doc);
}
