import { useCallback, useEffect, useState } from 'react';
import { Button, Input, List, Space, Typography } from 'antd';
import type { TaskCommentView } from '@shared/contract';
import { addTaskComment, listTaskComments } from '../api';
import { useErrorMessage, useT } from '../i18n';
import { messagesText } from '../i18n/messages';
import { useFeedback } from '../layout/useFeedback';
import { shortMinute } from '../i18n/dates';

/** The comments on a task, oldest first, and a box to add one (`/api/tasks/:id/comments`). */
export function CommentsThread({ taskId }: { taskId: string }) {
  const t = useT(messagesText);
  const errorMessage = useErrorMessage();
  const { message } = useFeedback();
  const [items, setItems] = useState<TaskCommentView[] | null>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    listTaskComments(taskId, controller.signal).then(setItems, () => undefined);
    return () => controller.abort();
  }, [taskId, version]);

  const send = () => {
    if (!text.trim()) return;
    setSending(true);
    addTaskComment(taskId, text.trim()).then(
      () => { setText(''); void message.success(t('commentAdded')); reload(); },
      (err: unknown) => void message.error(errorMessage(err)),
    ).finally(() => setSending(false));
  };

  return (
    <div className="jz-comments" data-testid="comments">
      <List
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: t('noComments') }}
        renderItem={(c) => (
          <List.Item data-testid="comment">
            <div>
              <Typography.Text strong>{c.author.displayName}</Typography.Text>{' '}
              <Typography.Text type="secondary"><time dateTime={c.createdAt}>{shortMinute(c.createdAt)}</time></Typography.Text>
              <div className="jz-comment-text">{c.text}</div>
            </div>
          </List.Item>
        )}
      />
      <Space.Compact block>
        <Input.TextArea
          aria-label={t('comments')}
          value={text}
          maxLength={2000}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('commentPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="primary" loading={sending} disabled={!text.trim()} onClick={send}>{t('addComment')}</Button>
      </Space.Compact>
    </div>
  );
}
