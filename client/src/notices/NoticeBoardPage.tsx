import type { NoticeSummary } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { listNoticePlaces, listNotices } from '../api';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { NativeSelect } from '../forms/NativeSelect';
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
  // The villages of the town they were asked for: another town shows none until its own are in.
  const [villagesOf, setVillagesOf] = useState<{ town: string; names: string[] }>({ town: '', names: [] });
  const villages = villagesOf.town === town ? villagesOf.names : [];

  // Every town, and every village of the chosen one: not only those on the page loaded so far.
  useEffect(() => {
    const controller = new AbortController();
    listNoticePlaces(undefined, controller.signal).then(setTowns).catch(() => undefined);
    return () => controller.abort();
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    if (town) listNoticePlaces(town, controller.signal).then((names) => setVillagesOf({ town, names })).catch(() => undefined);
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
      <h1>{t('boardTitle')}</h1>
      <p className="jz-muted">
        {t('boardIntro')} <Link to="/objections/lookup">{t('lookupLink')}</Link>
      </p>
      <div className="jz-notice-filters">
        <label className="jz-notice-filter">
          <span>{t('townFilter')}</span>
          <NativeSelect
            className="jz-notice-select"
            value={town}
            onChange={(value) => setFilter({ town: value, village: '' })}
            options={[{ value: '', label: t('allTowns') }, ...towns.map((name) => ({ value: name, label: name }))]}
          />
        </label>
        <label className="jz-notice-filter">
          <span>{t('villageFilter')}</span>
          <NativeSelect
            className="jz-notice-select"
            value={village}
            onChange={(value) => setFilter({ village: value })}
            disabled={!town}
            options={[{ value: '', label: t('allVillages') }, ...villages.map((name) => ({ value: name, label: name }))]}
          />
        </label>
        <label className="jz-notice-closed">
          <input type="checkbox" checked={withClosed} onChange={(event) => setFilter({ closed: event.target.checked ? '1' : '' })} />
          {t('showClosed')}
        </label>
        {board && <span className="jz-muted" role="status">{t('count', { n: board.total })}</span>}
      </div>
      {error ? (
        <ErrorState error={error} onRetry={retry} />
      ) : !board ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <p className="jz-empty">{t('empty')}</p>
      ) : (
        <>
          <div className="jz-notice-grid">
            {items.map((notice) => (
              <NoticeCard key={notice.id} notice={notice} />
            ))}
          </div>
          {items.length < board.total && (
            <button type="button" className="jz-button jz-notice-more" disabled={board.page !== page} aria-busy={board.page !== page} onClick={() => setPage((n) => n + 1)}>
              {t('more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
