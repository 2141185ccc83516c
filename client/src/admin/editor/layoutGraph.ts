import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { GraphState, GraphTransition } from './graphModel';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 58;
const elk = new ELK();
const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.edgeNode': '24',
  // Back edges (returns for correction) are many: break cycles along the document order.
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  // Edge routes in the root's coordinates, which are React Flow's for edges.
  'org.eclipse.elk.json.edgeCoords': 'ROOT',
};
// Room above a compound state's children for its own label.
const COMPOUND_OPTIONS = { 'elk.padding': '[top=44,left=16,bottom=16,right=16]' };

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  /** Each state's box, relative to its parent state. */
  positions: Map<string, Placed>;
  /** Each transition's route (start, bends, end) in absolute coordinates, by transition key. */
  routes: Map<string, Point[]>;
}

/**
 * Positions for every state, relative to its parent as React Flow's sub-flows expect, laid out
 * by ELK as one hierarchy so edges between nested states route through their parents.
 */
export async function layoutGraph(states: GraphState[], transitions: GraphTransition[]): Promise<Layout> {
  const nodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const state of states) {
    // The initial state on top, the final ones at the bottom, as the process is read.
    const constraint = state.initial ? 'FIRST' : state.kind === 'final' ? 'LAST' : undefined;
    const layer: Record<string, string> = constraint ? { 'elk.layered.layering.layerConstraint': constraint } : {};
    const node: ElkNode = state.compound
      ? { id: state.id, layoutOptions: { ...COMPOUND_OPTIONS, ...layer }, children: [] }
      : { id: state.id, width: NODE_WIDTH, height: NODE_HEIGHT, layoutOptions: layer };
    nodes.set(state.id, node);
    const parent = state.parentId ? nodes.get(state.parentId) : root;
    (parent ?? root).children!.push(node);
  }
  // A compound state left without children would collapse to nothing.
  for (const state of states) {
    const node = nodes.get(state.id)!;
    if (state.compound && node.children!.length === 0) Object.assign(node, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  root.edges = transitions
    .filter((t) => t.source !== t.targetId && nodes.has(t.source) && nodes.has(t.targetId))
    .map((t) => ({ id: t.key, sources: [t.source], targets: [t.targetId] }));
  const laid = await elk.layout(root);
  const placed = new Map<string, Placed>();
  const collect = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      placed.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? NODE_WIDTH, height: child.height ?? NODE_HEIGHT });
      collect(child);
    }
  };
  collect(laid);
  const routes = new Map<string, Point[]>();
  const collectEdges = (node: ElkNode) => {
    for (const edge of node.edges ?? []) {
      const section = (edge as { sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[] }).sections?.[0];
      if (section) routes.set(edge.id, [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]);
    }
    for (const child of node.children ?? []) collectEdges(child);
  };
  collectEdges(laid);
  return { positions: placed, routes };
}
