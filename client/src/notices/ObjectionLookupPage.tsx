import type { ObjectionStatus } from '@shared/contract';
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError, lookUpObjection } from '../api';
import { useErrorMessage, useLocale, useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { AntdProvider } from '../layout/AntdProvider';
import './notices.css';
import { formatDay, formatDayTime } from '../i18n/dates';

interface LookupValues {
  receiptNo: string;
  phoneTail: string;
}

const NUMBER = /^\s*\d{6}-\d{4}-[Yy]\d{6}\s*$/;
const STATUS_COLOUR: Record<ObjectionStatus['status'], string> = { received: 'default', reviewing: 'processing', concluded: 'success', closed: 'default' };

/** `/objections/lookup`: anyone follows an objection with its number and the phone's last four digits. Public. */
export default function ObjectionLookupPage() {
  const t = useT(noticesText);
  const { locale } = useLocale();
  const describe = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [found, setFound] = useState<ObjectionStatus | null>(null);

  const submit = async (values: LookupValues) => {
    setBusy(true);
    setError(null);
    setFound(null);
    try {
      setFound(await lookUpObjection({ receiptNo: values.receiptNo.trim(), phoneTail: values.phoneTail.trim() }));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const when = (at: string) => formatDayTime(at, locale);
  return (
    <AntdProvider>
      <section className="jz-objection-lookup">
        <h1>{t('lookupTitle')}</h1>
        <p>{t('lookupIntro')}</p>
        <Card>
          <Form<LookupValues> layout="vertical" onFinish={(values) => void submit(values)} disabled={busy}>
            <Form.Item
              name="receiptNo"
              label={t('lookupNo')}
              rules={[{ required: true, whitespace: true, message: t('lookupNoRequired') }, { pattern: NUMBER, message: t('lookupNoInvalid') }]}
            >
              <Input maxLength={30} autoComplete="off" placeholder="441424-2026-Y000012" className="jz-mono" />
            </Form.Item>
            <Form.Item name="phoneTail" label={t('lookupTail')} rules={[{ required: true, pattern: /^\s*\d{4}\s*$/, message: t('lookupTailInvalid') }]}>
              <Input maxLength={4} inputMode="numeric" autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('lookupSubmit')}
            </Button>
          </Form>
        </Card>
        {error !== null && (
          // A miss is the server's own sentence (number and digits to check), not the generic "page not found".
          <Alert type="error" showIcon title={error instanceof ApiError && error.status === 404 ? error.message : describe(error)} />
        )}
        {found && (
          <Descriptions
            bordered
            size="small"
            column={1}
            data-testid="objection-status"
            items={[
              { key: 'no', label: t('receiptNo'), children: <span className="jz-mono">{found.receiptNo}</span> },
              { key: 'filed', label: t('lookupFiled'), children: when(found.filedAt) },
              {
                key: 'notice', label: t('receiptNotice'),
                children: <Link to={`/notices/${found.notice.id}`}>{`${found.notice.townName ?? ''}${found.notice.villageName ?? ''} ${found.notice.title}`}</Link>,
              },
              { key: 'status', label: t('lookupStatus'), children: <Tag color={STATUS_COLOUR[found.status]}>{t(`status_${found.status}`)}</Tag> },
              ...(found.dueAt ? [{ key: 'due', label: t('lookupDue'), children: formatDay(found.dueAt, locale) }] : []),
              ...(found.result
                ? [
                    { key: 'result', label: t('lookupResult'), children: <strong>{locale === 'en' ? found.result.labelEn : found.result.label}</strong> },
                    { key: 'resultAt', label: t('lookupResultAt'), children: when(found.result.at) },
                  ]
                : []),
            ]}
          />
        )}
      </section>
    </AntdProvider>
  );
}
