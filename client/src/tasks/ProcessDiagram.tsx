import { useEffect, useState } from 'react';
import { Alert, Typography } from 'antd';
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import ELK from 'elkjs/lib/elk.bundled.js';
import { getMachine, type InstanceView } from '../api';
import { useErrorMessage, useLocalize, useT } from '../i18n';
import { tasksText } from '../i18n/tasks';
import { activeSteps, machineGraph } from './machineGraph';
import { PageLoading } from '../layout/PageLoading';

const NODE_WIDTH = 168;
const NODE_HEIGHT = 44;
const elk = new ELK();
// Top to bottom, as the steps are read; room between layers for the outcome labels.
const LAYOUT = { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': '32', 'elk.layered.spacing.nodeNodeBetweenLayers': '48' };

interface Layout {
  nodes: Node[];
  edges: Edge[];
}

/**
 * The instance's process, laid out by ELK and drawn with React Flow: the current step framed in
 * red, the steps already done in green. Loaded only when asked for, with its libraries.
 */
export default function ProcessDiagram({ instance }: { instance: InstanceView }) {
  const t = useT(tasksText);
  const localize = useLocalize();
  const describe = useErrorMessage();
  const [layout, setLayout] = useState<Layout | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    const current = new Set(activeSteps(instance.state));
    const done = new Set(instance.history.map((event) => event.payload.state?.split('.')[0]).filter(Boolean));
    getMachine(instance.definitionKey, instance.definitionVersion, controller.signal)
      .then(async (machine) => {
        const graph = machineGraph(machine);
        const positioned = await elk.layout({
          id: 'root',
          layoutOptions: LAYOUT,
          children: graph.nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
          edges: graph.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
        });
        const position = new Map((positioned.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
        const edgeLabel = (event: string, label: Parameters<typeof localize>[0]) =>
          label ? localize(label) : event === 'after' ? t('edgeAfter') : event === 'always' ? t('edgeAlways') : event;
        setLayout({
          nodes: graph.nodes.map((node) => ({
            id: node.id,
            position: position.get(node.id) ?? { x: 0, y: 0 },
            data: { label: localize(node.label) },
            className: ['jz-flow-node', current.has(node.id) && 'jz-flow-current', done.has(node.id) && 'jz-flow-done', node.final && 'jz-flow-final']
              .filter(Boolean)
              .join(' '),
            style: { width: NODE_WIDTH },
          })),
          edges: graph.edges.map((edge) => ({
            id: edge.id,
            source: edge.source,
            target: edge.target,
            label: edgeLabel(edge.event, edge.label),
            type: 'smoothstep',
            markerEnd: { type: MarkerType.ArrowClosed },
          })),
        });
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [instance, localize, t]);

  if (error) return <Alert type="warning" showIcon title={describe(error)} />;
  if (!layout) return <PageLoading />;
  return (
    <>
      <Typography.Text type="secondary">{t('legend')}</Typography.Text>
      <div className="jz-flow">
        <ReactFlow nodes={layout.nodes} edges={layout.edges} fitView nodesDraggable={false} nodesConnectable={false}>
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </>
  );
}
