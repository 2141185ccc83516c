import { Tooltip } from 'antd';
import type { TaskView } from '../api';
import { useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { isoDay, isoMinute } from '../i18n/dates';

/**
 * A deadline as "还剩 3 天" / "已逾期 2 天", the exact time on hover. Days left and due-soon come
 * from the server's clock (old PCs' clocks are often wrong): amber when due soon, red when overdue.
 */
export function DueDate({ task }: { task: Pick<TaskView, 'dueAt' | 'daysLeft' | 'dueStatus'> }) {
  const t = useT(inboxText);
  const { dueAt, daysLeft, dueStatus } = task;
  if (!dueAt || daysLeft === null || daysLeft === undefined || !dueStatus) return <span>{dueAt ? isoDay(dueAt) : t('noDue')}</span>;
  let text: string;
  if (dueStatus === 'overdue') text = daysLeft >= 0 ? t('overdueToday') : t('overdue', { n: -daysLeft });
  else text = daysLeft === 0 ? t('dueToday') : t('dueIn', { n: daysLeft });
  const className = dueStatus === 'overdue' ? 'jz-overdue' : dueStatus === 'dueSoon' ? 'jz-due-soon' : undefined;
  return (
    <Tooltip title={t('due', { date: isoMinute(dueAt) })}>
      <span className={className} data-due-status={dueStatus}>{text}</span>
    </Tooltip>
  );
}
