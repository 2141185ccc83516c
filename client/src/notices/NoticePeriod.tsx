import type { NoticeSummary } from '@shared/contract';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { daysBetween, isoDay } from '../i18n/dates';

/** "公示期：2016-11-01 至 2016-11-07" with how many days are left to object. */
export function NoticePeriod({ notice }: { notice: NoticeSummary }) {
  const t = useT(noticesText);
  // The period ends at the start of the day after the last day: the last day shown is the one before.
  // Days are the county's (China time), whatever zone the reader's phone is set to.
  const until = notice.endsAt ? new Date(new Date(notice.endsAt).getTime() - 1) : null;
  const left = until ? daysBetween(isoDay(new Date()), isoDay(until)) : null;
  return (
    <span className="jz-notice-period">
      {until ? t('period', { from: isoDay(notice.startsAt), until: isoDay(until) }) : t('listedSince', { from: isoDay(notice.startsAt) })}{' '}
      {notice.status === 'closed' ? (
        <span className="jz-tag">{t('closed')}</span>
      ) : (
        <span className={`jz-tag ${until ? 'jz-tag-red' : 'jz-tag-blue'}`}>{left !== null && left <= 0 ? t('lastDay') : left !== null ? t('daysLeft', { n: left }) : t('longTerm')}</span>
      )}
    </span>
  );
}
