import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { StateIssues } from './graphModel';

export interface StateNodeData extends Record<string, unknown> {
  title: string;
  /** What the box does not spell out (its id, start / task / final), shown on hover. */
  hint: string;
  /** What lint found on this state, drawn as a badge on the box. */
  issues?: StateIssues;
  /** The badge's words for a screen reader, e.g. "1 个错误，0 个警告". */
  issuesLabel?: string;
}

export type StateFlowNode = Node<StateNodeData, 'state' | 'compound'>;

/** The lint badge on a state: how many issues, red for errors, orange for warnings only; the messages on hover. */
function IssueBadge({ issues, label }: { issues: StateIssues; label?: string }) {
  return (
    <span
      className={`jz-admin-issue ${issues.errors ? 'jz-admin-issue-error' : 'jz-admin-issue-warning'}`}
      role="img"
      aria-label={label}
      title={issues.messages.join('\n')}
      data-testid="lint-badge"
    >
      {issues.errors + issues.warnings}
    </span>
  );
}

/** A leaf state: its Chinese title (task title or description) at a readable size, and its lint badge. */
export function StateNode({ data }: NodeProps<StateFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <div className="jz-admin-node-title" title={data.hint}>
        {data.title}
      </div>
      {data.issues && <IssueBadge issues={data.issues} label={data.issuesLabel} />}
      <Handle type="source" position={Position.Bottom} />
    </>
  );
}

/** A compound or parallel state: a frame with its title on top, its children drawn inside it. */
export function CompoundNode({ data }: NodeProps<StateFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <div className="jz-admin-group-label" title={data.hint}>
        <span className="jz-admin-group-title">{data.title}</span>
      </div>
      {data.issues && <IssueBadge issues={data.issues} label={data.issuesLabel} />}
      <Handle type="source" position={Position.Bottom} />
    </>
  );
}

export const NODE_TYPES = { state: StateNode, compound: CompoundNode };
