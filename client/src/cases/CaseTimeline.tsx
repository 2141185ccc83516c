import type { HistoryEvent } from '@shared/contract';
import { Timeline, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import type { InstanceView } from '../api';
import { useLocalize, useT } from '../i18n';
import { casesText } from '../i18n/cases';
import { stepTitle } from '../tasks/historySteps';
import { isoDay, isoMinute } from '../i18n/dates';

const COLOUR: Record<string, string> = { started: 'blue', task_completed: 'green', timer_fired: 'orange', event: 'gray' };

/**
 * A case's status timeline: every step done, with who, when and the outcome (and the comment
 * given), the signals it received (an objection, a notice period run out), then the step it waits
 * on now and who holds it — or that it has ended.
 */
export function CaseTimeline({ instance }: { instance: InstanceView }) {
  const t = useT(casesText);
  const localize = useLocalize();

  const what = (event: HistoryEvent) => {
    if (event.type === 'started') return t('started');
    if (event.type === 'timer_fired') return t('timerFired');
    if (event.type === 'task_completed') {
      const task = instance.tasks.find((candidate) => candidate.id === (event.payload as { taskId?: string }).taskId)
        ?? instance.tasks.find((candidate) => candidate.state === event.payload.state);
      const outcome = task?.outcomes.find((candidate) => candidate.event === event.payload.outcome);
      return `${localize(stepTitle(instance, event))}：${localize(outcome?.label ?? event.payload.outcome)}`;
    }
    const signal = (event.payload as { event?: string }).event;
    return signal === 'OBJECTION' ? t('objection') : `${t('event')} ${signal ?? event.type}`;
  };

  const done = [...instance.history].sort((a, b) => a.seq - b.seq).map((event) => ({
    key: `h${event.seq}`,
    color: COLOUR[event.type] ?? 'gray',
    content: (
      <div data-testid="timeline-step">
        <div className="jz-timeline-what">{what(event)}</div>
        <div className="jz-muted">
          {isoMinute(event.at)} · {event.actor?.displayName ?? t('system')}
        </div>
        {event.payload.comment && <Typography.Text type="secondary">“{event.payload.comment}”</Typography.Text>}
      </div>
    ),
  }));
  const waiting = instance.tasks
    .filter((task) => task.status === 'open' || task.status === 'claimed')
    .map((task) => ({
      key: `t${task.id}`,
      color: 'blue',
      dot: <ClockCircleOutlined aria-hidden />,
      content: (
        <div data-testid="timeline-pending">
          <div className="jz-timeline-what">{t('pending', { step: localize(task.title) })}</div>
          <div className="jz-muted">
            {t('pendingAt', { unit: task.orgUnitName ?? '' })}
            {task.dueAt && ` · ${t('due', { date: isoDay(task.dueAt) })}`}
          </div>
        </div>
      ),
    }));
  const end = instance.status === 'running' ? [] : [{
    key: 'end',
    color: instance.status === 'completed' ? 'green' : 'gray',
    content: (
      <div data-testid="timeline-end">
        <div className="jz-timeline-what">{instance.status === 'completed' ? t('ended') : t('endedTerminated')}</div>
        {instance.endedAt && <div className="jz-muted">{isoMinute(instance.endedAt)}</div>}
      </div>
    ),
  }];
  return <Timeline items={[...done, ...waiting, ...end]} />;
}
