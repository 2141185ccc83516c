import type { HouseholdQuery, HouseholdSummary, Page } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Button, Space, Table, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { householdExportUrl, listHouseholds } from '../api';
import { useLocale, useT } from '../i18n';
import { householdsText } from '../i18n/households';
import { ErrorState } from '../layout/ErrorState';
import { ExcelImportDialog } from '../layout/ExcelImportDialog';
import { useSession } from '../session/useSession';
import { HouseholdFilters } from './HouseholdFilters';
import { enumLabel, statusTag } from './householdOptions';
import './households.css';
import { asCardColumns } from '../layout/cardColumns';
import { isoDay } from '../i18n/dates';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['q', 'town', 'village', 'category', 'status', 'cause'] as const;
const IMPORT_ROLES = ['admin', 'county_reviewer'];
/** Roles that read and change the households' 帮扶责任人 (`/pairings`). */
const PAIRING_ROLES = ['town_reviewer', 'county_reviewer', 'admin'];

/** `/households`: the 建档立卡 registry with filters in the link, export and import. */
export default function HouseholdsPage() {
  const t = useT(householdsText);
  const { locale } = useLocale();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const query: HouseholdQuery = { page: Number(params.get('page') ?? 1) || 1, pageSize: PAGE_SIZE };
  for (const key of FILTER_KEYS) query[key] = params.get(key) ?? '';
  const queryKey = JSON.stringify(query);
  const [page, setPage] = useState<Page<HouseholdSummary> | null>(null);
  // The error of one request (query and retry count): another request shows none, derived while rendering.
  const [failure, setFailure] = useState<{ request: string; cause: unknown } | null>(null);
  const [importing, setImporting] = useState(false);
  const [generation, setGeneration] = useState(0);
  const request = JSON.stringify([queryKey, generation]);
  const error = failure?.request === request ? failure.cause : null;

  useEffect(() => {
    const controller = new AbortController();
    listHouseholds(JSON.parse(queryKey) as HouseholdQuery, controller.signal)
      .then(setPage)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setFailure({ request, cause });
      });
    return () => controller.abort();
  }, [queryKey, request]);

  const change = (next: Partial<HouseholdQuery>) => {
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...query, page: 1, pageSize: undefined, ...next })) {
      if (value !== undefined && value !== '' && !(key === 'page' && value === 1)) merged[key] = String(value);
    }
    setParams(merged, { replace: true });
  };

  return (
    <section>
      <div className="jz-page-title">
        <Typography.Title level={1}>{t('title')}</Typography.Title>
        <Space wrap>
          {/* One link styled as a button: a button inside a link is two nested controls for a screen reader. */}
          <Button icon={<DownloadOutlined aria-hidden />} href={householdExportUrl(query)} download>{t('export')}</Button>
          {user?.roles.some((role) => PAIRING_ROLES.includes(role)) && <Link to="/pairings">{t('pairings')}</Link>}
          {user?.roles.some((role) => IMPORT_ROLES.includes(role)) && (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              {t('import')}
            </Button>
          )}
        </Space>
      </div>
      <HouseholdFilters query={query} onChange={change} />
      {error ? (
        <ErrorState error={error} onRetry={() => setGeneration((n) => n + 1)} />
      ) : (
        <Table<HouseholdSummary>
          className="jz-card-table"
          rowKey="id"
          size="middle"
          loading={!page}
          dataSource={page?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: query.page,
            pageSize: PAGE_SIZE,
            total: page?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('total', { n: total }),
            onChange: (next) => change({ page: next }),
          }}
          columns={asCardColumns<HouseholdSummary>([
            { title: t('headName'), dataIndex: 'headName', render: (name: string, row) => <Link to={`/households/${row.id}`}>{name}</Link> },
            { title: t('idNumber'), dataIndex: 'headIdNumber', render: (id: string) => <span className="jz-mono">{id}</span> },
            { title: t('address'), render: (_, row) => `${row.townName} ${row.villageName}` },
            { title: t('size'), dataIndex: 'size', align: 'right' },
            { title: t('category'), dataIndex: 'category', render: (category: string) => enumLabel('householdCategory', category, locale) },
            { title: t('mainCause'), dataIndex: 'mainCause', render: (cause: string | null) => enumLabel('povertyCause', cause, locale) },
            { title: t('status'), dataIndex: 'status', render: (status: string) => statusTag(status, locale).label },
            { title: t('registeredAt'), dataIndex: 'registeredAt', render: (at: string) => isoDay(at) },
          ])}
        />
      )}
      {importing && (
        <ExcelImportDialog
          path="/households/import"
          title={t('importTitle')}
          hint={t('importHint')}
          fileStem="建档立卡导入"
          onClose={(imported) => {
            setImporting(false);
            if (imported) setGeneration((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
