import { useSyncExternalStore } from 'react';
import { useT } from '../i18n';
import { shellText } from '../i18n/shell';

const subscribe = (changed: () => void) => {
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
};

/** Whether the browser believes it has a network: `navigator.onLine` and its events. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
}

/**
 * A banner while the device is offline, so a refresh that cannot load is not mistaken for an empty
 * list, and the user knows what they type is kept (the forms' local drafts) until the network is back.
 */
export function OfflineBanner() {
  const t = useT(shellText);
  const online = useOnline();
  if (online) return null;
  return (
    <div className="jz-offline-banner" role="status">
      {t('offline')}
    </div>
  );
}
