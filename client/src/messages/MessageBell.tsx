import { useEffect, useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { countUnread, onTasksSettled } from '../api';
import { useT } from '../i18n';
import { messagesText } from '../i18n/messages';

/**
 * The 消息 bell: the unread count, pushed live by the server (`GET /api/events`, server-sent
 * events; the browser reconnects by itself) and asked again when this browser completes tasks,
 * linking to the messages page.
 */
export function MessageBell() {
  const t = useT(messagesText);
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const source = new EventSource('/api/events');
    const onUnread = (event: MessageEvent<string>) => {
      const parsed = JSON.parse(event.data) as { unread?: unknown };
      if (typeof parsed.unread === 'number') setUnread(parsed.unread);
    };
    source.addEventListener('unread', onUnread);
    // A task this browser completed settles its messages (新的待办, 催办…): the stream does not say so, the count is asked again.
    let asking: AbortController | undefined;
    const stopListening = onTasksSettled(() => {
      asking?.abort();
      asking = new AbortController();
      countUnread(asking.signal).then(setUnread, () => undefined);
    });
    return () => {
      stopListening();
      asking?.abort();
      source.removeEventListener('unread', onUnread);
      source.close();
    };
  }, []);
  return (
    <Link to="/messages" className="jz-bell" data-testid="message-bell" data-unread={unread} aria-label={t('bellUnread', { n: unread })} title={t('bell')}>
      <BellOutlined aria-hidden className="jz-bell-icon" />
      {/* A plain count rather than antd's Badge: the bell is on every page, its scrolling digits are not worth 4 KB there. */}
      {unread > 0 && (
        <span className="jz-bell-count" aria-hidden>
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
