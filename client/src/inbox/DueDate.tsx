import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { dueInfo } from './dueInfo';

/** A deadline as "还剩 3 天" / "已逾期 2 天", the exact time on hover; overdue in red. */
export function DueDate({ dueAt }: { dueAt: string | null }) {
  const t = useT(inboxText);
  const info = dueInfo(dueAt);
  if (!info || !dueAt) return <span>{t('noDue')}</span>;
  let text: string;
  if (info.overdue) text = info.days === 0 ? t('overdueToday') : t('overdue', { n: -info.days });
  else text = info.days === 0 ? t('dueToday') : t('dueIn', { n: info.days });
  return (
    <Tooltip title={t('due', { date: dayjs(dueAt).format('YYYY-MM-DD HH:mm') })}>
      <span className={info.overdue ? 'jz-overdue' : undefined}>{text}</span>
    </Tooltip>
  );
}
