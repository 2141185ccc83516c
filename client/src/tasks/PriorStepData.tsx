import type { FormSpec } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { getForm } from '../api';
import type { FormData } from '../forms';
import { DataView } from '../forms/DataView';
import { useErrorMessage, useT } from '../i18n';
import { tasksText } from '../i18n/tasks';
import { PageLoading } from '../layout/PageLoading';

/** What an earlier step submitted, labelled by that step's own form. */
export function PriorStepData({ formKey, data }: { formKey: string; data: FormData }) {
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
  return <DataView schema={form.schema} uiSchema={form.uiSchema} data={data} />;
}
