import { useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';
import { FIELD_TYPES, renameField, ruleProblems, setFieldType, setRequired, setRequiredIf, setShowIf, updateField, type ChoiceOptions, type Condition, type FieldModel, type FieldPatch, type FieldTypeId, type FormModel, type Literal } from '../model';
import { ComputeEditor } from './ComputeEditor';
import { ConditionEditor } from './ConditionEditor';
import { containerOf, type TreeRow } from './formTree';
import { RuleSettings } from './RuleSettings';

type Edit = (change: (model: FormModel) => FormModel, mergeKey?: string) => void;

const TEXT = new Set(['text', 'longText', 'personName', 'mobile', 'phone', 'landline', 'bankAccount', 'idNumber']);
const NUMBER = new Set(['integer', 'number', 'money']);
const FILE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

/** The condition under which the field is required, when it is required only sometimes. */
function requiredIfOf(section: FieldModel, name: string): Condition | null {
  const branches = [...(section.parts ?? []).flatMap((p) => (p.kind === 'when' ? [p] : [])), ...(section.when ? [section.when] : [])];
  return branches.find((b) => b.then.required?.includes(name) && !b.then.fields?.some((f) => f.name === name))?.when ?? null;
}

/** The field's name, applied when the box is left (a rename changes every rule that names it). */
function NameInput({ name, onRename }: { name: string; onRename: (name: string) => void }) {
  const t = useT(builderText);
  const [text, setText] = useState(name);
  const apply = () => { if (text !== name) onRename(text.trim()); };
  return <Input aria-label={t('fieldName')} value={text} onChange={(e) => setText(e.target.value)} onBlur={apply} onPressEnter={apply} />;
}

function OptionsEditor({ options, onChange }: { options: ChoiceOptions | undefined; onChange: (options: ChoiceOptions) => void }) {
  const t = useT(builderText);
  const values = options?.values ?? [];
  const set = (next: ChoiceOptions['values']) => onChange({ style: options?.style ?? 'oneOf', values: next });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="options-editor">
      {values.map((option, i) => (
        <Space.Compact key={i} block>
          <Input aria-label={t('optionValue')} value={String(option.value ?? '')} onChange={(e) => set(values.map((o, j) => (j === i ? { ...o, value: e.target.value as Literal } : o)))} />
          <Input aria-label={t('optionZh')} value={option.label.zh ?? ''} onChange={(e) => set(values.map((o, j) => (j === i ? { ...o, label: { ...o.label, zh: e.target.value } } : o)))} />
          <Input aria-label={t('optionEn')} value={option.label.en ?? ''} onChange={(e) => set(values.map((o, j) => (j === i ? { ...o, label: { ...o.label, en: e.target.value } } : o)))} />
          <Button icon={<DeleteOutlined aria-hidden />} aria-label={t('removeOption')} disabled={values.length <= 1} onClick={() => set(values.filter((_, j) => j !== i))} />
        </Space.Compact>
      ))}
      <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => set([...values, { value: `option${values.length + 1}`, label: { zh: '', en: '' } }])}>{t('addOption')}</Button>
    </Space>
  );
}

/** A number setting: empty removes it. */
function NumberSetting({ label, value, onChange, min }: { label: string; value: number | undefined; onChange: (value: number | undefined) => void; min?: number }) {
  return (
    <Form.Item label={label}>
      <InputNumber aria-label={label} min={min} value={value ?? null} onChange={(v) => onChange(v ?? undefined)} />
    </Form.Item>
  );
}

/**
 * The settings of the selected field, by its type: name, labels in both languages, type, required,
 * show-if and required-if conditions, and what its type has (lengths and pattern with a Chinese
 * message, bounds, choices, rows and unique-by, file count and types, the computed rule, the
 * project's rules of a section).
 */
