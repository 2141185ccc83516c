import type { NoticeSummary } from '@shared/contract';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';

/** "公示期：2016-11-01 至 2016-11-07" with how many days are left to object. */
export function NoticePeriod({ notice }: { notice: NoticeSummary }) {
  const t = useT(noticesText);
  const until = notice.endsAt ? dayjs(notice.endsAt) : null;
  const left = until ? until.startOf('day').diff(dayjs().startOf('day'), 'day') : null;
  return (
    <span className="jz-notice-period">
      {t('period', { from: dayjs(notice.startsAt).format('YYYY-MM-DD'), until: until ? until.format('YYYY-MM-DD') : '—' })}{' '}
      {notice.status === 'closed' ? (
        <Tag>{t('closed')}</Tag>
      ) : (
        <Tag color="red">{left !== null && left <= 0 ? t('lastDay') : left !== null ? t('daysLeft', { n: left }) : t('open')}</Tag>
      )}
    </span>
  );
}
