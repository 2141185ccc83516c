import { useEffect, useState } from 'react';
import { Empty, Select, Space, Switch, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { listNotices, type NoticeSummary } from '../api';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { ErrorState } from '../layout/ErrorState';
import { NoticeCard } from './NoticeCard';
import './notices.css';
import { PageLoading } from '../layout/PageLoading';

const unique = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'zh-CN'));

/** `/notices`: the public board by town and village; the choice stays in the link to share it. */
export default function NoticeBoardPage() {
  const t = useT(noticesText);
  const [params, setParams] = useSearchParams();
  const town = params.get('town') ?? '';
  const village = params.get('village') ?? '';
  const withClosed = params.get('closed') === '1';
  const [notices, setNotices] = useState<NoticeSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setNotices(null);
    // The API lists open notices unless asked for all.
    listNotices({ status: withClosed ? 'all' : 'open' }, controller.signal)
      .then((answer) => setNotices(answer.items))
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [withClosed, generation]);

  const setFilter = (next: Record<string, string>) => {
    const merged = { town, village, closed: withClosed ? '1' : '', ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, value]) => value)), { replace: true });
  };

  const retry = () => {
    setError(null);
    setGeneration((n) => n + 1);
  };

  const all = notices ?? [];
  const towns = unique(all.map((notice) => notice.townName));
  const villages = unique(all.filter((notice) => !town || notice.townName === town).map((notice) => notice.villageName));
  const shown = all.filter((notice) => (!town || notice.townName === town) && (!village || notice.villageName === village));

  return (
    <section className="jz-notice-board">
      <Typography.Title level={2}>{t('boardTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('boardIntro')}</Typography.Paragraph>
      <Space wrap className="jz-notice-filters">
        <Select
          className="jz-notice-select"
          value={town}
          onChange={(value) => setFilter({ town: value, village: '' })}
          options={[{ value: '', label: t('allTowns') }, ...towns.map((name) => ({ value: name, label: name }))]}
        />
        <Select
          className="jz-notice-select"
          value={village}
          onChange={(value) => setFilter({ village: value })}
          options={[{ value: '', label: t('allVillages') }, ...villages.map((name) => ({ value: name, label: name }))]}
        />
        <Space size={4}>
          <Switch size="small" checked={withClosed} onChange={(on) => setFilter({ closed: on ? '1' : '' })} />
          {t('showClosed')}
        </Space>
      </Space>
      {error ? (
        <ErrorState error={error} onRetry={retry} />
      ) : !notices ? (
        <PageLoading />
      ) : shown.length === 0 ? (
        <Empty description={t('empty')} />
      ) : (
        <div className="jz-notice-grid">
          {shown.map((notice) => (
            <NoticeCard key={notice.id} notice={notice} />
          ))}
        </div>
      )}
    </section>
  );
}
