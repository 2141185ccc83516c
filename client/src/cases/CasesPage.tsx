import type { InstanceSummary, Page } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Card, Grid, Input, List, Pagination, Table, Typography } from 'antd';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { listMyCases } from '../api';
import { useLocale, useLocalize, useT } from '../i18n';
import { casesText } from '../i18n/cases';
import { ErrorState } from '../layout/ErrorState';
import { useSession } from '../session/useSession';
import { CaseStatusTag } from './CaseStatusTag';
import './cases.css';
import { formatDay, isoDay, isoMinute } from '../i18n/dates';

const PAGE_SIZE = 20;

/**
 * `/cases/mine` (我发起的) and `/cases/handled` (已办): the caller's cases with subject, 受理编号,
 * current step and status — a table on a desk, cards on a phone — each opening its timeline.
 * `/cases` (the phone's one tab) opens the list that fits the user.
 */
export default function CasesPage({ view }: { view?: 'mine' | 'handled' }) {
  const { user } = useSession();
  if (!view) return <Navigate to={user?.roles.includes('village_clerk') ? '/cases/mine' : '/cases/handled'} replace />;
  return <CaseList key={view} view={view} />;
}

function CaseList({ view }: { view: 'mine' | 'handled' }) {
  const t = useT(casesText);
  const localize = useLocalize();
  const { locale } = useLocale();
  const { user } = useSession();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const pageNo = Number(params.get('page') ?? 1) || 1;
  const [page, setPage] = useState<Page<InstanceSummary> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listMyCases(view, { q, page: pageNo, pageSize: PAGE_SIZE }, controller.signal)
      .then((loaded) => {
        setError(null);
        setPage(loaded);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [view, q, pageNo, generation]);

  const change = (next: { q?: string; page?: number }) => {
    const merged = { q, page: pageNo, ...next };
    const search: Record<string, string> = {};
    if (merged.q) search.q = merged.q;
    if (merged.page > 1) search.page = String(merged.page);
    setParams(search, { replace: true });
  };

  const statusTag = (item: InstanceSummary) => <CaseStatusTag item={item} />;
  const where = (item: InstanceSummary) => {
    if (item.status !== 'running') return item.endedAt ? t('endedOn', { date: isoDay(item.endedAt) }) : '';
    return item.currentSteps.map((step) => (
      <div key={`${localize(step.title)}-${step.orgUnitName}`}>
        {t('waitingAt', { step: localize(step.title), unit: step.orgUnitName ?? '' })}
        {step.dueAt && <span className="jz-case-due"> · {t('due', { date: formatDay(step.dueAt, locale, { year: false }) })}</span>}
      </div>
    ));
  };
  const subjectOf = (item: InstanceSummary) => item.subject?.text ?? item.title ?? t('noSubject');
  const phone = screens.md === false;
  const mineOffered = user?.roles.includes('village_clerk');

  return (
    <section className="jz-cases">
      <div className="jz-page-title">
        <Typography.Title level={1}>{view === 'mine' ? t('mineTitle') : t('handledTitle')}</Typography.Title>
      </div>
      {phone && mineOffered && (
        // On a phone both lists share one tab: the other one is a tap away.
        <nav className="jz-case-switch" aria-label={t('caseTitle')}>
          <Link to="/cases/mine" aria-current={view === 'mine' ? 'page' : undefined}>{t('mineTitle')}</Link>
          <Link to="/cases/handled" aria-current={view === 'handled' ? 'page' : undefined}>{t('handledTitle')}</Link>
        </nav>
      )}
      <p className="jz-muted">{view === 'mine' ? t('mineIntro') : t('handledIntro')}</p>
      <Input.Search
        className="jz-case-search"
        allowClear
        defaultValue={q}
        placeholder={t('search')}
        aria-label={t('search')}
        onSearch={(value) => change({ q: value.trim(), page: 1 })}
      />
      {error ? (
        <ErrorState error={error} onRetry={() => setGeneration((n) => n + 1)} />
      ) : phone ? (
        <>
          <List
            loading={!page}
            dataSource={page?.items ?? []}
            locale={{ emptyText: t('empty') }}
            renderItem={(item) => (
              <List.Item>
                <Card size="small" className="jz-case-card" data-testid="case-card" title={<Link to={`/cases/${item.id}`}>{subjectOf(item)}</Link>} extra={statusTag(item)}>
                  <div className="jz-mono">{item.receiptNo}</div>
                  <div className="jz-case-where">{where(item)}</div>
                  <div className="jz-muted">{t('startedAt')} {isoDay(item.createdAt)}</div>
                </Card>
              </List.Item>
            )}
          />
          {page && page.total > PAGE_SIZE && (
            <Pagination simple current={pageNo} pageSize={PAGE_SIZE} total={page.total} onChange={(next) => change({ page: next })} />
          )}
        </>
      ) : (
        <Table<InstanceSummary>
          rowKey="id"
          size="middle"
          loading={!page}
          dataSource={page?.items ?? []}
          locale={{ emptyText: t('empty') }}
          pagination={{
            current: pageNo, pageSize: PAGE_SIZE, total: page?.total ?? 0, showSizeChanger: false,
            showTotal: (total) => t('total', { n: total }), onChange: (next) => change({ page: next }),
          }}
          columns={[
            { title: t('subject'), key: 'subject', render: (_, item) => <Link to={`/cases/${item.id}`}>{subjectOf(item)}</Link> },
            { title: t('receiptNo'), dataIndex: 'receiptNo', render: (no: string | null) => <span className="jz-mono">{no}</span> },
            { title: t('currentStep'), key: 'where', render: (_, item) => where(item) },
            { title: t('status'), key: 'status', render: (_, item) => statusTag(item) },
            { title: t('startedAt'), dataIndex: 'createdAt', render: (at: string) => isoMinute(at) },
          ]}
        />
      )}
    </section>
  );
}
