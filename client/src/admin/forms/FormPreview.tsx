import { useMemo, useRef, useState } from 'react';
import { Button, Empty, Segmented, Space, Typography } from 'antd';
import { SchemaForm, type SchemaFormHandle } from '../../forms';
import { useT } from '../../i18n';
import { formBuilderText } from '../../i18n/admin';
import { builderText } from '../../i18n/formBuilder';
import type { FormParts } from '../model';
import { PreviewBoundary } from '../shared/PreviewBoundary';

type Width = 'desktop' | 'phone';

/**
 * The form as clerks will see it, rendered by the same SchemaForm and shared validator as the task
 * page, re-rendered on every change, on a desktop's width or a 360 px phone's; it opens filled with
 * the form's example, can be filled in, checked as a submit checks it, and what is typed kept as the example.
 */
export function FormPreview({ parts, hasFields, onUseAsExample }: { parts: FormParts; hasFields: boolean; onUseAsExample: (data: Record<string, unknown>) => void }) {
  const t = useT(formBuilderText);
  const tb = useT(builderText);
  const examples = Array.isArray(parts.schema.examples) ? (parts.schema.examples as Record<string, unknown>[]) : [];
  const [data, setData] = useState<Record<string, unknown>>(() => structuredClone(examples[0] ?? {}));
  const [width, setWidth] = useState<Width>('desktop');
  const resetKey = useMemo(() => JSON.stringify(parts), [parts]);
  const formRef = useRef<SchemaFormHandle>(null);
  return (
    <div className="jz-admin-form-preview" data-testid="form-preview">
      <Space wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('preview')}
        </Typography.Title>
        <Segmented<Width>
          size="small"
          aria-label={tb('previewWidth')}
          value={width}
          onChange={setWidth}
          options={[
            { value: 'desktop', label: tb('desktop') },
            { value: 'phone', label: `${tb('phone')} 360px` },
          ]}
        />
        <Button size="small" disabled={!examples.length} onClick={() => setData(structuredClone(examples[0] ?? {}))}>
          {t('fillExample')}
        </Button>
        <Button size="small" onClick={() => setData({})}>
          {t('clear')}
        </Button>
        <Button size="small" data-testid="preview-check" onClick={() => formRef.current?.validateForm()}>
          {tb('previewCheck')}
        </Button>
        <Button size="small" title={t('useAsExampleHint')} onClick={() => onUseAsExample(structuredClone(data))}>
          {t('useAsExample')}
        </Button>
      </Space>
      <div className={`jz-admin-preview-frame jz-admin-preview-${width}`} data-width={width}>
        {hasFields ? (
          <PreviewBoundary resetKey={resetKey} message={t('previewFailed')}>
            <SchemaForm schema={parts.schema} uiSchema={parts.uiSchema} formData={data} onChange={setData} formRef={formRef} />
          </PreviewBoundary>
        ) : (
          <Empty description={t('noFields')} />
        )}
      </div>
    </div>
  );
}
