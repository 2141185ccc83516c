import type { Notice } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getNotice } from '../api';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { AntdProvider } from '../layout/AntdProvider';
import { ErrorState } from '../layout/ErrorState';
import { NoticePhotos } from './NoticePhotos';
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
    <AntdProvider>
      <section className="jz-notice-page">
        <div className="jz-notice-actions jz-no-print">
          <Link to="/notices" className="jz-button">
            <span aria-hidden>←</span> {t('back')}
          </Link>
          <button type="button" className="jz-button" onClick={() => window.print()}>
            {t('print')}
          </button>
        </div>
        <PrintableNotice notice={notice} />
        <NoticePhotos noticeId={notice.id} photoIds={notice.photoIds ?? []} />
        <ObjectionForm notice={notice} />
      </section>
    </AntdProvider>
  );
}
