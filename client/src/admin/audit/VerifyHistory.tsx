import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Input, Space } from 'antd';
import { useLocale, useT } from '../../i18n';
import { ErrorAlert } from '../shared/ErrorAlert';
import type { HistoryVerification } from '@shared/contract';
import { looksLikeInstanceId, verifyInstanceHistory, verifyText } from './verifyHistory';

/**
 * The inspector's check of one case's tamper-evident history: the server re-computes the hash
 * chain from the stored rows and compares its end with the case; the answer is shown as it is.
 * `request` (a case id and a counter) starts a check from outside, e.g. a row of the audit trail.
 */
export function VerifyHistory({ request }: { request?: { instanceId: string; n: number } }) {
  const t = useT(verifyText);
  const { locale } = useLocale();
  const [instanceId, setInstanceId] = useState('');
  const [result, setResult] = useState<{ instanceId: string; verification: HistoryVerification } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const current = useRef<AbortController | null>(null);

  /** Clears the last answer and says whether `id` is worth asking about (else shows why not). */
  const prepare = (id: string): boolean => {
    setResult(null);
    setError(null);
    if (!looksLikeInstanceId(id.trim())) {
      setError(new Error(t('badId')));
      return false;
    }
    setBusy(true);
    return true;
  };
  /** Asks the server, cancelling a check on its way; state changes only when the answer is in. */
  const verify = useCallback((id: string) => {
    const trimmed = id.trim();
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    verifyInstanceHistory(trimmed, controller.signal)
      .then((verification) => {
        if (!controller.signal.aborted) setResult({ instanceId: trimmed, verification });
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setBusy(false);
      });
  }, []);
  const run = (id: string) => {
    if (prepare(id)) verify(id);
  };

  // A check asked for from outside (a new request object): fill in the case and clear the last answer
  // while rendering, then ask the server in the effect below.
  const [seen, setSeen] = useState<typeof request>(undefined);
  if (seen !== request) {
    setSeen(request);
    if (request) {
      setInstanceId(request.instanceId);
      prepare(request.instanceId);
    }
  }
  useEffect(() => {
    if (request && looksLikeInstanceId(request.instanceId.trim())) verify(request.instanceId);
  }, [request, verify]);
  useEffect(() => () => current.current?.abort(), []);

  const v = result?.verification;
  return (
    <section className="jz-admin-gap" aria-label={t('heading')} data-testid="verify-history">
      <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
        <Input
          allowClear
          aria-label={t('placeholder')}
          placeholder={t('placeholder')}
          value={instanceId}
          onChange={(e) => setInstanceId(e.target.value)}
          onPressEnter={() => run(instanceId)}
        />
        <Button type="primary" loading={busy} onClick={() => run(instanceId)}>{t('verify')}</Button>
      </Space.Compact>
      {error ? <div style={{ marginTop: 8 }}><ErrorAlert error={error} onClose={() => setError(null)} /></div> : null}
      {v ? (
        <Alert
          style={{ marginTop: 8 }}
          role="status"
          showIcon
          type={v.ok ? 'success' : 'error'}
          title={v.ok ? t('intact', { n: v.events }) : t('broken')}
          description={v.ok ? result?.instanceId : (
            <>
              {v.brokenAt !== undefined ? `${t('brokenAt', { seq: v.brokenAt })} ` : ''}
              {v.reason ? (locale === 'en' ? v.reason.en : v.reason.zh) : ''}
              <div><code>{result?.instanceId}</code></div>
            </>
          )}
        />
      ) : null}
    </section>
  );
}
