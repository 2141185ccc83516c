import { useMemo, type ReactNode } from 'react';
import { message, Modal } from 'antd';
import { FeedbackContext } from './FeedbackContext';

/**
 * Toasts and confirmations that follow the theme and language of the ConfigProvider around them.
 * Ant Design's `App` does the same but also brings the notification component, which nothing here
 * uses and every page would download.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [messageApi, messageHolder] = message.useMessage();
  const [modalApi, modalHolder] = Modal.useModal();
  const value = useMemo(() => ({ message: messageApi, modal: modalApi }), [messageApi, modalApi]);
  return (
    <FeedbackContext.Provider value={value}>
      {children}
      {messageHolder}
      {modalHolder}
    </FeedbackContext.Provider>
  );
}
