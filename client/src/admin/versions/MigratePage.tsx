import type { MigrationItem, MigrationResult } from '@shared/contract';
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { getDefinitionVersion, migrateInstances } from '../../api/adminDefinitions';
import { useLocalize, useT } from '../../i18n';
import { migrateText } from '../../i18n/admin';
import { ErrorState } from '../../layout/ErrorState';
import { PageTitle } from '../../layout/PageTitle';
import { useFeedback } from '../../layout/useFeedback';
import { listStates, type DocumentJson } from '../model';
import { ErrorAlert } from '../shared/ErrorAlert';
import { describeStateValue } from '../editor/stateValue';
import { useDefinition } from './useDefinition';
import { VersionSelect } from './VersionSelect';
import { isoDay } from '../../i18n/dates';

const STATUS_COLORS: Record<MigrationItem['status'], string> = { ok: 'blue', migrated: 'green', failed: 'red', skipped: 'default' };

async function statesOf(key: string, version: number): Promise<string[]> {
  const detail = await getDefinitionVersion(key, version);
  const doc = (detail.document ?? { key, title: key, machine: detail.machine }) as DocumentJson;
  return listStates(doc).map((s) => s.id);
}

/**
 * `/admin/definitions/:key/migrate`: moves running instances from one version to a published one.
 * Map the old states (same names are prefilled), dry-run to see what each instance would do, then run.
 */