export function FieldSettingsPanel({ model, row, onEdit, onRenamed }: { model: FormModel; row: TreeRow; onEdit: Edit; onRenamed: (path: string[]) => void }) {
  const t = useT(builderText);
  const { path, field } = row;
  const parentPath = path.slice(0, path.at(-2) === '[]' ? -2 : -1);
  const { section } = containerOf(model, parentPath);
  const siblings = [...(section.fields ?? []), ...(section.parts ?? []).flatMap((p) => (p.kind === 'when' ? p.then.fields ?? [] : [])), ...(section.when?.then.fields ?? [])].filter((f) => f.name !== field.name);
  const key = (what: string) => `${path.join('.')}:${what}`;
  const patch = (change: FieldPatch, what: string, target: string[] = path) => onEdit((m) => updateField(m, target, change), key(what));
  const label = field.label ?? {};
  const messages = field.messages ?? {};
  const setMessage = (keyword: string, text: string) => patch({ messages: text ? { ...messages, [keyword]: text } : Object.keys(messages).filter((k) => k !== keyword).length ? Object.fromEntries(Object.entries(messages).filter(([k]) => k !== keyword)) : null }, `msg.${keyword}`);
  const itemPath = [...path, '[]'];
  const item = field.item;
  const fileSetting = field.type === 'photos' ? item?.settings['x-file'] : field.settings['x-file'];
  const inBlock = field.block?.via === 'ref';
  return (
    <div className="jz-admin-field-settings" data-testid="field-settings">
      <Typography.Title level={5}>{t('settingsOf', { name: label.zh ?? field.name })}</Typography.Title>
      <Form layout="vertical" size="small">
        <Form.Item label={t('fieldName')} help={t('fieldNameHint')}>
          <NameInput key={field.name} name={field.name} onRename={(name) => { onEdit((m) => renameField(m, path, name)); onRenamed([...path.slice(0, -1), name]); }} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item label={t('labelZh')} style={{ flex: 1 }}>
            <Input aria-label={t('labelZh')} value={label.zh ?? ''} onChange={(e) => patch({ label: { ...label, zh: e.target.value } }, 'label.zh')} />
          </Form.Item>
          <Form.Item label={t('labelEn')} style={{ flex: 1 }}>
            <Input aria-label={t('labelEn')} value={label.en ?? ''} onChange={(e) => patch({ label: { ...label, en: e.target.value } }, 'label.en')} />
          </Form.Item>
        </Space.Compact>
        <Form.Item label={field.type === 'static' ? t('staticText') : t('description')}>
          <Input.TextArea aria-label={field.type === 'static' ? t('staticText') : t('description')} autoSize={{ minRows: 1, maxRows: 4 }} value={field.description?.zh ?? ''}
            onChange={(e) => patch({ description: e.target.value ? { ...field.description, zh: e.target.value } : null }, 'description')} />
        </Form.Item>
        <Form.Item label={t('fieldType')}>
          <Select<FieldTypeId> aria-label={t('fieldType')} value={field.type} disabled={inBlock}
            options={FIELD_TYPES.map((type) => ({ value: type.id, label: type.zh }))}
            onChange={(type) => { if (type !== 'unknown') onEdit((m) => setFieldType(m, path, type)); }} />
        </Form.Item>
        {inBlock && <Typography.Paragraph type="secondary">{t('blockField', { block: field.block!.name })}</Typography.Paragraph>}
        {field.type !== 'static' && field.type !== 'computed' && (
          <Form.Item>
            <Checkbox checked={row.required} onChange={(e) => onEdit((m) => setRequired(m, path, e.target.checked))}>{t('required')}</Checkbox>
          </Form.Item>
        )}
        {TEXT.has(field.type) && (
          <Space wrap align="start">
            <NumberSetting label={t('minLength')} min={0} value={field.settings.minLength} onChange={(v) => patch({ settings: { minLength: v } }, 'minLength')} />
            <NumberSetting label={t('maxLength')} min={1} value={field.settings.maxLength} onChange={(v) => patch({ settings: { maxLength: v } }, 'maxLength')} />
            <Form.Item label={t('pattern')}>
              <Input aria-label={t('pattern')} className="jz-admin-code" value={field.settings.pattern ?? ''} onChange={(e) => patch({ settings: { pattern: e.target.value || undefined } }, 'pattern')} />
            </Form.Item>
            <Form.Item label={t('patternMessage')}>
              <Input aria-label={t('patternMessage')} value={messages.pattern ?? ''} onChange={(e) => setMessage('pattern', e.target.value)} />
            </Form.Item>
          </Space>
        )}
        {NUMBER.has(field.type) && (
          <Space wrap align="start">
            <NumberSetting label={t('minimum')} value={field.settings.minimum} onChange={(v) => patch({ settings: { minimum: v } }, 'minimum')} />
            <NumberSetting label={t('maximum')} value={field.settings.maximum} onChange={(v) => patch({ settings: { maximum: v } }, 'maximum')} />
            <Form.Item label={t('rangeMessage')}>
              <Input aria-label={t('rangeMessage')} value={messages.maximum ?? messages.minimum ?? ''} onChange={(e) => { setMessage('minimum', e.target.value); setMessage('maximum', e.target.value); }} />
            </Form.Item>
          </Space>
        )}
        {field.type === 'choice' && <Form.Item label={t('options')}><OptionsEditor options={field.options} onChange={(options) => patch({ options }, 'options')} /></Form.Item>}
        {field.type === 'multiChoice' && item && <Form.Item label={t('options')}><OptionsEditor options={item.options} onChange={(options) => patch({ options }, 'options', itemPath)} /></Form.Item>}
        {(field.type === 'group' || field.type === 'photos') && (
          <Space wrap align="start">
            <NumberSetting label={field.type === 'photos' ? t('minFiles') : t('minRows')} min={0} value={field.settings.minItems} onChange={(v) => patch({ settings: { minItems: v } }, 'minItems')} />
            <NumberSetting label={field.type === 'photos' ? t('maxFiles') : t('maxRows')} min={1} value={field.settings.maxItems} onChange={(v) => patch({ settings: { maxItems: v } }, 'maxItems')} />
          </Space>
        )}
        {(field.type === 'attachment' || field.type === 'photos') && (
          <Form.Item label={t('fileTypes')}>
            <Checkbox.Group aria-label={t('fileTypes')} value={fileSetting?.accept ?? FILE_TYPES}
              options={FILE_TYPES.map((type) => ({ value: type, label: type.split('/')[1].toUpperCase() }))}
              onChange={(accept) => patch({ settings: { 'x-file': { kind: fileSetting?.kind ?? (field.type === 'photos' ? 'photo' : 'document'), accept: accept as string[] } } }, 'accept', field.type === 'photos' ? itemPath : path)} />
          </Form.Item>
        )}
        {field.type === 'computed' && (
          <Form.Item label={t('computeRule')}>
            <ComputeEditor value={field.settings['x-compute']} fields={siblings} onChange={(value) => patch({ settings: { 'x-compute': value } }, 'compute')} />
          </Form.Item>
        )}
        {(field.type === 'section' || field.type === 'group' || field.type === 'dateRange') && !inBlock && (
          <Form.Item label={t('rules')}>
            <RuleSettings rules={field.rules} isGroup={field.type === 'group'} fields={(field.type === 'group' ? item?.fields : field.fields) ?? []} rowFields={item?.fields}
              problems={ruleProblems(model, path)} onChange={(rules) => patch({ rules }, 'rules')} />
          </Form.Item>
        )}
        <Form.Item label={t('showIf')} help={t('showIfHint')}>
          <ConditionEditor testId="show-if" value={row.showIf ?? null} fields={siblings} onChange={(when) => onEdit((m) => setShowIf(m, path, when))} />
        </Form.Item>
        {field.type !== 'static' && field.type !== 'computed' && !row.showIf && (
          <Form.Item label={t('requiredIf')}>
            <ConditionEditor testId="required-if" value={requiredIfOf(section, field.name)} fields={siblings} onChange={(when) => onEdit((m) => setRequiredIf(m, path, when))} />
          </Form.Item>
        )}
      </Form>
      <Typography.Text type="secondary" className="jz-admin-hint">{t('pathOf', { path: path.filter((p) => p !== '[]').join(' › ') })}</Typography.Text>
    </div>
  );
}
