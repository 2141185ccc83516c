import type { Instance } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { getInstance } from '../api';
import { useLocale, useT } from '../i18n';
import { applicationsText } from '../i18n/applications';
import { useSession } from '../session/useSession';
import { formatDayTime } from '../i18n/dates';

/**
 * After a successful submission: the 受理编号 and a printable A4 回执 (receipt) for the household,
 * what happens next, and the two likely next moves.
 */
export function SubmittedResult({ instanceId, onAnother }: { instanceId: string | null; onAnother: () => void }) {
  const t = useT(applicationsText);
  const { locale } = useLocale();
  const { user } = useSession();
  const [instance, setInstance] = useState<Pick<Instance, 'receiptNo' | 'subject' | 'orgUnitName' | 'createdAt'> | null>(null);

  useEffect(() => {
    if (!instanceId) return;
    const controller = new AbortController();
    getInstance(instanceId, controller.signal).then(setInstance, () => undefined);
    return () => controller.abort();
  }, [instanceId]);

  return (
    <>
      <Alert
        type="success"
        showIcon
        title={instance?.receiptNo ? t('submittedWithNo', { no: instance.receiptNo }) : t('submitted')}
        description={
          <>
            <p>{t('submittedDetail')}</p>
            <Space wrap>
              <Link to="/inbox">
                <Button type="primary">{t('toInbox')}</Button>
              </Link>
              <Button onClick={onAnother}>{t('another')}</Button>
              {instance?.receiptNo && (
                <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
                  {t('printReceipt')}
                </Button>
              )}
            </Space>
          </>
        }
      />
      {instance?.receiptNo && (
        <section className="jz-receipt" data-testid="receipt" aria-label={t('receiptTitle')}>
          <h2>{t('receiptTitle')}</h2>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'no', label: t('receiptNo'), children: <strong className="jz-mono">{instance.receiptNo}</strong> },
              { key: 'subject', label: t('receiptHousehold'), children: instance.subject?.text ?? '' },
              { key: 'unit', label: t('receiptUnit'), children: instance.orgUnitName ?? '' },
              { key: 'at', label: t('receiptAt'), children: formatDayTime(instance.createdAt, locale) },
              { key: 'by', label: t('receiptBy'), children: user?.displayName ?? '' },
            ]}
          />
          <p className="jz-receipt-note">{t('receiptNote')}</p>
        </section>
      )}
    </>
  );
}
