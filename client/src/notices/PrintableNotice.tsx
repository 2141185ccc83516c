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
  const day = (value: string | null) => (value ? dayjs(value).format('YYYY年M月D日') : '—');
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
      <p>{t('period', { from: day(notice.startsAt), until: day(notice.endsAt) })}</p>
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
      <footer className="jz-notice-signature">
        <div>{t('noticeFooter', { village: notice.villageName ?? '' })}</div>
        <div>{day(notice.startsAt)}</div>
      </footer>
    </article>
  );
}
