import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api';
import { useErrorMessage, useT } from '../i18n';
import { sessionText } from '../i18n/session';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { useSession } from './useSession';
import './login.css';

/** Only same-site paths may be a `next`, so a shared link cannot send a user elsewhere after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/inbox';
}

export default function LoginPage() {
  const t = useT(sessionText);
  const describe = useErrorMessage();
  const { status, login } = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (status === 'authenticated') return <Navigate to={next} replace />;

  const submit = async ({ username, password }: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 401) setError(t('failed'));
      else if (cause instanceof ApiError && cause.status === 429) setError(t('tooMany'));
      else setError(describe(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="jz-login">
      <div className="jz-login-card">
        <div className="jz-login-head">
          <h1>{t('title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="jz-muted">{t('subtitle')}</p>
        {error && <Alert type="error" title={error} showIcon className="jz-login-error" />}
        <Form layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('submit')}
          </Button>
        </Form>
        <Link to="/notices" className="jz-login-public">
          {t('publicNotices')}
        </Link>
      </div>
    </main>
  );
}
