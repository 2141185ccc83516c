import type { BatchResult } from '@shared/contract';
import { Alert } from 'antd';
import { useT } from '../i18n';
import { inboxText } from '../i18n/inbox';

/** The verdict for each task of a batch: failures first, with the server's reason. */
export function BatchResults({ results, titles }: { results: BatchResult[]; titles: Map<string, string> }) {
  const t = useT(inboxText);
  const okCount = results.filter((result) => result.ok).length;
  const ordered = [...results].sort((a, b) => Number(a.ok) - Number(b.ok));
  return (
    <>
      <Alert type={okCount === results.length ? 'success' : 'warning'} showIcon title={t('batchDone', { ok: okCount, failed: results.length - okCount })} />
      <ul className="jz-batch-results" aria-label={t('batchResult')}>
        {ordered.map((result) => (
          <li key={result.taskId}>
            <span>{titles.get(result.taskId) ?? result.taskId}</span>
            {result.ok ? (
              <span className="jz-chip jz-chip-success">{t('batchOk')}</span>
            ) : (
              <span className="jz-chip jz-chip-error">{result.error?.message ?? t('batchFailed')}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
