import { useEffect, useRef } from 'react';
import { message } from 'antd';
import type { ToastRequest } from './FeedbackContext';

/**
 * Shows the toasts asked for through `useFeedback().message`, with the theme and language of the
 * ConfigProvider around it. Loaded with the first toast: no page needs Ant Design's message
 * component to draw itself.
 */
export default function MessageHost({ requests, onShown }: { requests: ToastRequest[]; onShown: (count: number) => void }) {
  const [api, holder] = message.useMessage();
  // An effect may run twice for the same requests (React's StrictMode): each is shown once.
  const shown = useRef(new WeakSet<ToastRequest>());
  useEffect(() => {
    if (requests.length === 0) return;
    for (const request of requests) {
      if (shown.current.has(request)) continue;
      shown.current.add(request);
      request.settle(api[request.kind](...request.args));
    }
    onShown(requests.length);
  }, [requests, api, onShown]);
  return holder;
}
