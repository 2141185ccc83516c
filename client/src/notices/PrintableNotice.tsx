import type { Notice, NoticeBatchEntry } from '@shared/contract';
import dayjs from 'dayjs';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { NoticeQrCode } from './NoticeQrCode';
import { villageNoticeRows } from './villageNoticeRows';
import { formatDay } from '../i18n/dates';

/** The households the sheet lists: the village's batch, or this notice's household alone (older answers have no batch). */
function rowsOf(notice: Notice): NoticeBatchEntry[] {
  if (notice.batch && notice.batch.length > 0) return notice.batch;
  const c = notice.content;
  return [{ noticeId: notice.id, headName: c.headName, headIdNumber: c.headIdNumber, group: null, size: c.size ?? null, category: c.category ?? null, cause: null }];
}

/**
 * The notice as it is posted at the 村委会 and every 村民小组: one A4 sheet (see the print
 * stylesheet) listing every household the village posted under the same 公示编号, by 村民小组, with
 * the period as entered, where to object, the stamp area and a QR code to the online notice.
 */
export function PrintableNotice({ notice }: { notice: Notice }) {
  const t = useT(noticesText);
  const day = (value: string | null | undefined) => (value ? formatDay(value, 'zh-CN') : '—');
  // The dates the village wrote on the sheet when it posted it; before that, the notice's own period (its last day, not the day after).
  const from = notice.postedFrom ?? notice.startsAt;
  const until = notice.postedUntil ?? (notice.endsAt ? dayjs(notice.endsAt).subtract(1, 'millisecond').toISOString() : null);
  const rows = rowsOf(notice);
  const place = `${notice.townName ?? ''}${notice.villageName ?? ''}`;
  return (
    <article className="jz-notice-sheet" data-testid="notice-sheet">
      <h1>{notice.noticeTitle ?? notice.title}</h1>
      <p className="jz-notice-meta">
        {notice.noticeNo && <span data-testid="notice-no">{notice.noticeNo}</span>}
        {place && <span>{place}</span>}
      </p>
      <p className="jz-notice-lead">{t('noticeBody')}</p>
      {notice.content.village ? (
        <dl className="jz-notice-village" data-testid="notice-village">
          {villageNoticeRows(notice.content.village, t).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
      <table className="jz-notice-table jz-card-table" data-testid="notice-households">
        <thead>
          <tr>
            <th>{t('rowNo')}</th>
            <th>{t('group')}</th>
            <th>{t('householdHead')}</th>
            <th>{t('idNumber')}</th>
            <th>{t('size')}</th>
            <th>{t('category')}</th>
            <th>{t('cause')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.noticeId}>
              <td data-label={t('rowNo')}>{i + 1}</td>
              <td data-label={t('group')}>{row.group ?? '—'}</td>
              <td data-label={t('householdHead')}>{row.headName}</td>
              <td data-label={t('idNumber')} className="jz-mono">
                {row.headIdNumber}
              </td>
              <td data-label={t('size')}>{row.size == null ? '—' : t('persons', { n: row.size })}</td>
              <td data-label={t('category')}>{row.category ?? '—'}</td>
              <td data-label={t('cause')}>{row.cause ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
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
        <NoticeQrCode url={`${window.location.origin}/notices/${notice.id}`} label={t('qrLabel')} />
        <div className="jz-notice-signer">
          <div>{t('noticeFooter', { village: place })}</div>
          <div className="jz-notice-stamp" data-testid="notice-stamp">{t('stamp')}</div>
          <div>{day(from)}</div>
        </div>
      </footer>
    </article>
  );
}
