import type { FormSpec } from '@shared/contract';
import { useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApiError, type OutcomeView, type TaskView } from '../api';
import { fillDeclared, overlay, SchemaForm, useFillValues, useLocalDraft, useTouched, type FormData, type SchemaFormHandle } from '../forms';
import { useErrorMessage, useLocalize, useT } from '../i18n';
import { tasksText } from '../i18n/tasks';
import { useFeedback } from '../layout/useFeedback';
import { offlineText } from '../i18n/offline';
import { newIdempotencyKey, queueCompletion } from '../offline';
import { useSession } from '../session/useSession';
import { OutcomeButtons } from './OutcomeButtons';
import { needsComment, needsValidForm } from './outcomeRules';
import { useCompleteTask } from './useCompleteTask';
import { isoMinute } from '../i18n/dates';

interface TaskWorkPanelProps {
  task: TaskView;
  form: FormSpec;
}

interface TaskDraft {
  data: FormData;
  comment: string;
}

/** The current step's form, the comment and the outcome buttons; every keystroke is kept as a draft. */
export function TaskWorkPanel({ task, form }: TaskWorkPanelProps) {
  const t = useT(tasksText);
  const to = useT(offlineText);
  const { user } = useSession();
  const localize = useLocalize();
  const describe = useErrorMessage();
  const { message, modal } = useFeedback();
  const navigate = useNavigate();
  const draft = useLocalDraft<TaskDraft>(`jz.draft.task.${task.id}`);
  const [data, setData] = useState<FormData>(() => draft.found?.value.data ?? {});
  const [comment, setComment] = useState(() => draft.found?.value.comment ?? '');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [showRestored, setShowRestored] = useState(draft.found !== null);
  const formRef = useRef<SchemaFormHandle>(null);
  const { busy, extraErrors, complete } = useCompleteTask(task);
  const { touched, handlers } = useTouched();
  const fills = useFillValues();
  // A step opens with what its definition carries forward (task.prefill, over the form's defaults) and the
  // fields its form fills itself (reviewer, today's date by the server); a restored draft is the user's own and wins.
  const [seeded, setSeeded] = useState(draft.found !== null);
  if (!seeded && fills) {
    setSeeded(true);
    setData((current) => fillDeclared(form.schema, overlay(current, task.prefill ?? {}), fills));
  }

  const change = (next: FormData) => {
    setData(next);
    if (touched.current) draft.save({ data: next, comment });
  };

  /** Without a network the completion waits in the device's queue, with this attempt's key. */
  const keepForLater = async (outcome: OutcomeView, label: string, key: string) => {
    if (!user) return;
    await queueCompletion({
      username: user.username,
      label: to('completionLabel', { title: task.subject?.text ? `${localize(task.title)}（${task.subject.text}）` : localize(task.title), outcome: label }),
      taskId: task.id,
      outcome: outcome.event,
      outcomeLabel: label,
      data,
      comment: comment.trim(),
      completeKey: key,
    });
    draft.clear();
    message.info(to('queuedCompletion'));
    void navigate('/inbox');
  };

  const run = async (outcome: OutcomeView, label: string) => {
    const key = newIdempotencyKey();
    if (!navigator.onLine) {
      await keepForLater(outcome, label, key);
      return;
    }
    try {
      await complete(outcome, data, comment.trim(), key);
      draft.clear();
      message.success(t('done', { label }));
      void navigate('/inbox');
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) {
        await keepForLater(outcome, label, key);
        return;
      }
      message.error(error instanceof ApiError && error.fields ? t('fixErrors') : describe(error));
    }
  };

  const choose = (outcome: OutcomeView, index: number) => {
    const label = localize(outcome.label);
    if (needsComment(outcome, index) && !comment.trim()) {
      setCommentError(t('commentRequired', { label }));
      document.getElementById('task-comment')?.focus();
      return;
    }
    if (needsValidForm(outcome, index) && formRef.current && !formRef.current.validateForm()) {
      message.warning(t('fixErrors'));
      return;
    }
    modal.confirm({
      title: t('confirmTitle', { label }),
      content: t('confirmBody'),
      okText: t('confirm'),
      cancelText: t('cancel'),
      okButtonProps: { danger: outcome.kind === 'reject' },
      onOk: () => run(outcome, label),
    });
  };

  const discardDraft = () => {
    draft.clear();
    setShowRestored(false);
    setData({});
    setSeeded(false);
    setComment('');
  };

  return (
    <Card title={t('currentStep')} className="jz-work-panel">
      {showRestored && draft.found && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setShowRestored(false) }}
          title={t('draftRestored', { time: isoMinute(draft.found.savedAt) })}
          action={<Button size="small" onClick={discardDraft}>{t('discardDraft')}</Button>}
        />
      )}
      {task.status === 'open' && <Alert type="warning" showIcon title={t('claimFirst')} />}
      <div {...handlers}>
        <SchemaForm
          schema={form.schema}
          uiSchema={form.uiSchema}
          formData={data}
          onChange={change}
          extraErrors={extraErrors}
          formRef={formRef}
        />
      </div>
      <Form layout="vertical">
        <Form.Item label={t('comment')} validateStatus={commentError ? 'error' : undefined} help={commentError}>
          <Input.TextArea
            id="task-comment"
            value={comment}
            placeholder={t('commentPlaceholder')}
            autoSize={{ minRows: 3 }}
            maxLength={2000}
            showCount
            onChange={(event) => {
              setComment(event.target.value);
              setCommentError(null);
              draft.save({ data, comment: event.target.value });
            }}
          />
        </Form.Item>
        <OutcomeButtons outcomes={task.outcomes} busy={busy} onChoose={choose} />
      </Form>
    </Card>
  );
}
