import type { Notice } from '@shared/contract';
import dayjs from 'dayjs';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';

/**
 * The notice as it is posted at the 村委会 and every 村民小组: an A4 sheet (see the print
 * stylesheet) with the household table, the period and where to object.
 */
export function PrintableNotice({ notice }: { notice: Notice }) {
  const t = useT(noticesText);
  const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY年M月D日') : '—');
  // The dates the village wrote on the sheet when it posted it; before that, the notice's own period (its last day, not the day after).
  const from = notice.postedFrom ?? notice.startsAt;
  const until = notice.postedUntil ?? (notice.endsAt ? dayjs(notice.endsAt).subtract(1, 'millisecond').toISOString() : null);
  return (
    <article className="jz-notice-sheet">
      <h1>{notice.title}</h1>
      <p className="jz-notice-lead">{t('noticeBody')}</p>
      <table className="jz-notice-table">
        <thead>
          <tr>
            <th>{t('householdHead')}</th>
            <th>{t('idNumber')}</th>
            <th>{t('category')}</th>
            <th>{t('size')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{notice.content.headName}</td>
            <td className="jz-mono">{notice.content.headIdNumber}</td>
            <td>{notice.content.category ?? '—'}</td>
            <td>{notice.content.size == null ? '—' : t('persons', { n: notice.content.size })}</td>
          </tr>
        </tbody>
      </table>
      <p>{t('period', { from: day(from), until: day(until) })}</p>
      {notice.places && notice.places.length > 0 && (
        <p>
          {t('places')}：{notice.places.join('、')}
        </p>
      )}
      {notice.contactPhone && (
        <p>
          {t('contact')}：{notice.contactPhone}
        </p>
      )}
      {notice.objectionHotline && (
        <p>{t('countyObjection', { phone: notice.objectionHotline, address: notice.objectionAddress ?? '' })}</p>
      )}
      <footer className="jz-notice-signature">
        <div>{t('noticeFooter', { village: `${notice.townName ?? ''}${notice.villageName ?? ''}` })}</div>
        <div className="jz-notice-stamp">{t('stamp')}</div>
        <div>{day(from)}</div>
      </footer>
    </article>
  );
}
