import { BaseEdge, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { Point } from './layoutGraph';

export type RoutedEdgeData = { points?: Point[] };
export type RoutedFlowEdge = Edge<RoutedEdgeData, 'routed'>;

/** The polyline of a route. */
function pathOf(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
}

/** The middle of a route, for its label: the midpoint of its middle segment. */
function middleOf(points: Point[]): Point {
  const i = Math.max(0, Math.floor((points.length - 1) / 2));
  const a = points[i];
  const b = points[Math.min(points.length - 1, i + 1)];
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * A transition drawn along the route ELK computed around the states; until a route exists (a
 * self-transition, or an edit still being laid out), a plain step path between the two states.
 */
export function RoutedEdge(props: EdgeProps<RoutedFlowEdge>) {
  const { data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, label, labelStyle, labelBgStyle, interactionWidth } = props;
  const points = data?.points;
  if (points && points.length >= 2) {
    const middle = middleOf(points);
    return (
      <BaseEdge path={pathOf(points)} markerEnd={markerEnd} style={style} label={label} labelX={middle.x} labelY={middle.y} labelStyle={labelStyle} labelBgStyle={labelBgStyle} interactionWidth={interactionWidth} />
    );
  }
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} label={label} labelX={labelX} labelY={labelY} labelStyle={labelStyle} labelBgStyle={labelBgStyle} interactionWidth={interactionWidth} />;
}

export const EDGE_TYPES = { routed: RoutedEdge };