export default function MigratePage() {
  const key = useParams().key ?? '';
  const t = useT(migrateText);
  const localize = useLocalize();
  const { message } = useFeedback();
  const definition = useDefinition(key);
  const versions = definition.data?.versions ?? [];
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [fromStates, setFromStates] = useState<string[]>([]);
  const [toStates, setToStates] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string | undefined>>({});
  const [result, setResult] = useState<MigrationResult | null>(null);
  const [dryRunOf, setDryRunOf] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'dry' | 'run' | null>(null);
  // After a dry run every instance is chosen; the admin may leave some out of the run.
  const [chosen, setChosen] = useState<string[]>([]);

  // Once the definition has loaded, offer the newest published version as the target and the one
  // before it as the source. Set while rendering, as React advises for state that follows loaded data.
  const [defaultsOf, setDefaultsOf] = useState<typeof definition.data>(undefined);
  if (definition.data && from === undefined && defaultsOf !== definition.data) {
    setDefaultsOf(definition.data);
    const published = [...versions].reverse().filter((v) => v.status === 'published');
    setTo(published[0]?.version);
    setFrom([...versions].reverse().find((v) => v.version !== published[0]?.version && v.status !== 'draft')?.version);
  }

  useEffect(() => {
    if (!from || !to) return;
    let cancelled = false;
    Promise.all([statesOf(key, from), statesOf(key, to)])
      .then(([old, next]) => {
        if (cancelled) return;
        setFromStates(old);
        setToStates(next);
        setMapping(Object.fromEntries(old.map((id) => [id, next.includes(id) ? id : undefined])));
        setResult(null);
        setDryRunOf(null);
      })
      .catch((cause: unknown) => !cancelled && setError(cause));
    return () => {
      cancelled = true;
    };
  }, [key, from, to]);

  const request = useMemo(
    () => ({ fromVersion: from ?? 0, toVersion: to ?? 0, mapping: Object.fromEntries(Object.entries(mapping).filter((entry): entry is [string, string] => Boolean(entry[1]))) }),
    [from, to, mapping],
  );
  const requestKey = JSON.stringify(request);
  const fieldErrors = error instanceof ApiError && error.code === 'unmapped_states' ? error.fields ?? {} : {};

  const go = async (dryRun: boolean) => {
    setBusy(dryRun ? 'dry' : 'run');
    setError(null);
    try {
      const answer = await migrateInstances(key, { ...request, dryRun, ...(dryRun ? {} : { instanceIds: chosen }) });
      setResult(answer);
      setDryRunOf(dryRun ? requestKey : null);
      if (dryRun) setChosen(answer.items.filter((item) => item.status === 'ok').map((item) => item.instanceId));
      if (!dryRun) {
        message.success(t('ran', { n: answer.items.filter((i) => i.status === 'migrated').length }));
        definition.reload();
      }
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  if (definition.error) return <ErrorState error={definition.error} onRetry={definition.reload} />;
  const unmapped = new Set([...(result?.unmapped ?? []), ...Object.keys(fieldErrors).map((p) => p.replace('/mapping/', ''))]);
  return (
    <section>
      <PageTitle>
        {t('title')} · {definition.data ? localize(definition.data.title) : key}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Space wrap>
        <VersionSelect versions={versions.filter((v) => v.status !== 'draft')} value={from} onChange={setFrom} label={t('from')} />→
        <VersionSelect versions={versions} onlyPublished value={to} onChange={setTo} label={t('to')} />
      </Space>
      {from && to && from === to && <Alert className="jz-admin-gap" type="warning" showIcon title={t('sameVersion')} />}
      <Table
        className="jz-admin-gap"
        size="small"
        rowKey="id"
        pagination={false}
        // States the new version lacks first: they are the ones to map.
        dataSource={[...fromStates].sort((a, b) => Number(toStates.includes(a)) - Number(toStates.includes(b)) || a.localeCompare(b)).map((id) => ({ id }))}
        columns={[
          { title: t('oldState'), dataIndex: 'id', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
          {
            title: t('newState'),
            render: (_, row) => (
              <Select
                allowClear
                showSearch
                style={{ minWidth: 260 }}
                status={unmapped.has(row.id) ? 'error' : undefined}
                value={mapping[row.id]}
                placeholder={t('chooseState')}
                options={toStates.map((id) => ({ value: id, label: id }))}
                onChange={(value?: string) => setMapping((current) => ({ ...current, [row.id]: value }))}
                aria-label={t('mappingFor', { state: row.id })}
              />
            ),
          },
          {
            title: '',
            render: (_, row) =>
              fieldErrors[`/mapping/${row.id}`]?.join('；') ?? (toStates.includes(row.id) ? null : <Tag color="warning">{t('notInTarget')}</Tag>),
          },
        ]}
      />
      <Space className="jz-admin-gap" wrap>
        <Button onClick={() => void go(true)} loading={busy === 'dry'} disabled={!from || !to || from === to}>
          {t('dryRun')}
        </Button>
        <Popconfirm title={t('runConfirm', { n: chosen.length, to: to ?? '' })} onConfirm={() => void go(false)} disabled={dryRunOf !== requestKey || chosen.length === 0}>
          <Button type="primary" danger loading={busy === 'run'} disabled={dryRunOf !== requestKey || chosen.length === 0}>
            {t('run')}
          </Button>
        </Popconfirm>
        {dryRunOf !== requestKey && <Typography.Text type="secondary">{t('dryRunFirst')}</Typography.Text>}
      </Space>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {result && (
        <>
          <Typography.Title level={4} className="jz-admin-gap">
            {result.dryRun ? t('dryRunResult', { n: result.items.length }) : t('runResult', { n: result.items.length })}
          </Typography.Title>
          <Table<MigrationItem>
            size="small"
            rowKey="instanceId"
            dataSource={result.items}
            rowSelection={
              result.dryRun
                ? { selectedRowKeys: chosen, onChange: (keys) => setChosen(keys.map(String)), getCheckboxProps: (item) => ({ disabled: item.status !== 'ok' }) }
                : undefined
            }
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            columns={[
              { title: t('instance'), dataIndex: 'instanceId', render: (id: string) => <Typography.Text code>{id.slice(0, 8)}</Typography.Text> },
              { title: t('orgUnit'), dataIndex: 'orgUnitId' },
              { title: t('move'), render: (_, item) => `${describeStateValue(item.fromState)} → ${describeStateValue(item.toState)}` },
              { title: t('closeTasks'), render: (_, item) => item.closeTasks.join(', ') || '—' },
              { title: t('openTasks'), render: (_, item) => item.openTasks.join(', ') || '—' },
              {
                title: t('timers'),
                render: (_, item) => [
                  ...item.cancelTimers.map((timer) => <Tag key={`c${timer}`}>− {timer.split('.').slice(-1)[0]}</Tag>),
                  ...item.scheduleTimers.map((timer) => (
                    <Tag key={`s${timer.eventType}`} color="purple">
                      + {isoDay(timer.fireAt)}
                    </Tag>
                  )),
                ],
              },
              { title: t('status'), render: (_, item) => <Tag color={STATUS_COLORS[item.status]}>{t(`itemStatus.${item.status}`)}</Tag> },
              { title: t('error'), dataIndex: 'error' },
            ]}
          />
        </>
      )}
    </section>
  );
}
