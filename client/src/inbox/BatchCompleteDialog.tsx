import type { BatchResult, FormSpec } from '@shared/contract';
import { useRef, useState } from 'react';
import { Alert, Input, Modal } from 'antd';
import { batchComplete, type TaskView } from '../api';
import { useErrorMessage, useLocalize, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { SchemaForm, type SchemaFormHandle } from '../forms/SchemaForm';
import { BatchResults } from './BatchResults';
import { forwardOutcome } from './forwardOutcome';

interface BatchCompleteDialogProps {
  tasks: TaskView[];
  /** The step's form, filled once for every task, when the definition allows a shared form. */
  form?: FormSpec;
  onClose: (completedIds: string[]) => void;
}

/**
 * Approves a roster in one go. The server completes each task on its own, so the answer is a
 * result per task and the dialog shows which ones did not go through and why.
 */
export function BatchCompleteDialog({ tasks, form, onClose }: BatchCompleteDialogProps) {
  const t = useT(inboxText);
  const localize = useLocalize();
  const describe = useErrorMessage();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [results, setResults] = useState<BatchResult[] | null>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const formRef = useRef<SchemaFormHandle>(null);
  const outcome = forwardOutcome(tasks[0]);
  const label = localize(outcome?.label);
  const titles = new Map(tasks.map((task) => [task.id, task.subject?.text ?? `${localize(task.title)} · ${task.orgUnitName ?? task.instanceId}`]));

  const submit = async () => {
    if (!outcome) return;
    // The shared form is checked once here, as the server will check it for each task.
    if (form && formRef.current && !formRef.current.validateForm()) return;
    setBusy(true);
    setError(null);
    try {
      setResults(await batchComplete(tasks.map((task) => task.id), outcome.event, comment.trim(), form ? data : undefined));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const close = () => onClose(results?.filter((result) => result.ok).map((result) => result.taskId) ?? []);

  return (
    <Modal
      open
      title={t('batchTitle', { label })}
      onCancel={close}
      onOk={results ? close : submit}
      okText={results ? t('close') : t('batchSubmit')}
      confirmLoading={busy}
      cancelButtonProps={{ style: results ? { display: 'none' } : undefined }}
      width={640}
    >
      {results ? (
        <BatchResults results={results} titles={titles} />
      ) : (
        <>
          <p>{t('batchIntro', { n: tasks.length, label })}</p>
          <ol className="jz-batch-subjects" data-testid="batch-subjects">
            {tasks.map((task) => (
              <li key={task.id}>
                {titles.get(task.id)}
                {task.receiptNo && <span className="jz-muted jz-mono"> {task.receiptNo}</span>}
              </li>
            ))}
          </ol>
          {error !== null && <Alert type="error" title={describe(error)} showIcon />}
          {form && (
            <div className="jz-batch-form" data-testid="batch-form">
              <p className="jz-muted">{t('batchSharedForm')}</p>
              <SchemaForm schema={form.schema} uiSchema={form.uiSchema} formData={data} onChange={setData} formRef={formRef} />
            </div>
          )}
          <Input.TextArea
            aria-label={t('batchComment')}
            placeholder={t('batchCommentPlaceholder')}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            autoSize={{ minRows: 3 }}
            maxLength={1000}
            showCount
          />
        </>
      )}
    </Modal>
  );
}
