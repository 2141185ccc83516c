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
 * The order of every section's fields (`a,b,c|x,y`). rjsf compares a new schema with the one it
 * has by value, where key order does not count, so a schema whose fields were only reordered would
 * keep showing the old order: the preview remounts its form when this changes.
 */
export function fieldOrderKey(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  if (Array.isArray(node)) return node.map(fieldOrderKey).filter(Boolean).join('|');
  const record = node as Record<string, unknown>;
  const own = record.properties && typeof record.properties === 'object' ? Object.keys(record.properties).join(',') : '';
  const nested = Object.values(record).map(fieldOrderKey).filter(Boolean).join('|');
  return [own, nested].filter(Boolean).join('|');
}

/**
 * The form as clerks will see it, rendered by the same SchemaForm and shared validator as the task
 * page, re-rendered on every change, on a desktop's width or a 360 px phone's; it opens filled with
 * the form's example, can be filled in, checked as a submit checks it, and what is typed kept as the
 * example (`onUseAsExample`; a shared block keeps none, so its editor offers no such button).
 */
export function FormPreview({ parts, hasFields, onUseAsExample }: { parts: FormParts; hasFields: boolean; onUseAsExample?: (data: Record<string, unknown>) => void }) {
  const t = useT(formBuilderText);
  const tb = useT(builderText);
  const examples = Array.isArray(parts.schema.examples) ? (parts.schema.examples as Record<string, unknown>[]) : [];
  const [data, setData] = useState<Record<string, unknown>>(() => structuredClone(examples[0] ?? {}));
  const [width, setWidth] = useState<Width>('desktop');
  const resetKey = useMemo(() => JSON.stringify(parts), [parts]);
  const orderKey = useMemo(() => fieldOrderKey(parts.schema), [parts.schema]);
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
        {onUseAsExample && (
          <Button size="small" title={t('useAsExampleHint')} onClick={() => onUseAsExample(structuredClone(data))}>
            {t('useAsExample')}
          </Button>
        )}
      </Space>
      <div className={`jz-admin-preview-frame jz-admin-preview-${width}`} data-width={width}>
        {hasFields ? (
          <PreviewBoundary resetKey={resetKey} message={t('previewFailed')}>
            <SchemaForm key={orderKey} schema={parts.schema} uiSchema={parts.uiSchema} formData={data} onChange={setData} formRef={formRef} />
          </PreviewBoundary>
        ) : (
          <Empty description={t('noFields')} />
        )}
      </div>
    </div>
  );
}
