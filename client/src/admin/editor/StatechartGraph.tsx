import { useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { AimOutlined } from '@ant-design/icons';
import { Background, ControlButton, Controls, MarkerType, ReactFlow, type Connection, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useLocalize, useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { graphText } from '../../i18n/editorGraph';
import type { DocumentJson } from '../model';
import { graphOf, type StateIssues } from './graphModel';
import { layoutGraph, type Layout } from './layoutGraph';
import { EDGE_TYPES, type RoutedFlowEdge } from './RoutedEdge';
import { NODE_TYPES, type StateFlowNode } from './StateNodes';
import type { Selection } from './selection';
import { describeTransition } from './transitionLabel';

interface Props {
  doc: DocumentJson;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  severities: Map<string, 'error' | 'warning'>;
  /** Lint issues by state, drawn as badges on their boxes. */
  issues?: Map<string, StateIssues>;
  /** The county's named durations (`noticePeriod` → `P7D`): a `$name` delay reads as 公示期 7 天. */
  namedDelays?: Record<string, string>;
  /** States a simulation passed through, drawn in green. */
  visited?: Set<string>;
  /** Dragging from one state to another proposes a transition. */
  onConnect?: (source: string, target: string) => void;
  /** A state to bring into view (picked from the lint results); `seq` repeats the request for the same state. */
  focus?: { id: string; seq: number } | null;
}

/**
 * The whole graph in the box, never blown up past life size when it is small, and never shrunk
 * below the zoom where its 16 px titles and labels still read at 11 px on the screen: a process
 * too big for that is shown from its middle at that zoom (the controls' 显示全图 shows all of it).
 */
const FIT_VIEW = { padding: 0.02, maxZoom: 1.2, minZoom: 0.7 };
/** The controls' button: all of the graph, however small. */
const WHOLE_GRAPH = { padding: 0.03, maxZoom: 1.2 };

/** How far zooming to a selection goes: close enough to read, not so close the neighbours vanish. */
const SELECTION_ZOOM = { minZoom: 1, maxZoom: 1.3, padding: 0.6, duration: 300 };

/** The box's width / height in steps of a quarter, so a small resize does not lay the graph out again. */
function aspectOf(element: HTMLElement): number {
  return Math.max(0.5, Math.round((element.clientWidth / Math.max(1, element.clientHeight)) * 4) / 4);
}

/**
 * The machine as a graph: states (compound and parallel ones as frames holding their children) by
 * their Chinese titles, transitions as arrows labelled in words (outcome, 公示期 7 天, 收到异议), lint
 * issues as badges, laid out by ELK to the shape of the box. Click to select; drag between states
 * to connect. A selection made outside the graph (lint list, inspector, a new state) is zoomed to.
 */
export function StatechartGraph({ doc, selection, onSelect, severities, issues, namedDelays, visited, onConnect, focus }: Props) {
  const t = useT(editorText);
  const tg = useT(graphText);
  const localize = useLocalize();
  const graph = useMemo(() => graphOf(doc), [doc]);
  const box = useRef<HTMLDivElement | null>(null);
  const [aspect, setAspect] = useState<number | null>(null);
  const shape = useMemo(
    () =>
      JSON.stringify({
        a: aspect,
        s: graph.states.map((s) => [s.id, s.compound, localize(s.title)]),
        t: graph.transitions.map((e) => [e.key, e.targetId]),
      }),
    [graph, aspect, localize],
  );
  const [placed, setPlaced] = useState<({ shape: string; aspect: number } & Layout) | null>(null);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const flow = useRef<ReactFlowInstance<StateFlowNode, RoutedFlowEdge> | null>(null);
  // A selection the graph did not make itself (clicks set this), to be zoomed to once it is drawn.
  const clicked = useRef(false);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setAspect(aspectOf(element));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const idsOf = (picked: Selection): string[] => {
    if (picked?.kind === 'state') return [picked.id];
    if (picked?.kind === 'transition') {
      const transition = graph.transitions.find((tr) => tr.key === picked.key);
      return transition ? [transition.source, transition.targetId] : [];
    }
    return [];
  };
  // States to zoom to once they are drawn (a state just added is laid out first).
  const pending = useRef<string[] | null>(null);
  /** Zooms to `ids` (or to those still pending) once they are laid out; the graph is read as it is then. */
  const zoomToPending = (ids?: string[]) => {
    if (ids) pending.current = ids;
    const wanted = pending.current;
    const instance = flow.current;
    if (!wanted?.length || !placed || !instance || !wanted.every((id) => placed.positions.has(id))) return;
    pending.current = null;
    // Wait for React Flow to measure freshly added boxes.
    requestAnimationFrame(() => void instance.fitView({ nodes: wanted.map((id) => ({ id })), ...SELECTION_ZOOM }));
  };
  // The same, for the effects below: they run on a change of selection, focus or layout, not of what the zoom reads.
  const zoomWhenDrawn = useEffectEvent((ids?: string[]) => zoomToPending(ids));
  const zoomToSelection = useEffectEvent((picked: Selection) => zoomToPending(idsOf(picked)));

  useEffect(() => {
    if (clicked.current) {
      clicked.current = false;
      return;
    }
    // Only a change of selection asks for a zoom.
    zoomToSelection(selection);
  }, [selection]);

  useEffect(() => {
    // Each pick (a new seq) asks again.
    if (focus) zoomWhenDrawn([focus.id]);
  }, [focus]);

  useEffect(() => {
    // A layout that draws a pending state zooms to it.
    zoomWhenDrawn();
  }, [placed]);

  // The layout of the graph as it is when its shape changes: states, titles, arrows, the box's shape.
  const startLayout = useEffectEvent(() =>
    aspect === null ? null : { shape, aspect, layout: layoutGraph(graph.states, graph.transitions, { titleOf: (state) => localize(state.title), aspectRatio: aspect }) },
  );
  useEffect(() => {
    const started = startLayout();
    if (!started) return;
    let cancelled = false;
    started.layout
      .then((layout) => {
        if (cancelled) return;
        setPlaced((previous) => {
          // A box of another shape gets the whole graph fitted again (the first fit is React Flow's own).
          if (previous && previous.aspect !== started.aspect) requestAnimationFrame(() => void flow.current?.fitView(FIT_VIEW));
          return { shape: started.shape, aspect: started.aspect, ...layout };
        });
        setLayoutError(null);
      })
      .catch((cause: unknown) => {
        if (!cancelled) setLayoutError(String(cause));
      });
    return () => {
      cancelled = true;
    };
    // Layout only when states, titles, arrows or the box's shape change, not on every edit of the document.
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
        state.initial && !state.parentId && 'jz-admin-initial',
        state.hasTask && 'jz-admin-task',
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
        data: {
          title: localize(state.title),
          hint: [state.id, ...badges].join(' · '),
          issues: issues?.get(state.id),
          issuesLabel: issues?.has(state.id) ? tg('issueBadge', { errors: issues.get(state.id)!.errors, warnings: issues.get(state.id)!.warnings }) : undefined,
        },
        className,
        style: { width: at.width, height: at.height },
        selectable: true,
        // Children are laid out inside their parent; moving them out would misdraw the hierarchy.
        extent: state.parentId ? ('parent' as const) : undefined,
      };
    });
  }, [placed, graph, severities, issues, visited, selection, localize, t, tg]);

  const edges = useMemo<RoutedFlowEdge[]>(
    () =>
      graph.transitions.map((transition) => {
        const selected = selection?.kind === 'transition' && selection.key === transition.key;
        return {
          id: transition.key,
          source: transition.source,
          target: transition.targetId,
          label: describeTransition(transition, tg, localize, namedDelays),
          type: 'routed' as const,
          // A route from an older layout would cross the states that moved since.
          data: { points: placed?.shape === shape ? placed.routes.get(transition.key) : undefined },
          markerEnd: { type: MarkerType.ArrowClosed },
          className: selected ? 'jz-admin-edge-selected' : undefined,
          style: transition.guarded ? { strokeDasharray: '6 3' } : undefined,
          zIndex: 10,
        };
      }),
    [graph, selection, localize, tg, placed, shape, namedDelays],
  );

  // React Flow fits the view to the nodes it starts with: start it once the first layout is there.
  return (
    <div className="jz-admin-graph" data-testid="statechart" ref={box}>
      {layoutError ? (
        <div className="jz-admin-graph-error">{layoutError}</div>
      ) : (
        placed && (
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            edgeTypes={EDGE_TYPES}
            // Fitted once; later edits keep the admin's zoom and scroll.
            fitView
            fitViewOptions={FIT_VIEW}
            minZoom={0.2}
            nodesDraggable={false}
            nodesConnectable={Boolean(onConnect)}
            onNodeClick={(_, node) => {
              clicked.current = true;
              onSelect({ kind: 'state', id: node.id });
            }}
            onEdgeClick={(_, edge) => {
              clicked.current = true;
              onSelect({ kind: 'transition', key: edge.id });
            }}
            onPaneClick={() => {
              clicked.current = true;
              onSelect(null);
            }}
            onInit={(instance) => {
              flow.current = instance;
            }}
            onConnect={(connection: Connection) => onConnect?.(connection.source, connection.target)}
            ariaLabelConfig={{
              'controls.ariaLabel': tg('flow.controls'),
              'controls.zoomIn.ariaLabel': tg('flow.zoomIn'),
              'controls.zoomOut.ariaLabel': tg('flow.zoomOut'),
              'controls.fitView.ariaLabel': tg('flow.fitView'),
            }}
          >
            <Background />
            <Controls showInteractive={false} fitViewOptions={WHOLE_GRAPH}>
              <ControlButton
                onClick={() => zoomToPending(idsOf(selection))}
                disabled={!selection}
                title={tg('zoomToSelection')}
                aria-label={tg('zoomToSelection')}
              >
                <AimOutlined aria-hidden />
              </ControlButton>
            </Controls>
          </ReactFlow>
        )
      )}
    </div>
  );
}
