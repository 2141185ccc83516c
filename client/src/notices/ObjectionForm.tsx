import type { Notice, ObjectionAnswer } from '@shared/contract';
import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { Link } from 'react-router-dom';
import { isPhone } from '@shared/forms';
import { fileObjection } from '../api';
import { useErrorMessage, useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { ObjectionReceipt } from './ObjectionReceipt';

interface ObjectionValues {
  content: string;
  name?: string;
  phone?: string;
}

/** Anyone may object while a notice runs, anonymously if they wish (DOMAIN.md, process 1 step 4). */
export function ObjectionForm({ notice }: { notice: Notice }) {
  const noticeId = notice.id;
  const open = notice.status === 'open';
  const t = useT(noticesText);
  const describe = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<{ answer: ObjectionAnswer; content: string } | null>(null);

  if (sent) return <ObjectionReceipt answer={sent.answer} notice={notice} content={sent.content} />;
  if (!open) return <Alert type="info" showIcon title={t('objectionClosed')} className="jz-no-print" />;

  // Optional, but when given it must be reachable: a mobile number or a landline with its area code.
  const checkPhone = async (value?: string) => {
    if (value?.trim() && !isPhone(value.trim())) throw new Error(t('objectionPhoneInvalid'));
  };

  const submit = async ({ content, name, phone }: ObjectionValues) => {
    setBusy(true);
    setError(null);
    // Without a name and phone the objection is anonymous, which the notice rules allow.
    try {
      const answer = await fileObjection(noticeId, { content: content.trim(), name: name?.trim() || undefined, phone: phone?.trim() || undefined });
      setSent({ answer, content: content.trim() });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('objectionTitle')} className="jz-objection jz-no-print">
      <p>{t('objectionIntro')}</p>
      <p>
        <Link to="/objections/lookup">{t('lookupLink')}</Link>
      </p>
      {error !== null && <Alert type="error" showIcon title={describe(error)} />}
      <Form<ObjectionValues> layout="vertical" onFinish={(values) => void submit(values)} disabled={busy}>
        <Form.Item name="content" label={t('objectionContent')} rules={[{ required: true, whitespace: true, message: t('objectionContentRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="name" label={t('objectionName')}>
          <Input maxLength={30} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('objectionPhone')}
          rules={[{ validator: async (_, value?: string) => checkPhone(value) }]}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('objectionSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
