import type { AnyStateNode } from 'xstate';
import { DATA_ACTIONS } from './builtins';

/**
 * A loop of eventless (`always`) transitions: once a case enters one of `states`, XState would
 * keep taking these transitions inside a single step and never come to rest.
 */
export interface EventlessCycle {
  /** Dotted paths of the atomic states on the loop, in the order the loop visits them. */
  states: string[];
  /** True when every transition on the loop is unguarded, so nothing can break it: a certain hang. */
  certain: boolean;
}

interface Edge {
  to: AnyStateNode;
  /** No guard can stop this transition from being taken when its source is active. */
  forced: boolean;
}

const pathOf = (n: AnyStateNode) => n.path.join('.');
const isLeaf = (n: AnyStateNode) => n.type === 'atomic' || n.type === 'final';

/** The atomic states a case ends up in when `target` is entered (initial children, every parallel region). */
function entryLeaves(target: AnyStateNode, seen = new Set<AnyStateNode>()): AnyStateNode[] {
  if (seen.has(target)) return [];
  seen.add(target);
  if (isLeaf(target)) return [target];
  if (target.type === 'parallel') return (Object.values(target.states) as AnyStateNode[]).flatMap((r) => entryLeaves(r, seen));
  if (target.type === 'compound') return ((target.initial?.target ?? []) as AnyStateNode[]).flatMap((t) => entryLeaves(t, seen));
  // A history state re-enters whatever was last active there: not knowable statically.
  return [];
}

/** True when a list of XState action objects assigns data (which makes even a self-transition loop). */
function assignsData(actions: ReadonlyArray<unknown> | undefined): boolean {
  return (actions ?? []).some((a) => typeof a === 'object' && a !== null && (a as { type?: unknown }).type !== undefined
    && Object.prototype.hasOwnProperty.call(DATA_ACTIONS, (a as { type: string }).type));
}

/**
 * The eventless transitions a case in atomic state `leaf` may take next, as XState selects them:
 * walking up from the leaf, the first enabled `always` transition of the nearest state that has
 * one. A guarded transition may be false, so selection can fall through to the next transition
 * or to the parent; an unguarded one ends the walk. A transition that leaves the case in the same
 * atomic state only loops when it changes data (XState stops when the snapshot did not change).
 */
function eventlessEdges(leaf: AnyStateNode): Edge[] {
  const edges: Edge[] = [];
  let guardSeen = false;
  for (let node: AnyStateNode | undefined = leaf; node; node = node.parent) {
    for (const t of (node.always ?? []) as ReadonlyArray<{ target?: readonly AnyStateNode[]; guard?: unknown; actions?: readonly unknown[]; reenter?: boolean }>) {
      const guarded = t.guard !== undefined;
      const targets = t.target?.length ? t.target.flatMap((x) => entryLeaves(x)) : [leaf];
      const changesData = assignsData(t.actions)
        || (!!t.reenter && (assignsData(node.exit as readonly unknown[]) || (t.target ?? []).some((x) => assignsData(x.entry as readonly unknown[]))));
      for (const to of targets) {
        if (to === leaf && !changesData) continue;
        edges.push({ to, forced: !guarded && !guardSeen });
      }
      if (!guarded) return edges;
      guardSeen = true;
    }
  }
  return edges;
}

/** The states of a loop in the order its transitions visit them, from the first in document order. */
function inLoopOrder(component: AnyStateNode[], edges: Map<AnyStateNode, Edge[]>, use: (e: Edge) => boolean, leaves: AnyStateNode[]): AnyStateNode[] {
  const members = new Set(component);
  const ordered: AnyStateNode[] = [];
  let at: AnyStateNode | undefined = leaves.find((l) => members.has(l));
  while (at && !ordered.includes(at)) {
    ordered.push(at);
    at = (edges.get(at) ?? []).find((e) => use(e) && members.has(e.to) && !ordered.includes(e.to))?.to;
  }
  return [...ordered, ...leaves.filter((l) => members.has(l) && !ordered.includes(l))];
}

/** Strongly connected components (Tarjan) of the leaf graph restricted to `use`d edges. */
function loops(leaves: AnyStateNode[], edges: Map<AnyStateNode, Edge[]>, use: (e: Edge) => boolean): AnyStateNode[][] {
  const index = new Map<AnyStateNode, number>();
  const low = new Map<AnyStateNode, number>();
  const stack: AnyStateNode[] = [];
  const onStack = new Set<AnyStateNode>();
  const found: AnyStateNode[][] = [];
  let counter = 0;
  const visit = (v: AnyStateNode) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const e of (edges.get(v) ?? []).filter(use)) {
      if (!index.has(e.to)) {
        visit(e.to);
        low.set(v, Math.min(low.get(v)!, low.get(e.to)!));
      } else if (onStack.has(e.to)) low.set(v, Math.min(low.get(v)!, index.get(e.to)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: AnyStateNode[] = [];
      let w: AnyStateNode;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (edges.get(v) ?? []).some((e) => use(e) && e.to === v);
      if (component.length > 1 || selfLoop) found.push(inLoopOrder(component, edges, use, leaves));
    }
  };
  for (const leaf of leaves) if (!index.has(leaf)) visit(leaf);
  return found;
}

/**
 * Finds loops of eventless (`always`) transitions in a machine. A loop whose transitions are all
 * unguarded is `certain`: XState's pure `transition()` would spin inside one call until memory
 * runs out, so the loader refuses it. A loop through guards is returned with `certain: false`:
 * it hangs only when the guards allow, which the step's microstep limit catches at run time.
 * @example findEventlessCycles(machine.root) // [{ states: ['a', 'b'], certain: true }]
 */
export function findEventlessCycles(root: AnyStateNode): EventlessCycle[] {
  const leaves: AnyStateNode[] = [];
  const collect = (n: AnyStateNode) => {
    if (isLeaf(n)) leaves.push(n);
    for (const child of Object.values(n.states ?? {}) as AnyStateNode[]) collect(child);
  };
  collect(root);
  const edges = new Map(leaves.map((leaf) => [leaf, eventlessEdges(leaf)]));
  const certain = loops(leaves, edges, (e) => e.forced);
  const inCertain = new Set(certain.flat());
  const possible = loops(leaves, edges, () => true).filter((c) => !c.some((n) => inCertain.has(n)));
  return [
    ...certain.map((c) => ({ states: c.map(pathOf), certain: true })),
    ...possible.map((c) => ({ states: c.map(pathOf), certain: false })),
  ];
}

/** The text of a loop for messages: `a → b → a`. */
export function describeCycle(cycle: EventlessCycle): string {
  return [...cycle.states, cycle.states[0]].join(' → ');
}
