import type { Notice, ObjectionAnswer } from '@shared/contract';
import { Alert, Button, Descriptions } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useLocale, useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { formatDayTime } from '../i18n/dates';

/**
 * After an objection is filed: its number and a printable A4 回执 — the notice it concerns, what
 * was written, how to follow it (number + phone tail, or the lookup code shown only here) and the
 * county's contact. Printed, the receipt is the whole page.
 */
export function ObjectionReceipt({ answer, notice, content }: { answer: ObjectionAnswer; notice: Notice; content: string }) {
  const t = useT(noticesText);
  const { locale } = useLocale();
  const place = [notice.townName, notice.villageName].filter(Boolean).join('');
  const lookupUrl = `${window.location.origin}/objections/lookup`;
  const county = [notice.objectionHotline, notice.objectionAddress].filter(Boolean).join('，');
  return (
    <>
      <Alert
        type="success"
        showIcon
        className="jz-no-print"
        title={t('receiptReceived', { no: answer.receiptNo })}
        description={
          <>
            <p>{t('objectionThanks')}</p>
            <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
              {t('receiptPrint')}
            </Button>{' '}
            <Link to="/objections/lookup">{t('lookupLink')}</Link>
          </>
        }
      />
      <section className="jz-objection-receipt" data-testid="objection-receipt" aria-label={t('receiptTitle')}>
        <h2>{t('receiptTitle')}</h2>
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'no', label: t('receiptNo'), children: <strong className="jz-mono">{answer.receiptNo}</strong> },
            { key: 'at', label: t('receiptAt'), children: formatDayTime(answer.filedAt, locale) },
            { key: 'notice', label: t('receiptNotice'), children: `${place} ${notice.title}` },
            { key: 'content', label: t('receiptContent'), children: <span className="jz-objection-receipt-content">{content}</span> },
            {
              key: 'lookup', label: t('receiptLookupBy'),
              children: answer.lookupBy === 'code' ? <strong>{t('receiptLookupCode', { code: answer.lookupCode ?? '' })}</strong> : t('receiptLookupPhone'),
            },
            { key: 'url', label: t('receiptLookupAt'), children: <span className="jz-mono">{lookupUrl}</span> },
            ...(county ? [{ key: 'county', label: t('receiptCounty'), children: county }] : []),
          ]}
        />
        <p className="jz-objection-receipt-note">{t('receiptNote')}</p>
      </section>
    </>
  );
}
