import { lazy, Suspense, useCallback, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import type { ModalFuncProps } from 'antd';
import type { MessageType, TypeOpen } from 'antd/es/message/interface';
import { FeedbackContext, type ToastKind, type ToastRequest } from './FeedbackContext';

const ConfirmHost = lazy(() => import('./ConfirmHost'));
type MessageHostType = ComponentType<{ requests: ToastRequest[]; onShown: (count: number) => void }>;

/**
 * Toasts and confirmations that follow the theme and language of the ConfigProvider around them.
 * Ant Design's `App` does the same but also brings the notification component, which nothing here
 * uses and every page would download. The toast component and the confirmation dialog each load
 * when first asked for (the service worker installs both with the shell, so they work offline).
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [requests, setRequests] = useState<ModalFuncProps[]>([]);
  const [toasts, setToasts] = useState<ToastRequest[]>([]);
  // Once loaded, a host stays: its holder keeps what it opened.
  const [hosting, setHosting] = useState(false);
  // Not React.lazy: a load that failed (offline before the service worker had the chunk) is tried
  // again with the next toast, and the toasts asked for meanwhile wait for it.
  const [MessageHost, setMessageHost] = useState<MessageHostType | null>(null);
  const loading = useRef(false);
  const modal = useMemo(
    () => ({
      confirm: (config: ModalFuncProps) => {
        setHosting(true);
        setRequests((waiting) => [...waiting, config]);
      },
    }),
    [],
  );
  const message = useMemo(() => {
    const open =
      (kind: ToastKind): TypeOpen =>
      (...args) => {
        // Boxed: a promise resolved with Ant Design's handle would adopt it (it is a thenable) and wait for the close.
        let settle: (shown: MessageType) => void = () => undefined;
        const shown = new Promise<{ handle: MessageType }>((resolve) => {
          settle = (handle) => resolve({ handle });
        });
        if (!loading.current) {
          loading.current = true;
          import('./MessageHost').then(
            (loaded) => setMessageHost(() => loaded.default),
            () => {
              loading.current = false;
            },
          );
        }
        setToasts((waiting) => [...waiting, { kind, args, settle }]);
        // The same handle Ant Design gives: call it to close the toast, await it for when it closed.
        const close = () => void shown.then(({ handle }) => handle());
        const closed = shown.then(({ handle }) => new Promise<boolean>((resolve) => void handle.then(resolve)));
        return Object.assign(close, { then: closed.then.bind(closed) }) as MessageType;
      };
    return { info: open('info'), success: open('success'), error: open('error'), warning: open('warning') };
  }, []);
  const onShown = useCallback((count: number) => setRequests((waiting) => waiting.slice(count)), []);
  const onToasted = useCallback((count: number) => setToasts((waiting) => waiting.slice(count)), []);
  const value = useMemo(() => ({ message, modal }), [message, modal]);
  return (
    <FeedbackContext.Provider value={value}>
      {children}
      {MessageHost && <MessageHost requests={toasts} onShown={onToasted} />}
      {hosting && (
        <Suspense fallback={null}>
          <ConfirmHost requests={requests} onShown={onShown} />
        </Suspense>
      )}
    </FeedbackContext.Provider>
  );
}
