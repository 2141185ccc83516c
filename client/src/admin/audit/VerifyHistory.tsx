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

  const run = useCallback(async (id: string) => {
    const trimmed = id.trim();
    setResult(null);
    setError(null);
    if (!looksLikeInstanceId(trimmed)) {
      setError(new Error(t('badId')));
      return;
    }
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setBusy(true);
    try {
      const verification = await verifyInstanceHistory(trimmed, controller.signal);
      if (!controller.signal.aborted) setResult({ instanceId: trimmed, verification });
    } catch (err) {
      if (!controller.signal.aborted) setError(err);
    } finally {
      if (!controller.signal.aborted) setBusy(false);
    }
  }, [t]);

  useEffect(() => {
    if (!request) return;
    setInstanceId(request.instanceId);
    void run(request.instanceId);
  }, [request, run]);
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
          onPressEnter={() => void run(instanceId)}
        />
        <Button type="primary" loading={busy} onClick={() => void run(instanceId)}>{t('verify')}</Button>
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
