import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { GraphState, GraphTransition } from './graphModel';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 58;
/** A state's title in the graph (CSS px, admin.css `.jz-admin-node-title`); its box is sized to it. */
const TITLE_FONT = 16;
const TITLE_LINE = 22;
const MIN_WIDTH = 104;
const MAX_WIDTH = 196;
const elk = new ELK();
const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  // Compact, so that fitting the whole process into the editor keeps its words readable.
  'elk.spacing.nodeNode': '20',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.edgeNode': '10',
  'elk.spacing.edgeEdge': '6',
  'elk.layered.spacing.edgeNodeBetweenLayers': '8',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '4',
  // A long process is cut into side-by-side columns to the box's shape instead of one tall column.
  'elk.layered.wrapping.strategy': 'MULTI_EDGE',
  'elk.layered.wrapping.additionalEdgeSpacing': '0',
  'elk.layered.wrapping.correctionFactor': '1.3',
  // Back edges (returns for correction) are many: break cycles along the document order.
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  // Edge routes in the root's coordinates, which are React Flow's for edges.
  'org.eclipse.elk.json.edgeCoords': 'ROOT',
};
// Room above a compound state's children for its own title.
const COMPOUND_OPTIONS = { 'elk.padding': '[top=36,left=10,bottom=10,right=10]' };

function textWidth(title: string): number {
  return [...title].reduce((sum, ch) => sum + (/[\u2e80-\uffff]/.test(ch) ? TITLE_FONT : TITLE_FONT * 0.56), 0);
}

/** The box a leaf state's title needs: one line when it fits, else two. */
export function nodeSizeFor(title: string): { width: number; height: number } {
  const text = textWidth(title);
  // Left and right: 8 px padding, the task's 4 px edge, the borders and a little slack.
  const padding = 30;
  if (text + padding <= MAX_WIDTH) return { width: Math.max(MIN_WIDTH, Math.ceil(text + padding)), height: TITLE_LINE + 14 };
  return { width: MAX_WIDTH, height: 2 * TITLE_LINE + 14 };
}

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
 * by ELK as one hierarchy so edges between nested states route through their parents. Each box
 * fits its title; a long process wraps into columns towards `aspectRatio` (the box's width / height).
 */
export async function layoutGraph(
  states: GraphState[],
  transitions: GraphTransition[],
  options: { titleOf: (state: GraphState) => string; aspectRatio?: number },
): Promise<Layout> {
  const nodes = new Map<string, ElkNode>();
  const aspect = { 'elk.aspectRatio': String(Math.min(4, Math.max(0.5, options.aspectRatio ?? 1.6))) };
  const root: ElkNode = { id: '__root', layoutOptions: { ...ROOT_OPTIONS, ...aspect }, children: [], edges: [] };
  for (const state of states) {
    // The initial state on top, the final ones at the bottom, as the process is read.
    const constraint = state.initial ? 'FIRST' : state.kind === 'final' ? 'LAST' : undefined;
    const layer: Record<string, string> = constraint ? { 'elk.layered.layering.layerConstraint': constraint } : {};
    const node: ElkNode = state.compound
      ? { id: state.id, layoutOptions: { ...COMPOUND_OPTIONS, ...layer }, children: [] }
      : { id: state.id, ...nodeSizeFor(options.titleOf(state)), layoutOptions: layer };
    nodes.set(state.id, node);
    const parent = state.parentId ? nodes.get(state.parentId) : root;
    (parent ?? root).children!.push(node);
  }
  // A compound state left without children would collapse to nothing.
  for (const state of states) {
    const node = nodes.get(state.id)!;
    if (state.compound && node.children!.length === 0) Object.assign(node, nodeSizeFor(options.titleOf(state)));
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
