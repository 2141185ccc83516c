import type { Notice } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Button, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { getNotice } from '../api';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { ErrorState } from '../layout/ErrorState';
import { ObjectionForm } from './ObjectionForm';
import { PrintableNotice } from './PrintableNotice';
import './notices.css';
import { PageLoading } from '../layout/PageLoading';

/** `/notices/:id`: the printable notice and, while it runs, the objection form. Public. */
export default function NoticePage() {
  const { id = '' } = useParams();
  const t = useT(noticesText);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    getNotice(id, controller.signal)
      .then(setNotice)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [id]);

  if (error) return <ErrorState error={error} />;
  if (!notice) return <PageLoading />;

  return (
    <section className="jz-notice-page">
      <Space wrap className="jz-notice-actions jz-no-print">
        <Link to="/notices">
          <Button icon={<ArrowLeftOutlined />}>{t('back')}</Button>
        </Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print')}
        </Button>
      </Space>
      <PrintableNotice notice={notice} />
      <ObjectionForm noticeId={notice.id} open={notice.status === 'open'} />
    </section>
  );
}
