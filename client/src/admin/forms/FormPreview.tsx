import { useMemo, useState } from 'react';
import { Button, Empty, Space, Typography } from 'antd';
import { SchemaForm } from '../../forms';
import { useT } from '../../i18n';
import { formBuilderText } from '../../i18n/admin';
import type { FormParts } from '../model';
import { PreviewBoundary } from '../shared/PreviewBoundary';

/**
 * The form as clerks will see it, rendered by the same SchemaForm and shared validator as the task
 * page, re-rendered on every change; the example can be filled in, and what is typed kept as the example.
 */
export function FormPreview({ parts, hasFields, onUseAsExample }: { parts: FormParts; hasFields: boolean; onUseAsExample: (data: Record<string, unknown>) => void }) {
  const t = useT(formBuilderText);
  const [data, setData] = useState<Record<string, unknown>>({});
  const resetKey = useMemo(() => JSON.stringify(parts), [parts]);
  const examples = Array.isArray(parts.schema.examples) ? (parts.schema.examples as Record<string, unknown>[]) : [];
  return (
    <div className="jz-admin-form-preview" data-testid="form-preview">
      <Space wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('preview')}
        </Typography.Title>
        <Button size="small" disabled={!examples.length} onClick={() => setData(structuredClone(examples[0] ?? {}))}>
          {t('fillExample')}
        </Button>
        <Button size="small" onClick={() => setData({})}>
          {t('clear')}
        </Button>
        <Button size="small" title={t('useAsExampleHint')} onClick={() => onUseAsExample(structuredClone(data))}>
          {t('useAsExample')}
        </Button>
      </Space>
      {hasFields ? (
        <PreviewBoundary resetKey={resetKey} message={t('previewFailed')}>
          <SchemaForm schema={parts.schema} uiSchema={parts.uiSchema} formData={data} onChange={setData} />
        </PreviewBoundary>
      ) : (
        <Empty description={t('noFields')} />
      )}
    </div>
  );
}
