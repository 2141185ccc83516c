import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space } from 'antd';
import type { Colleague } from '@shared/contract';
import { listColleagues, reassignTask, urgeTask } from '../api';
import { useErrorMessage, useT } from '../i18n';
import { messagesText } from '../i18n/messages';
import { useFeedback } from '../layout/useFeedback';

/**
 * 转办 (for whoever may work the task: hand it to a colleague of the unit) and 催办 (for those
 * who follow the case but do not work it: a message to its workers, once an hour at most).
 */
export function HandoverActions({ taskId, canWork, onChanged }: { taskId: string; canWork: boolean; onChanged: () => void }) {
  const t = useT(messagesText);
  const errorMessage = useErrorMessage();
  const { message } = useFeedback();
  const [dialog, setDialog] = useState<'reassign' | 'urge' | null>(null);
  const [colleagues, setColleagues] = useState<Colleague[] | null>(null);
  const [to, setTo] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const openReassign = () => {
    setDialog('reassign');
    setColleagues(null);
    listColleagues(taskId).then(setColleagues, (err: unknown) => { setColleagues([]); void message.error(errorMessage(err)); });
  };
  const close = () => { setDialog(null); setTo(undefined); setNote(''); };
  const submit = () => {
    setBusy(true);
    const work = dialog === 'reassign'
      ? reassignTask(taskId, to ?? '', note).then(() => t('reassigned', { name: colleagues?.find((c) => c.id === to)?.displayName ?? '' }))
      : urgeTask(taskId, note).then(() => t('urged'));
    work.then(
      (done) => { void message.success(done); close(); onChanged(); },
      (err: unknown) => void message.error(errorMessage(err)),
    ).finally(() => setBusy(false));
  };

  return (
    <>
      <Space wrap>
        {canWork
          ? <Button onClick={openReassign} data-testid="reassign">{t('reassign')}</Button>
          : <Button onClick={() => setDialog('urge')} data-testid="urge">{t('urge')}</Button>}
      </Space>
      <Modal
        open={dialog !== null}
        title={dialog === 'reassign' ? t('reassignTitle') : t('urgeTitle')}
        okText={t('confirm')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: dialog === 'reassign' && !to }}
        onOk={submit}
        onCancel={close}
        destroyOnHidden
      >
        <Form layout="vertical">
          {dialog === 'reassign' && (
            <Form.Item label={t('reassignTo')} required help={colleagues?.length === 0 ? t('noColleagues') : undefined}>
              <Select
                aria-label={t('reassignTo')}
                loading={colleagues === null}
                value={to}
                onChange={setTo}
                placeholder={t('reassignToPlaceholder')}
                options={(colleagues ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.username}）` }))}
              />
            </Form.Item>
          )}
          <Form.Item label={dialog === 'reassign' ? t('reassignNote') : t('urgeNote')}>
            <Input.TextArea aria-label={dialog === 'reassign' ? t('reassignNote') : t('urgeNote')} value={note} maxLength={dialog === 'reassign' ? 2000 : 500} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
