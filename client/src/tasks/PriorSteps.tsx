import { Collapse, Empty } from 'antd';
import type { InstanceView } from '../api';
import { useLocalize, useT } from '../i18n';
import { tasksText } from '../i18n/tasks';
import { completedSteps } from './historySteps';
import { PriorStepData } from './PriorStepData';
import { isoMinute } from '../i18n/dates';

/**
 * The data of the steps done so far, so a reviewer decides on what the village entered. The task
 * being worked is left out; a finished one is included, which is how its own entries are read.
 */
export function PriorSteps({ instance, currentTaskId }: { instance: InstanceView; currentTaskId?: string }) {
  const t = useT(tasksText);
  const localize = useLocalize();
  const steps = completedSteps(instance, currentTaskId);
  if (!steps.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noPriorSteps')} />;
  return (
    <Collapse
      defaultActiveKey={[String(steps[0].event.seq)]}
      items={steps.map(({ event, task, formKey, outcomeLabel }) => ({
        key: String(event.seq),
        // Who and when on a line of their own: beside the step's name they took a narrow column of two or three lines.
        label: (
          <span className="jz-prior-step">
            <span>{localize(task?.title ?? event.payload.state)} · {localize(outcomeLabel)}</span>
            <span className="jz-prior-step-by">{event.actor?.displayName ?? t('system')} · {isoMinute(event.at)}</span>
          </span>
        ),
        children: <PriorStepData formKey={formKey} data={event.payload.data ?? {}} />,
      }))}
    />
  );
}
