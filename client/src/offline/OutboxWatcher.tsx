import { lazy, Suspense, useCallback } from 'react';
import { useT } from '../i18n';
import { offlineStatusText } from '../i18n/offline';
import { useFeedback } from '../layout/useFeedback';
import { useSession } from '../session/useSession';
import type { FlushResult } from './flushOutbox';
import { useOutbox } from './useOutbox';

const OutboxPanel = lazy(() => import('./OutboxPanel'));

/**
 * On every logged-in page: sends the user's queued submissions when the network is back, says how
 * it went, and shows the list of what waits while anything does (its own chunk: most days nothing waits).
 */
export function OutboxWatcher() {
  const t = useT(offlineStatusText);
  const { user } = useSession();
  const { message } = useFeedback();
  const report = useCallback((result: FlushResult) => {
    if (result.delivered.length) void message.success(t('delivered', { count: result.delivered.length }));
    if (result.refused.length) void message.error(t('refused', { count: result.refused.length }));
  }, [message, t]);
  const outbox = useOutbox(user?.username, report);
  if (!outbox.entries.length) return null;
  return (
    <Suspense fallback={null}>
      <OutboxPanel outbox={outbox} />
    </Suspense>
  );
}
