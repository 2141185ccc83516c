import { useState } from 'react';
import { Button, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { listAuditEvents, type AuditEvent } from '../../api/adminUsers';
import { useT } from '../../i18n';
import { auditText } from '../../i18n/admin';
import { ErrorState } from '../../layout/ErrorState';
import { PageTitle } from '../../layout/PageTitle';
import { useLoad } from '../shared/useLoad';
import { VerifyHistory } from './VerifyHistory';
import { looksLikeInstanceId, verifyText } from './verifyHistory';
import { isoMinute } from '../../i18n/dates';

const FILTERS = ['action', 'actor', 'target', 'from', 'to'] as const;

/**
 * `/admin/audit`: who did what and when — filters by action, user, target and date; details expand.
 * Above the trail, the check of a case's history chain (校验); a row whose target is a case checks it in one click.
 */
export default function AuditPage() {
  const t = useT(auditText);
  const tv = useT(verifyText);
  const [verify, setVerify] = useState<{ instanceId: string; n: number } | undefined>(undefined);
  const [params, setParams] = useSearchParams();
  const query: Record<string, string | number> = { page: Number(params.get('page') ?? 1) || 1 };
  for (const key of FILTERS) if (params.get(key)) query[key] = params.get(key)!;
  const events = useLoad(JSON.stringify(query), (signal) => listAuditEvents(query, signal));
  const [draft, setDraft] = useState({ action: params.get('action') ?? '', actor: params.get('actor') ?? '', target: params.get('target') ?? '' });
  const setQuery = (patch: Record<string, string>) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])), page: '1', ...patch })) if (v && !(k === 'page' && v === '1')) next[k] = v;
    setParams(next, { replace: true });
  };
  return (
    <section>
      <PageTitle>{t('title')}</PageTitle>
      <Typography.Title level={5}>{tv('heading')}</Typography.Title>
      <VerifyHistory request={verify} />
      <Space wrap className="jz-admin-gap">
        {(['action', 'actor', 'target'] as const).map((name) => (
          <Input.Search
            key={name}
            allowClear
            placeholder={t(name)}
            value={draft[name]}
            onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            onSearch={(value) => setQuery({ [name]: value.trim() })}
            style={{ width: 200 }}
            aria-label={t(name)}
          />
        ))}
        <DatePicker.RangePicker
          value={params.get('from') && params.get('to') ? [dayjs(params.get('from')), dayjs(params.get('to'))] : null}
          onChange={(range) => setQuery({ from: range?.[0]?.startOf('day').toISOString() ?? '', to: range?.[1]?.endOf('day').toISOString() ?? '' })}
        />
      </Space>
      {events.error ? (
        <ErrorState error={events.error} onRetry={events.reload} />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={events.loading}
          dataSource={events.data?.items ?? []}
          pagination={{ current: Number(query.page), pageSize: 50, total: events.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setQuery({ page: String(page) }) }}
          expandable={{ expandedRowRender: (event) => <pre className="jz-admin-logic">{JSON.stringify(event.details, null, 2)}</pre>, rowExpandable: (event) => event.details != null }}
          columns={[
            { title: t('at'), dataIndex: 'at', width: 170, render: (at: string) => isoMinute(at, { seconds: true }) },
            { title: t('actor'), render: (_, event) => (event.actor ? `${event.actor.username}` : '—') },
            { title: t('action'), dataIndex: 'action', render: (action: string) => <Tag>{action}</Tag> },
            { title: t('target'), dataIndex: 'target', render: (target: string | null) => (target ? <Typography.Text code>{target}</Typography.Text> : '—') },
            { title: t('reason'), dataIndex: 'reason' },
            {
              title: tv('verify'),
              width: 80,
              render: (_, event) => (looksLikeInstanceId(event.target) ? (
                <Button size="small" onClick={() => setVerify({ instanceId: event.target!.trim(), n: (verify?.n ?? 0) + 1 })}>{tv('verify')}</Button>
              ) : null),
            },
          ]}
        />
      )}
    </section>
  );
}
