import { lazy, Suspense, useCallback, useMemo, useState, type ReactNode } from 'react';
import { message } from 'antd';
import type { ModalFuncProps } from 'antd';
import { FeedbackContext } from './FeedbackContext';

const ConfirmHost = lazy(() => import('./ConfirmHost'));

/**
 * Toasts and confirmations that follow the theme and language of the ConfigProvider around them.
 * Ant Design's `App` does the same but also brings the notification component, which nothing here
 * uses and every page would download. The confirmation dialog loads when first asked for.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [messageApi, messageHolder] = message.useMessage();
  const [requests, setRequests] = useState<ModalFuncProps[]>([]);
  // Once loaded, the host stays: its holder keeps the dialogs it opened.
  const [hosting, setHosting] = useState(false);
  const modal = useMemo(
    () => ({
      confirm: (config: ModalFuncProps) => {
        setHosting(true);
        setRequests((waiting) => [...waiting, config]);
      },
    }),
    [],
  );
  const onShown = useCallback((count: number) => setRequests((waiting) => waiting.slice(count)), []);
  const value = useMemo(() => ({ message: messageApi, modal }), [messageApi, modal]);
  return (
    <FeedbackContext.Provider value={value}>
      {children}
      {messageHolder}
      {hosting && (
        <Suspense fallback={null}>
          <ConfirmHost requests={requests} onShown={onShown} />
        </Suspense>
      )}
    </FeedbackContext.Provider>
  );
}
