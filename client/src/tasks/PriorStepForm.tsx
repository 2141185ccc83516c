import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { getForm, type FormSpec } from '../api';
import { SchemaForm, type FormData } from '../forms';
import { useErrorMessage, useT } from '../i18n';
import { tasksText } from '../i18n/tasks';
import { PageLoading } from '../layout/PageLoading';

/** What an earlier step submitted, shown in that step's own form, read-only. */
export function PriorStepForm({ formKey, data }: { formKey: string; data: FormData }) {
  const t = useT(tasksText);
  const describe = useErrorMessage();
  const [form, setForm] = useState<FormSpec | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    getForm(formKey, controller.signal)
      .then(setForm)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [formKey]);

  if (error) {
    return (
      <>
        <Alert type="warning" showIcon title={t('loadFormFailed', { message: describe(error) })} />
        <pre className="jz-raw-data">{JSON.stringify(data, null, 2)}</pre>
      </>
    );
  }
  if (!form) return <PageLoading />;
  return (
    <SchemaForm schema={form.schema} uiSchema={form.uiSchema} formData={data} readonly>
      <></>
    </SchemaForm>
  );
}
