import type { AdminUser } from '@shared/contract';
import { useState } from 'react';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { createUser, updateUser } from '../../api/adminUsers';
import { ApiError } from '../../api';
import { useT } from '../../i18n';
import { usersText } from '../../i18n/admin';
import { ErrorAlert } from '../shared/ErrorAlert';
import { OrgUnitPicker } from '../shared/OrgUnitPicker';
import { useRoles } from '../shared/roles';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  roles: string[];
  orgUnitId: string;
  disabled?: boolean;
}

/** Creates a user, or changes one's name, roles, org unit, password or whether they may log in. */
export function UserDialog({ user, onClose }: { user: AdminUser | null; onClose: (changed: boolean) => void }) {
  const t = useT(usersText);
  const { roleOptions } = useRoles();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    // Invalid fields show their own messages; nothing to send yet.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      if (user) {
        await updateUser(user.id, {
          displayName: values.displayName,
          roles: values.roles,
          orgUnitId: values.orgUnitId,
          disabled: values.disabled,
          ...(values.password ? { password: values.password } : {}),
        });
      } else {
        await createUser({ username: values.username, displayName: values.displayName, password: values.password ?? '', roles: values.roles, orgUnitId: values.orgUnitId });
      }
      onClose(true);
    } catch (cause) {
      // Field messages go beside their inputs; the rest above the buttons.
      if (cause instanceof ApiError && cause.fields) {
        form.setFields(Object.entries(cause.fields).map(([pointer, errors]) => ({ name: pointer.replace(/^\//, '').split('/')[0] as keyof Values, errors })));
      }
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={user ? t('editUser', { name: user.username }) : t('newUser')} okText={t('save')} confirmLoading={busy} onOk={() => void submit()} onCancel={() => onClose(false)} forceRender>
      <Form
        form={form}
        layout="vertical"
        initialValues={user ? { username: user.username, displayName: user.displayName, roles: user.roles, orgUnitId: user.orgUnitId, disabled: user.disabled } : { roles: [] }}
      >
        <Form.Item name="username" label={t('username')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,39}$/, message: t('usernameRule') }]}>
          <Input disabled={Boolean(user)} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, message: t('requiredField') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={user ? t('newPassword') : t('password')} rules={[{ required: !user, min: 10, message: t('passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('roles')} rules={[{ required: true, type: 'array', min: 1, message: t('rolesRule') }]}>
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('orgUnit')} rules={[{ required: true, message: t('requiredField') }]}>
          <OrgUnitPicker />
        </Form.Item>
        {user && (
          <Form.Item name="disabled" label={t('disabled')} valuePropName="checked" extra={t('disableHint')}>
            <Switch />
          </Form.Item>
        )}
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
