import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

export interface StateNodeData extends Record<string, unknown> {
  title: string;
  name: string;
  badges: string[];
  severity?: 'error' | 'warning';
}

export type StateFlowNode = Node<StateNodeData, 'state' | 'compound'>;

/** A leaf state: its task title (or description), its id, and badges (task, final, initial). */
export function StateNode({ data }: NodeProps<StateFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <div className="jz-admin-node-title">{data.title}</div>
      <div className="jz-admin-node-name">
        {data.name !== data.title && data.name}
        {data.badges.map((badge) => (
          <span key={badge} className="jz-admin-node-badge">
            {badge}
          </span>
        ))}
      </div>
      <Handle type="source" position={Position.Bottom} />
    </>
  );
}

/** A compound or parallel state: a frame with its label on top, its children drawn inside it. */
export function CompoundNode({ data }: NodeProps<StateFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <div className="jz-admin-group-label">
        {data.title} {data.name !== data.title && <span className="jz-admin-node-name">{data.name}</span>}
        {data.badges.map((badge) => (
          <span key={badge} className="jz-admin-node-badge">
            {badge}
          </span>
        ))}
      </div>
      <Handle type="source" position={Position.Bottom} />
    </>
  );
}

export const NODE_TYPES = { state: StateNode, compound: CompoundNode };
