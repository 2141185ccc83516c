import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { formBuilderText } from '../../i18n/admin';
import type { BuilderFieldType, EnumOption, FieldSpec } from '../model';

const TYPES: BuilderFieldType[] = ['string', 'textarea', 'number', 'integer', 'boolean', 'date', 'enum'];

interface Props {
  initial: FieldSpec;
  /** Other fields, for "shown only when". */
  others: FieldSpec[];
  isNew: boolean;
  onSave: (spec: FieldSpec) => void;
  onCancel: () => void;
}

/** One field: name, labels in both languages, type, choices with Chinese labels, required, shown-when. */
export function FieldEditor({ initial, others, isNew, onSave, onCancel }: Props) {
  const t = useT(formBuilderText);
  const [spec, setSpec] = useState<FieldSpec>(initial);
  const set = (patch: Partial<FieldSpec>) => setSpec((current) => ({ ...current, ...patch }));
  const setOption = (index: number, patch: Partial<EnumOption> | null) => {
    const options = [...spec.options];
    if (patch) options[index] = { ...options[index], ...patch };
    else options.splice(index, 1);
    set({ options });
  };
  const conditionField = others.find((f) => f.name === spec.visibleWhen?.field);
  const nameValid = /^[A-Za-z][A-Za-z0-9_]*$/.test(spec.name);
  const optionsValid = spec.type !== 'enum' || (spec.options.length > 0 && spec.options.every((o) => o.value && o.zh));
  const valid = nameValid && spec.titleZh.trim() !== '' && optionsValid && (!spec.visibleWhen || (spec.visibleWhen.field && spec.visibleWhen.equals !== ''));
  return (
    <Modal open width={640} title={isNew ? t('addField') : t('editField', { name: initial.name })} okText={t('ok')} okButtonProps={{ disabled: !valid }} onOk={() => onSave(spec)} onCancel={onCancel}>
      <Form layout="vertical" size="small">
        <Form.Item label={t('fieldName')} required validateStatus={spec.name && !nameValid ? 'error' : undefined} help={t('fieldNameHint')}>
          <Input value={spec.name} onChange={(e) => set({ name: e.target.value.trim() })} placeholder="remark" aria-label={t('fieldName')} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item label={t('fieldTitleZh')} required style={{ flex: 1 }}>
            <Input value={spec.titleZh} onChange={(e) => set({ titleZh: e.target.value })} aria-label={t('fieldTitleZh')} />
          </Form.Item>
          <Form.Item label={t('fieldTitleEn')} style={{ flex: 1 }}>
            <Input value={spec.titleEn} onChange={(e) => set({ titleEn: e.target.value })} aria-label={t('fieldTitleEn')} />
          </Form.Item>
        </Space.Compact>
        <Form.Item label={t('fieldType')}>
          <Select
            value={spec.type}
            disabled={spec.type === 'other'}
            options={(spec.type === 'other' ? [...TYPES, 'other' as const] : TYPES).map((type) => ({ value: type, label: t(`type.${type}`) }))}
            onChange={(type: BuilderFieldType) => set({ type, options: type === 'enum' && spec.options.length === 0 ? [{ value: '', zh: '', en: '' }] : spec.options })}
            aria-label={t('fieldType')}
          />
        </Form.Item>
        {spec.type === 'enum' && (
          <Form.Item label={t('options')} required help={t('optionsHint')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {spec.options.map((option, index) => (
                <Space.Compact key={index} block>
                  <Input value={option.value} placeholder={t('optionValue')} onChange={(e) => setOption(index, { value: e.target.value })} aria-label={t('optionValue')} />
                  <Input value={option.zh} placeholder={t('optionZh')} onChange={(e) => setOption(index, { zh: e.target.value })} aria-label={t('optionZh')} />
                  <Input value={option.en} placeholder={t('optionEn')} onChange={(e) => setOption(index, { en: e.target.value })} aria-label={t('optionEn')} />
                  <Button icon={<DeleteOutlined aria-hidden />} onClick={() => setOption(index, null)} aria-label={t('remove')} />
                </Space.Compact>
              ))}
              <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => set({ options: [...spec.options, { value: '', zh: '', en: '' }] })}>
                {t('addOption')}
              </Button>
            </Space>
          </Form.Item>
        )}
        <Form.Item>
          <Checkbox checked={spec.required} onChange={(e) => set({ required: e.target.checked })}>
            {t('required')}
          </Checkbox>
        </Form.Item>
        <Form.Item label={t('visibleWhen')} help={spec.advanced ? t('advancedCondition') : t('visibleWhenHint')}>
          <Space wrap>
            <Select
              allowClear
              style={{ minWidth: 200 }}
              value={spec.visibleWhen?.field}
              disabled={spec.advanced}
              placeholder={t('always')}
              options={others.filter((f) => f.type === 'enum' || f.type === 'boolean').map((f) => ({ value: f.name, label: `${f.titleZh} (${f.name})` }))}
              onChange={(field?: string) => set({ visibleWhen: field ? { field, equals: '' } : null })}
              aria-label={t('visibleWhen')}
            />
            {spec.visibleWhen && conditionField && (
              <Select
                style={{ minWidth: 200 }}
                mode={Array.isArray(spec.visibleWhen.equals) ? 'multiple' : undefined}
                value={spec.visibleWhen.equals as string}
                disabled={spec.advanced}
                options={
                  conditionField.type === 'boolean'
                    ? [
                        { value: true as unknown as string, label: t('yes') },
                        { value: false as unknown as string, label: t('no') },
                      ]
                    : conditionField.options.map((o) => ({ value: o.value, label: o.zh }))
                }
                onChange={(equals) => set({ visibleWhen: { field: spec.visibleWhen!.field, equals } })}
                aria-label={t('visibleValue')}
              />
            )}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
