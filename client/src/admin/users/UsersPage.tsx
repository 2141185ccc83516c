import type { AdminUser } from '@shared/contract';
import { useState } from 'react';
import { Button, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { listUsers, updateUser } from '../../api/adminUsers';
import { useT } from '../../i18n';
import { usersText } from '../../i18n/admin';
import { ErrorState } from '../../layout/ErrorState';
import { PageTitle } from '../../layout/PageTitle';
import { useFeedback } from '../../layout/useFeedback';
import { ErrorAlert } from '../shared/ErrorAlert';
import { OrgUnitPicker } from '../shared/OrgUnitPicker';
import { useRoles } from '../shared/roles';
import { useLoad } from '../shared/useLoad';
import { UserDialog } from './UserDialog';
import { asCardColumns } from '../../layout/cardColumns';
import { isoDay } from '../../i18n/dates';

const PAGE_SIZE = 20;

/** `/admin/users`: search, create, disable, roles and org unit of every account. */
export default function UsersPage() {
  const t = useT(usersText);
  const { roleLabel, roleOptions } = useRoles();
  const { message } = useFeedback();
  const [params, setParams] = useSearchParams();
  const query = { q: params.get('q') ?? '', role: params.get('role') ?? '', orgUnitId: params.get('orgUnitId') ?? '', page: Number(params.get('page') ?? 1) || 1, pageSize: PAGE_SIZE };
  const users = useLoad(JSON.stringify(query), (signal) => listUsers(query, signal));
  const [editing, setEditing] = useState<AdminUser | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [search, setSearch] = useState(query.q);
  const setQuery = (patch: Record<string, string>) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries({ q: query.q, role: query.role, orgUnitId: query.orgUnitId, page: '1', ...patch })) if (v && !(k === 'page' && v === '1')) next[k] = v;
    setParams(next, { replace: true });
  };
  const toggle = async (user: AdminUser, disabled: boolean) => {
    setError(null);
    try {
      await updateUser(user.id, { disabled });
      message.success(disabled ? t('disabledDone', { name: user.username }) : t('enabledDone', { name: user.username }));
      users.reload();
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <section>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
            {t('newUser')}
          </Button>
        }
      >
        {t('title')}
      </PageTitle>
      <Space wrap className="jz-admin-gap">
        <Input.Search value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(q) => setQuery({ q })} placeholder={t('searchHint')} allowClear style={{ width: 280 }} />
        <div style={{ minWidth: 220 }}>
          <OrgUnitPicker allowClear placeholder={t('orgUnitFilter')} value={query.orgUnitId || undefined} onChange={(orgUnitId) => setQuery({ orgUnitId: orgUnitId ?? '' })} />
        </div>
        <Select allowClear placeholder={t('role')} value={query.role || undefined} options={roleOptions} onChange={(role?: string) => setQuery({ role: role ?? '' })} style={{ minWidth: 220 }} />
      </Space>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {users.error ? (
        <ErrorState error={users.error} onRetry={users.reload} />
      ) : (
        <Table<AdminUser>
          className="jz-card-table"
          rowKey="id"
          size="small"
          loading={users.loading}
          dataSource={users.data?.items ?? []}
          pagination={{ current: query.page, pageSize: PAGE_SIZE, total: users.data?.total ?? 0, onChange: (page) => setQuery({ page: String(page) }), showSizeChanger: false }}
          columns={asCardColumns<AdminUser>([
            { title: t('username'), dataIndex: 'username' },
            { title: t('displayName'), dataIndex: 'displayName' },
            { title: t('roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((role) => <Tag key={role}>{roleLabel(role)}</Tag>) },
            { title: t('orgUnit'), dataIndex: 'orgUnitName' },
            { title: t('createdAt'), dataIndex: 'createdAt', render: (at: string) => isoDay(at) },
            {
              title: t('enabled'),
              dataIndex: 'disabled',
              render: (disabled: boolean, user) => <Switch size="small" checked={!disabled} onChange={(on) => void toggle(user, !on)} aria-label={t('enabled')} />,
            },
            { title: '', render: (_, user) => <Button size="small" type="link" onClick={() => setEditing(user)}>{t('edit')}</Button> },
          ])}
        />
      )}
      {editing !== undefined && (
        <UserDialog
          user={editing}
          onClose={(changed) => {
            setEditing(undefined);
            if (changed) {
              message.success(t('saved'));
              users.reload();
            }
          }}
        />
      )}
    </section>
  );
}
