import type { LocalizedText, Machine, MachineState } from '@shared/contract';

export interface GraphNode {
  id: string;
  label: LocalizedText;
  final: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** An outcome event, or `after` for a deadline, or `always` for an automatic step. */
  event: string;
  /** The outcome's label when the event is a task outcome. */
  label?: LocalizedText;
}

type TransitionConfig = string | { target?: string | string[] } | undefined;

function targetsOf(config: unknown): string[] {
  const list = Array.isArray(config) ? (config as TransitionConfig[]) : [config as TransitionConfig];
  return list.flatMap((entry) => {
    const target = typeof entry === 'string' ? entry : entry?.target;
    return target === undefined ? [] : ([] as string[]).concat(target);
  });
}

/**
 * The top-level step a target leads to, or undefined when it stays inside `owner` (a sibling of a
 * nested state, or a child written `.child`). `#machine.step.sub` names a step from anywhere.
 */
function resolveTarget(machine: Machine, owner: string, nested: boolean, target: string): string | undefined {
  if (target.startsWith('#')) {
    const path = target.slice(1).split('.');
    return path[0] === machine.id ? path[1] : undefined;
  }
  if (target.startsWith('.') || nested) return undefined;
  return target.split('.')[0] === owner ? undefined : target.split('.')[0];
}

function collectEdges(machine: Machine, owner: string, state: MachineState, nested: boolean, edges: GraphEdge[]): void {
  const outcomes = state.meta?.task?.outcomes ?? [];
  const add = (event: string, config: unknown) => {
    for (const target of targetsOf(config)) {
      const resolved = resolveTarget(machine, owner, nested, target);
      if (resolved && !edges.some((edge) => edge.source === owner && edge.target === resolved && edge.event === event)) {
        const label = outcomes.find((outcome) => outcome.event === event)?.label;
        edges.push({ id: `${owner}-${event}-${resolved}`, source: owner, target: resolved, event, label });
      }
    }
  };
  for (const [event, config] of Object.entries(state.on ?? {})) add(event, config);
  for (const config of Object.values(state.after ?? {})) add('after', config);
  if (state.always) add('always', state.always);
  for (const child of Object.values(state.states ?? {})) collectEdges(machine, owner, child, true, edges);
}

/**
 * A definition's machine as a graph of its top-level steps; nested states (the notice's posting
 * and running phases) fold into their step, so the picture matches how people talk about the process.
 */
export function machineGraph(machine: Machine): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const [id, state] of Object.entries(machine.states ?? {})) {
    const firstChild = state.states ? Object.values(state.states).find((child) => child.meta?.task) : undefined;
    nodes.push({ id, label: state.meta?.task?.title ?? firstChild?.meta?.task?.title ?? state.description ?? id, final: state.type === 'final' });
    collectEdges(machine, id, state, false, edges);
  }
  return { nodes, edges: edges.filter((edge) => nodes.some((node) => node.id === edge.target)) };
}

/** The top-level step(s) an instance is in, from XState's state value. */
export function activeSteps(value: unknown): string[] {
  if (typeof value === 'string') return [value.split('.')[0]];
  if (value && typeof value === 'object') return Object.keys(value);
  return [];
}
