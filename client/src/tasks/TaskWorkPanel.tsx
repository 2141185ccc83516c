import type { FormSpec } from '@shared/contract';
import { useRef, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApiError, type OutcomeView, type TaskView } from '../api';
import { SchemaForm, useLocalDraft, useTouched, type FormData, type SchemaFormHandle } from '../forms';
import { useErrorMessage, useLocalize, useT } from '../i18n';
import { tasksText } from '../i18n/tasks';
import { useFeedback } from '../layout/useFeedback';
import { OutcomeButtons } from './OutcomeButtons';
import { needsComment, needsValidForm } from './outcomeRules';
import { useCompleteTask } from './useCompleteTask';

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

  const change = (next: FormData) => {
    setData(next);
    if (touched.current) draft.save({ data: next, comment });
  };

  const run = async (outcome: OutcomeView, label: string) => {
    try {
      await complete(outcome, data, comment.trim());
      draft.clear();
      message.success(t('done', { label }));
      void navigate('/inbox');
    } catch (error) {
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
    setComment('');
  };

  return (
    <Card title={t('currentStep')} className="jz-work-panel">
      {showRestored && draft.found && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setShowRestored(false) }}
          title={t('draftRestored', { time: dayjs(draft.found.savedAt).format('YYYY-MM-DD HH:mm') })}
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
