import { useEffect, useRef } from 'react';
import { Modal } from 'antd';
import type { ModalFuncProps } from 'antd';

/**
 * Shows the confirmations asked for through `useFeedback().modal.confirm`, with the theme and language
 * of the ConfigProvider around it. Loaded with the first confirmation: Ant Design's Modal (with its
 * skeleton and buttons) is not needed to draw any page.
 */
export default function ConfirmHost({ requests, onShown }: { requests: ModalFuncProps[]; onShown: (count: number) => void }) {
  const [modal, holder] = Modal.useModal();
  // An effect may run twice for the same requests (React's StrictMode): each is shown once.
  const shown = useRef(new WeakSet<ModalFuncProps>());
  useEffect(() => {
    if (requests.length === 0) return;
    for (const request of requests) {
      if (shown.current.has(request)) continue;
      shown.current.add(request);
      modal.confirm(request);
    }
    onShown(requests.length);
  }, [requests, modal, onShown]);
  return holder;
}
