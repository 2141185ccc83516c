import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { createDefinition } from '../../api/adminDefinitions';
import { useT } from '../../i18n';
import { adminText } from '../../i18n/admin';
import { ErrorAlert } from '../shared/ErrorAlert';

interface Values {
  key: string;
  zh: string;
  en?: string;
}

/** A new process: its key and title; the server makes v1 a draft with a minimal machine. */
export function NewDefinitionDialog({ onClose }: { onClose: (created?: { key: string; version: number }) => void }) {
  const t = useT(adminText);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    // Invalid fields show their own messages; nothing to send yet.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const created = await createDefinition(values.key, { zh: values.zh, ...(values.en ? { en: values.en } : {}) });
      onClose({ key: created.key, version: created.version ?? 1 });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('newDefinition')} okText={t('create')} confirmLoading={busy} onOk={() => void submit()} onCancel={() => onClose()} forceRender>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="key" label={t('key')} extra={t('keyHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{1,62}$/, message: t('keyRule') }]}>
          <Input placeholder="household-relief" autoFocus />
        </Form.Item>
        <Form.Item name="zh" label={t('titleZh')} rules={[{ required: true, message: t('required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="en" label={t('titleEn')}>
          <Input />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
