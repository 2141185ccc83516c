import type { DefinitionSummary, VersionSummary } from '@shared/contract';
import { lazy, Suspense, useState } from 'react';
import { Button, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { createDraft, listDefinitions } from '../../api/adminDefinitions';
import { useLocalize, useT } from '../../i18n';
import { adminText } from '../../i18n/admin';
import { ErrorState } from '../../layout/ErrorState';
import { PageLoading } from '../../layout/PageLoading';
import { PageTitle } from '../../layout/PageTitle';
import { useFeedback } from '../../layout/useFeedback';
import { ErrorAlert } from '../shared/ErrorAlert';
import { StatusTag } from '../shared/StatusTag';
import { useLoad } from '../shared/useLoad';
import { asCardColumns } from '../../layout/cardColumns';
import { isoMinute } from '../../i18n/dates';

// The dialog (a form in a modal) loads when someone starts a new process, not with the list.
const NewDefinitionDialog = lazy(() => import('./NewDefinitionDialog').then((m) => ({ default: m.NewDefinitionDialog })));

const formatTime = (iso: string | null | undefined) => (iso ? isoMinute(iso) : '—');

/** `/admin/definitions`: every process with its versions, their status and running instances. */
export default function DefinitionsPage() {
  const t = useT(adminText);
  const localize = useLocalize();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const definitions = useLoad('definitions', listDefinitions);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const openDraft = async (key: string, fromVersion?: number) => {
    setBusy(`${key}:${fromVersion ?? ''}`);
    setError(null);
    try {
      const draft = await createDraft(key, fromVersion);
      message.success(t('draftOpened', { version: draft.version }));
      void navigate(`/admin/definitions/${encodeURIComponent(key)}/versions/${draft.version}`);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  const versionColumns = (definition: DefinitionSummary) => [
    { title: t('version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
    { title: t('status'), dataIndex: 'status', width: 100, render: (_: unknown, row: VersionSummary) => <StatusTag status={row.status} /> },
    { title: t('runningInstances'), dataIndex: 'runningInstances', width: 120, render: (n?: number) => n ?? '—' },
    { title: t('createdAt'), dataIndex: 'createdAt', width: 160, render: formatTime },
    { title: t('publishedAt'), dataIndex: 'publishedAt', width: 160, render: formatTime },
    {
      title: t('actions'),
      render: (_: unknown, row: VersionSummary) => {
        const path = `/admin/definitions/${encodeURIComponent(definition.key)}`;
        return (
          <Space wrap size="small">
            <Link to={`${path}/versions/${row.version}`}>{row.status === 'draft' ? t('editDraft') : t('view')}</Link>
            {row.status !== 'draft' && (
              <Button size="small" type="link" loading={busy === `${definition.key}:${row.version}`} onClick={() => void openDraft(definition.key, row.version)}>
                {t('editAsDraft')}
              </Button>
            )}
            {definition.versions.length > 1 && <Link to={`${path}/diff?to=${row.version}`}>{t('diff')}</Link>}
          </Space>
        );
      },
    },
  ];

  return (
    <section>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('newDefinition')}
          </Button>
        }
      >
        {t('definitionsTitle')}
      </PageTitle>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {definitions.error ? (
        <ErrorState error={definitions.error} onRetry={definitions.reload} />
      ) : !definitions.data ? (
        <PageLoading />
      ) : (
        <Table<DefinitionSummary>
          className="jz-card-table"
          rowKey="key"
          loading={definitions.loading}
          dataSource={definitions.data}
          pagination={false}
          expandable={{
            // Rendered once the list is there, so every definition opens with its versions shown.
            defaultExpandAllRows: true,
            expandedRowRender: (definition) => (
              <Table<VersionSummary>
                className="jz-card-table"
                size="small"
                rowKey="version"
                pagination={false}
                dataSource={[...definition.versions].reverse()}
                columns={asCardColumns(versionColumns(definition))}
              />
            ),
          }}
          columns={asCardColumns<DefinitionSummary>([
            { title: t('key'), dataIndex: 'key', render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
            { title: t('definitionTitle'), dataIndex: 'title', render: (title) => localize(title) },
            {
              title: t('currentVersion'),
              dataIndex: 'currentVersion',
              render: (v: number | null) => (v ? `v${v}` : '—'),
            },
            {
              title: t('runningInstances'),
              render: (_, row) => row.versions.reduce((sum, v) => sum + (v.runningInstances ?? 0), 0),
            },
            {
              title: t('actions'),
              render: (_, row) => {
                const draft = row.versions.find((v) => v.status === 'draft');
                return (
                  <Space wrap size="small">
                    {draft ? (
                      <Link to={`/admin/definitions/${encodeURIComponent(row.key)}/versions/${draft.version}`}>{t('editDraft')}</Link>
                    ) : (
                      <Button size="small" loading={busy === `${row.key}:`} onClick={() => void openDraft(row.key)}>
                        {t('newDraft')}
                      </Button>
                    )}
                    <Link to={`/admin/definitions/${encodeURIComponent(row.key)}/migrate`}>{t('migrate')}</Link>
                  </Space>
                );
              },
            },
          ])}
        />
      )}
      {creating && (
        <Suspense fallback={null}>
          <NewDefinitionDialog
            onClose={(created) => {
              setCreating(false);
              if (created) void navigate(`/admin/definitions/${encodeURIComponent(created.key)}/versions/${created.version}`);
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
