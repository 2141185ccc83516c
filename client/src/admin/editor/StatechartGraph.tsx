import { useEffect, useMemo, useRef, useState } from 'react';
import { Background, Controls, MarkerType, ReactFlow, type Connection, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useLocalize, useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import type { DocumentJson } from '../model';
import { graphOf } from './graphModel';
import { layoutGraph, type Layout } from './layoutGraph';
import { EDGE_TYPES, type RoutedFlowEdge } from './RoutedEdge';
import { NODE_TYPES, type StateFlowNode } from './StateNodes';
import type { Selection } from './selection';

interface Props {
  doc: DocumentJson;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  severities: Map<string, 'error' | 'warning'>;
  /** States a simulation passed through, drawn in green. */
  visited?: Set<string>;
  /** Dragging from one state to another proposes a transition. */
  onConnect?: (source: string, target: string) => void;
  /** A state to bring into view (picked from the lint results); `seq` repeats the request for the same state. */
  focus?: { id: string; seq: number } | null;
}

/**
 * The machine as a graph: states (compound and parallel ones as frames holding their children),
 * transitions as labelled arrows, laid out by ELK. Click to select; drag between states to connect.
 */
export function StatechartGraph({ doc, selection, onSelect, severities, visited, onConnect, focus }: Props) {
  const t = useT(editorText);
  const localize = useLocalize();
  const graph = useMemo(() => graphOf(doc), [doc]);
  const shape = useMemo(
    () => JSON.stringify({ s: graph.states.map((s) => [s.id, s.compound]), t: graph.transitions.map((e) => [e.key, e.targetId]) }),
    [graph],
  );
  const [placed, setPlaced] = useState<({ shape: string } & Layout) | null>(null);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const flow = useRef<ReactFlowInstance<StateFlowNode, RoutedFlowEdge> | null>(null);

  useEffect(() => {
    if (focus && flow.current) void flow.current.fitView({ nodes: [{ id: focus.id }], duration: 300, maxZoom: 1.2 });
  }, [focus]);

  useEffect(() => {
    let cancelled = false;
    layoutGraph(graph.states, graph.transitions)
      .then((layout) => {
        if (!cancelled) {
          setPlaced({ shape, ...layout });
          setLayoutError(null);
        }
      })
      .catch((cause: unknown) => {
        if (!cancelled) setLayoutError(String(cause));
      });
    return () => {
      cancelled = true;
    };
    // Layout only when states or arrows change (graph is read with the shape it belongs to).
  }, [shape]);

  const nodes = useMemo<StateFlowNode[]>(() => {
    if (!placed) return [];
    return graph.states.map((state) => {
      const at = placed.positions.get(state.id) ?? { x: 0, y: 0, width: 180, height: 58 };
      const badges = [
        state.initial ? t('badgeInitial') : '',
        state.hasTask ? t('badgeTask') : '',
        state.kind === 'final' ? t('badgeFinal') : '',
        state.kind === 'parallel' ? t('badgeParallel') : '',
      ].filter(Boolean);
      const severity = severities.get(state.id);
      const className = [
        state.compound ? 'jz-admin-group' : 'jz-admin-node',
        state.kind === 'parallel' && 'jz-admin-parallel',
        state.parallelRegion && 'jz-admin-region',
        state.kind === 'final' && 'jz-admin-final',
        severity && `jz-admin-${severity}`,
        visited?.has(state.id) && 'jz-admin-visited',
        selection?.kind === 'state' && selection.id === state.id && 'jz-admin-selected',
      ]
        .filter(Boolean)
        .join(' ');
      return {
        id: state.id,
        type: state.compound ? 'compound' : 'state',
        position: { x: at.x, y: at.y },
        parentId: state.parentId ?? undefined,
        data: { title: localize(state.title), name: state.name, badges, severity },
        className,
        style: { width: at.width, height: at.height },
        selectable: true,
        // Children are laid out inside their parent; moving them out would misdraw the hierarchy.
        extent: state.parentId ? ('parent' as const) : undefined,
      };
    });
  }, [placed, graph, severities, visited, selection, localize, t]);

  const edges = useMemo<RoutedFlowEdge[]>(
    () =>
      graph.transitions.map((transition) => {
        const selected = selection?.kind === 'transition' && selection.key === transition.key;
        return {
          id: transition.key,
          source: transition.source,
          target: transition.targetId,
          label: `${transition.kind === 'after' ? t('afterDelay', { delay: transition.event }) : transition.kind === 'always' ? t('always') : localize(transition.label)}${transition.guarded ? ` [${t('guardShort')}]` : ''}`,
          type: 'routed' as const,
          // A route from an older layout would cross the states that moved since.
          data: { points: placed?.shape === shape ? placed.routes.get(transition.key) : undefined },
          markerEnd: { type: MarkerType.ArrowClosed },
          className: selected ? 'jz-admin-edge-selected' : undefined,
          style: transition.guarded ? { strokeDasharray: '6 3' } : undefined,
          zIndex: 10,
        };
      }),
    [graph, selection, localize, t, placed, shape],
  );

  // React Flow fits the view to the nodes it starts with: start it once the first layout is there.
  if (!placed && !layoutError) return <div className="jz-admin-graph" data-testid="statechart" />;
  if (layoutError) return <div className="jz-admin-graph-error">{layoutError}</div>;
  return (
    <div className="jz-admin-graph" data-testid="statechart">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        // Fitted once; later edits keep the admin's zoom and scroll.
        fitView
        fitViewOptions={{ padding: 0.04 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={Boolean(onConnect)}
        onNodeClick={(_, node) => onSelect({ kind: 'state', id: node.id })}
        onEdgeClick={(_, edge) => onSelect({ kind: 'transition', key: edge.id })}
        onPaneClick={() => onSelect(null)}
        onInit={(instance) => {
          flow.current = instance;
        }}
        onConnect={(connection: Connection) => onConnect?.(connection.source, connection.target)}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
