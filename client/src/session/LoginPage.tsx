import { useEffect, useState, type FormEvent } from 'react';
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

type Field = 'username' | 'password';

/**
 * The login page in plain HTML and CSS: it is the first page a village's weak connection has to
 * bring, so it loads no widget library (bench/client.mjs holds it to 150 KB of gzip).
 */
export default function LoginPage() {
  const t = useT(sessionText);
  const describe = useErrorMessage();
  const { status, login } = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = `${t('title')} · 精准扶贫 · 五华县`;
  }, [t]);

  if (status === 'authenticated') return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const problems: Partial<Record<Field, string>> = {};
    if (!username) problems.username = t('usernameRequired');
    if (!password) problems.password = t('passwordRequired');
    setMissing(problems);
    if (problems.username || problems.password) {
      document.getElementById(problems.username ? 'login-username' : 'login-password')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 401) setError(t('failed'));
      else if (cause instanceof ApiError && cause.status === 429) setError(t('tooMany'));
      else setError(describe(cause));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, type: string, autoComplete: string) => (
    <div className="jz-login-field">
      <label htmlFor={`login-${name}`}>{t(name)}</label>
      <input
        id={`login-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        autoFocus={name === 'username'}
        disabled={busy}
        aria-invalid={missing[name] ? true : undefined}
        aria-describedby={missing[name] ? `login-${name}-error` : undefined}
        onChange={() => missing[name] && setMissing((m) => ({ ...m, [name]: undefined }))}
      />
      {missing[name] && (
        <div id={`login-${name}-error`} className="jz-login-field-error">
          {missing[name]}
        </div>
      )}
    </div>
  );

  return (
    <main className="jz-login">
      <div className="jz-login-card">
        <div className="jz-login-head">
          <h1 tabIndex={-1}>{t('title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="jz-login-subtitle">{t('subtitle')}</p>
        {error && (
          <div role="alert" className="jz-login-error">
            {error}
          </div>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate>
          {field('username', 'text', 'username')}
          {field('password', 'password', 'current-password')}
          <button type="submit" className="jz-login-submit" disabled={busy} aria-busy={busy}>
            {t('submit')}
          </button>
        </form>
        <Link to="/notices" className="jz-login-public">
          {t('publicNotices')}
        </Link>
      </div>
    </main>
  );
}
