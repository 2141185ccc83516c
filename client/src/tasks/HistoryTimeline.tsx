import type { HistoryEvent } from '@shared/contract';
import { Timeline, Typography } from 'antd';
import type { InstanceView } from '../api';
import { useLocalize, useT } from '../i18n';
import { tasksText } from '../i18n/tasks';
import { stepTitle } from './historySteps';
import { isoMinute } from '../i18n/dates';

const TYPE_COLOR: Record<string, string> = { started: 'blue', task_completed: 'green', timer_fired: 'orange', event: 'gray' };

/** Whose case it is (its subject and 受理编号), then who did what and when, in order: the audit trail a reviewer and an inspector read. */
export function HistoryTimeline({ instance }: { instance: InstanceView }) {
  const t = useT(tasksText);
  const localize = useLocalize();

  const describe = (event: HistoryEvent) => {
    if (event.type === 'started') return t('started');
    if (event.type === 'timer_fired') return t('timerFired');
    if (event.type === 'task_completed') {
      const task = instance.tasks.find((candidate) => candidate.state === event.payload.state);
      const outcome = task?.outcomes.find((candidate) => candidate.event === event.payload.outcome);
      return `${localize(stepTitle(instance, event))}：${localize(outcome?.label ?? event.payload.outcome)}`;
    }
    const signal = (event.payload as { event?: string }).event;
    if (signal === 'OBJECTION') return t('objection');
    return `${t('event')} ${signal ?? event.type}`;
  };

  /** What a signal carried in words, e.g. the objection's text the town must investigate. */
  const said = (event: HistoryEvent) => {
    const content = event.type === 'event' ? event.payload.data?.content : undefined;
    return typeof content === 'string' ? content : undefined;
  };

  return (
    <>
      {instance.subject && (
        <p className="jz-history-subject" data-testid="history-subject">
          {instance.subject.text}
          {instance.receiptNo && <span className="jz-muted"> · {t('receiptNo')} {instance.receiptNo}</span>}
        </p>
      )}
      <Timeline
        items={[...instance.history]
          .sort((a, b) => a.seq - b.seq)
          .map((event) => ({
            key: event.seq,
            color: TYPE_COLOR[event.type] ?? 'gray',
            // When and who under what was done, as the case page's timeline has them: a label column beside it
            // wrapped them over two or three lines on a phone.
            content: (
              <>
                <div>{describe(event)}</div>
                <div className="jz-muted">{isoMinute(event.at)} · {event.actor?.displayName ?? t('system')}</div>
                {said(event) && <Typography.Paragraph className="jz-history-said">{said(event)}</Typography.Paragraph>}
                {event.payload.comment && <Typography.Text type="secondary">“{event.payload.comment}”</Typography.Text>}
              </>
            ),
          }))}
      />
    </>
  );
}
