import type { NoticeSummary } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Button, Empty, Select, Space, Switch, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { listNoticePlaces, listNotices } from '../api';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { ErrorState } from '../layout/ErrorState';
import { NoticeCard } from './NoticeCard';
import './notices.css';
import { PageLoading } from '../layout/PageLoading';

/** Notices per request: every household has its own, so a campaign posts hundreds at once. */
const PAGE_SIZE = 100;

interface Board {
  items: NoticeSummary[];
  total: number;
  page: number;
}

/** `/notices`: the public board by town and village; the choice stays in the link to share it. */
export default function NoticeBoardPage() {
  const t = useT(noticesText);
  const [params, setParams] = useSearchParams();
  const town = params.get('town') ?? '';
  const village = params.get('village') ?? '';
  const withClosed = params.get('closed') === '1';
  const [board, setBoard] = useState<Board | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [towns, setTowns] = useState<string[]>([]);
  const [villages, setVillages] = useState<string[]>([]);

  // Every town, and every village of the chosen one: not only those on the page loaded so far.
  useEffect(() => {
    const controller = new AbortController();
    listNoticePlaces(undefined, controller.signal).then(setTowns).catch(() => undefined);
    return () => controller.abort();
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    setVillages([]);
    if (town) listNoticePlaces(town, controller.signal).then(setVillages).catch(() => undefined);
    return () => controller.abort();
  }, [town]);

  useEffect(() => {
    const controller = new AbortController();
    // The server filters by town and village and pages: the board is never silently cut at one page.
    listNotices({ status: withClosed ? 'all' : 'open', town: town || undefined, village: village || undefined, page, pageSize: PAGE_SIZE }, controller.signal)
      .then((answer) => {
        setBoard((before) => ({ items: page > 1 && before ? [...before.items, ...answer.items] : answer.items, total: answer.total, page }));
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [withClosed, town, village, page, generation]);

  const setFilter = (next: Record<string, string>) => {
    const merged = { town, village, closed: withClosed ? '1' : '', ...next };
    setBoard(null);
    setPage(1);
    setParams(Object.fromEntries(Object.entries(merged).filter(([, value]) => value)), { replace: true });
  };

  const retry = () => {
    setError(null);
    setGeneration((n) => n + 1);
  };

  const items = board?.items ?? [];

  return (
    <section className="jz-notice-board">
      <Typography.Title level={2}>{t('boardTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('boardIntro')}</Typography.Paragraph>
      <Space wrap className="jz-notice-filters">
        <Select
          className="jz-notice-select"
          aria-label={t('townFilter')}
          value={town}
          onChange={(value) => setFilter({ town: value, village: '' })}
          options={[{ value: '', label: t('allTowns') }, ...towns.map((name) => ({ value: name, label: name }))]}
        />
        <Select
          className="jz-notice-select"
          aria-label={t('villageFilter')}
          value={village}
          onChange={(value) => setFilter({ village: value })}
          disabled={!town}
          showSearch
          options={[{ value: '', label: t('allVillages') }, ...villages.map((name) => ({ value: name, label: name }))]}
        />
        <Space size={4}>
          <Switch size="small" checked={withClosed} onChange={(on) => setFilter({ closed: on ? '1' : '' })} />
          {t('showClosed')}
        </Space>
        {board && <span className="jz-muted">{t('count', { n: board.total })}</span>}
      </Space>
      {error ? (
        <ErrorState error={error} onRetry={retry} />
      ) : !board ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <Empty description={t('empty')} />
      ) : (
        <>
          <div className="jz-notice-grid">
            {items.map((notice) => (
              <NoticeCard key={notice.id} notice={notice} />
            ))}
          </div>
          {items.length < board.total && (
            <Button block className="jz-notice-more" loading={board.page !== page} onClick={() => setPage((n) => n + 1)}>
              {t('more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
