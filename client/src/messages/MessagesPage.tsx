import { useCallback, useEffect, useState } from 'react';
import { Button, Grid, List, Segmented, Space, Tag, Typography } from 'antd';
import type { Message, MessagePage } from '@shared/contract';
import { Link, useNavigate } from 'react-router-dom';
import { listMessages, markAllMessagesRead, markMessageRead } from '../api';
import { useErrorMessage, useT } from '../i18n';
import { messagesText } from '../i18n/messages';
import { ErrorState } from '../layout/ErrorState';
import { useFeedback } from '../layout/useFeedback';
import { isoMinute } from '../i18n/dates';

/** `/messages`: the user's messages, newest first, unread ones marked; each leads to its task. */
export default function MessagesPage() {
  const t = useT(messagesText);
  const phone = Grid.useBreakpoint().md === false;
  const errorMessage = useErrorMessage();
  const { message } = useFeedback();
  const navigate = useNavigate();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [page, setPage] = useState<MessagePage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    listMessages({ unread: onlyUnread }, controller.signal).then(
      (answer) => { setPage(answer); setError(null); },
      (err: unknown) => { if (!controller.signal.aborted) setError(err); },
    );
    return () => controller.abort();
  }, [onlyUnread, version]);

  const act = (work: Promise<unknown>) => work.then(reload, (err: unknown) => message.error(errorMessage(err)));
  const open = (item: Message) => {
    const go = () => { if (item.taskId) void navigate(`/tasks/${item.taskId}`); };
    if (item.readAt) go();
    else void markMessageRead(item.id).then(go, (err: unknown) => message.error(errorMessage(err)));
  };

  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <section className="jz-messages-page">
      <div className="jz-page-title">
        <Typography.Title level={1}>{t('title')}</Typography.Title>
        <Space wrap>
          <Segmented
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(value) => setOnlyUnread(value === 'unread')}
            options={[{ value: 'all', label: t('all') }, { value: 'unread', label: `${t('unread')}${page ? ` (${page.unread})` : ''}` }]}
          />
          <Button onClick={() => void act(markAllMessagesRead())} disabled={!page?.unread}>{t('markAllRead')}</Button>
        </Space>
      </div>
      <List
        // On a phone the actions go under the message, so its title keeps the screen's width.
        itemLayout={phone ? 'vertical' : 'horizontal'}
        loading={!page}
        dataSource={page?.items ?? []}
        locale={{ emptyText: t('empty') }}
        renderItem={(item) => (
          <List.Item
            className={item.readAt ? 'jz-message' : 'jz-message jz-message-unread'}
            data-testid="message"
            data-kind={item.kind}
            actions={[
              ...(item.taskId ? [<Button key="open" type="link" onClick={() => open(item)}>{t('openTask')}</Button>] : []),
              ...(item.readAt ? [] : [<Button key="read" type="link" onClick={() => void act(markMessageRead(item.id))}>{t('markRead')}</Button>]),
            ]}
          >
            <List.Item.Meta
              title={(
                <Space wrap size={4}>
                  {!item.readAt && <Tag color="blue">{t('unread')}</Tag>}
                  {item.taskId ? <Link to={`/tasks/${item.taskId}`} onClick={(e) => { e.preventDefault(); open(item); }}>{item.title}</Link> : item.title}
                </Space>
              )}
              description={(
                <>
                  {item.body && <div>{item.body}</div>}
                  <time dateTime={item.createdAt}>{isoMinute(item.createdAt)}</time>
                </>
              )}
            />
          </List.Item>
        )}
      />
    </section>
  );
}
