import type { NoticeSummary } from '@shared/contract';
import dayjs from 'dayjs';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { isoDay } from '../i18n/dates';

/** "公示期：2016-11-01 至 2016-11-07" with how many days are left to object. */
export function NoticePeriod({ notice }: { notice: NoticeSummary }) {
  const t = useT(noticesText);
  // The period ends at the start of the day after the last day: the last day shown is the one before.
  const until = notice.endsAt ? dayjs(notice.endsAt).subtract(1, 'millisecond') : null;
  const left = until ? until.startOf('day').diff(dayjs().startOf('day'), 'day') : null;
  return (
    <span className="jz-notice-period">
      {until ? t('period', { from: isoDay(notice.startsAt), until: isoDay(until.toDate()) }) : t('listedSince', { from: isoDay(notice.startsAt) })}{' '}
      {notice.status === 'closed' ? (
        <span className="jz-tag">{t('closed')}</span>
      ) : (
        <span className={`jz-tag ${until ? 'jz-tag-red' : 'jz-tag-blue'}`}>{left !== null && left <= 0 ? t('lastDay') : left !== null ? t('daysLeft', { n: left }) : t('longTerm')}</span>
      )}
    </span>
  );
}
