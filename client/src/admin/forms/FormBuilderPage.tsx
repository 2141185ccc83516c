import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Empty, Input, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { getFormOrNew, saveFormDraft, type FormVersion } from '../../api/adminForms';
import { SchemaForm } from '../../forms';
import { useLocalize, useT } from '../../i18n';
import { formBuilderText } from '../../i18n/admin';
import { ErrorState } from '../../layout/ErrorState';
import { PageLoading } from '../../layout/PageLoading';
import { PageTitle } from '../../layout/PageTitle';
import { useFeedback } from '../../layout/useFeedback';
import { EditError, listFormFields, moveFormField, removeFormField, upsertFormField, type FieldSpec, type FormParts } from '../model';
import { ErrorAlert } from '../shared/ErrorAlert';
import { PreviewBoundary } from '../shared/PreviewBoundary';
import { useLoad } from '../shared/useLoad';
import { FieldEditor } from './FieldEditor';
import { JsonPartEditor } from './JsonPartEditor';

const NEW_FIELD: FieldSpec = { name: '', titleZh: '', titleEn: '', type: 'string', required: false, options: [], visibleWhen: null };
const backupKey = (key: string) => `jz.admin.form.${key}`;

interface Editing {
  parts: FormParts;
  title: { zh: string; en?: string };
}

/** `/admin/forms/:key`: fields of a form with a live preview beside them, saved as the form's draft. */
export default function FormBuilderPage() {
  const key = useParams().key;
  if (!key) return <FormPicker />;
  return <FormBuilder key={key} formKey={key} />;
}

function FormPicker() {
  const t = useT(formBuilderText);
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  return (
    <section>
      <PageTitle>{t('title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('pickHint')}</Typography.Paragraph>
      <Space.Compact>
        <Input value={value} onChange={(e) => setValue(e.target.value.trim())} placeholder="household-identification.townReview" style={{ width: 360 }} onPressEnter={() => value && navigate(`/admin/forms/${encodeURIComponent(value)}`)} />
        <Button type="primary" disabled={!value} onClick={() => navigate(`/admin/forms/${encodeURIComponent(value)}`)}>
          {t('open')}
        </Button>
      </Space.Compact>
    </section>
  );
}

/** `结论 = 已更正`: the condition with the choice's label where the other field has labels. */
function describeCondition(visibility: NonNullable<FieldSpec['visibleWhen']>, fields: FieldSpec[]): string {
  const options = fields.find((f) => f.name === visibility.field)?.options ?? [];
  const label = (value: unknown) => options.find((o) => o.value === value)?.zh ?? String(value);
  return `${visibility.field} = ${([] as unknown[]).concat(visibility.equals).map(label).join(' / ')}`;
}

const toEditing = (form: FormVersion): Editing => ({
  parts: { schema: form.schema, uiSchema: form.uiSchema ?? {} },
  title: typeof form.title === 'object' && form.title ? { zh: form.title.zh ?? '', en: form.title.en } : { zh: String(form.title ?? form.schema.title ?? form.key) },
});

function FormBuilder({ formKey }: { formKey: string }) {
  const t = useT(formBuilderText);
  const localize = useLocalize();
  const { message } = useFeedback();
  const loaded = useLoad<FormVersion>(formKey, (signal) => getFormOrNew(formKey, signal));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState('');
  const [field, setField] = useState<{ spec: FieldSpec; original?: string } | null>(null);
  const [previewData, setPreviewData] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [backup, setBackup] = useState<Editing | null>(null);

  useEffect(() => {
    if (!loaded.data) return;
    const next = toEditing(loaded.data);
    setEditing(next);
    setSaved(JSON.stringify(next));
    const stored = localStorage.getItem(backupKey(formKey));
    if (stored && stored !== JSON.stringify(next)) setBackup(JSON.parse(stored) as Editing);
  }, [loaded.data, formKey]);

  const dirty = editing !== null && JSON.stringify(editing) !== saved;
  useEffect(() => {
    if (!editing) return;
    if (dirty) localStorage.setItem(backupKey(formKey), JSON.stringify(editing));
    else localStorage.removeItem(backupKey(formKey));
  }, [editing, dirty, formKey]);

  const fields = useMemo(() => (editing ? listFormFields(editing.parts) : []), [editing]);
  const previewKey = useMemo(() => JSON.stringify(editing?.parts ?? null), [editing]);

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!editing || !loaded.data) return <PageLoading />;

  const change = (edit: (parts: FormParts) => FormParts) => {
    try {
      setEditing((current) => (current ? { ...current, parts: edit(current.parts) } : current));
    } catch (cause) {
      message.error(cause instanceof EditError ? t(`err.${cause.code}`, cause.vars) : String(cause));
    }
  };
  const saveField = (spec: FieldSpec) => {
    try {
      const parts = upsertFormField(editing.parts, spec, field?.original);
      setEditing({ ...editing, parts });
      setField(null);
    } catch (cause) {
      message.error(cause instanceof EditError ? t(`err.${cause.code}`, cause.vars) : String(cause));
    }
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await saveFormDraft(formKey, { title: editing.title, schema: editing.parts.schema, uiSchema: editing.parts.uiSchema });
      const next = toEditing({ ...answer, schema: answer.schema ?? editing.parts.schema, uiSchema: answer.uiSchema ?? editing.parts.uiSchema, title: answer.title ?? editing.title });
      setEditing(next);
      setSaved(JSON.stringify(next));
      loaded.setData({ ...loaded.data!, ...answer });
      message.success(t('saved', { version: answer.version }));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  const examples = Array.isArray(editing.parts.schema.examples) ? (editing.parts.schema.examples as Record<string, unknown>[]) : [];

  return (
    <section>
      <PageTitle
        extra={
          <Space wrap>
            {dirty && <Tag color="orange">{t('unsaved')}</Tag>}
            <Button type="primary" loading={busy} disabled={!dirty} onClick={save} data-testid="save-form">
              {t('saveDraft')}
            </Button>
          </Space>
        }
      >
        {localize(editing.title)} <Typography.Text code>{formKey}</Typography.Text>{' '}
        <Tag color={loaded.data.status === 'draft' ? 'gold' : 'green'}>
          {loaded.data.version ? `v${loaded.data.version} ` : ''}
          {loaded.data.status === 'draft' ? t('draft') : t('published')}
        </Tag>
      </PageTitle>
      {loaded.data.version === 0 && <Alert type="info" showIcon title={t('newForm')} />}
      {loaded.data.status !== 'draft' && <Alert type="info" showIcon title={t('editingPublished')} />}
      {backup && (
        <Alert
          type="warning"
          showIcon
          title={t('backupFound')}
          action={
            <Space>
              <Button size="small" type="primary" onClick={() => (setEditing(backup), setBackup(null))}>
                {t('restore')}
              </Button>
              <Button size="small" onClick={() => (localStorage.removeItem(backupKey(formKey)), setBackup(null))}>
                {t('discard')}
              </Button>
            </Space>
          }
        />
      )}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <div className="jz-admin-form-builder">
        <div className="jz-admin-form-fields">
          <Space.Compact block className="jz-admin-gap">
            <Input addonBefore={t('formTitleZh')} value={editing.title.zh} onChange={(e) => setEditing({ ...editing, title: { ...editing.title, zh: e.target.value } })} />
            <Input addonBefore={t('formTitleEn')} value={editing.title.en ?? ''} onChange={(e) => setEditing({ ...editing, title: { ...editing.title, en: e.target.value } })} />
          </Space.Compact>
          <Tabs
            items={[
              {
                key: 'fields',
                label: t('tabFields'),
                children: (
                  <>
                    <Button icon={<PlusOutlined />} onClick={() => setField({ spec: NEW_FIELD })} data-testid="add-field">
                      {t('addField')}
                    </Button>
                    <Table<FieldSpec>
                      className="jz-admin-gap"
                      size="small"
                      rowKey="name"
                      pagination={false}
                      dataSource={fields}
                      columns={[
                        { title: t('fieldName'), dataIndex: 'name', render: (name: string) => <Typography.Text code>{name}</Typography.Text> },
                        { title: t('fieldTitleZh'), dataIndex: 'titleZh' },
                        { title: t('fieldType'), dataIndex: 'type', render: (type: FieldSpec['type']) => t(`type.${type}`) },
                        { title: t('required'), dataIndex: 'required', render: (required: boolean) => (required ? <Tag color="red">{t('required')}</Tag> : null) },
                        {
                          title: t('visibleWhen'),
                          render: (_, spec) =>
                            spec.visibleWhen ? describeCondition(spec.visibleWhen, fields) : spec.advanced ? t('advanced') : spec.shared ? <Tag>{t('shared')}</Tag> : '',
                        },
                        {
                          title: '',
                          width: 150,
                          render: (_, spec) => (
                            <Space size={0}>
                              <Button type="text" size="small" icon={<EditOutlined />} disabled={spec.shared} title={spec.shared ? t('sharedHint') : undefined} onClick={() => setField({ spec, original: spec.name })} aria-label={t('edit')} />
                              <Button type="text" size="small" icon={<ArrowUpOutlined />} onClick={() => change((p) => moveFormField(p, spec.name, -1))} aria-label={t('moveUp')} />
                              <Button type="text" size="small" icon={<ArrowDownOutlined />} onClick={() => change((p) => moveFormField(p, spec.name, 1))} aria-label={t('moveDown')} />
                              <Popconfirm title={t('removeConfirm', { name: spec.name })} onConfirm={() => change((p) => removeFormField(p, spec.name))} disabled={spec.shared}>
                                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('remove')} disabled={spec.shared} />
                              </Popconfirm>
                            </Space>
                          ),
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'schema',
                label: 'JSON Schema',
                children: <JsonPartEditor value={editing.parts.schema} onChange={(schema) => setEditing({ ...editing, parts: { ...editing.parts, schema } })} />,
              },
              {
                key: 'ui',
                label: 'uiSchema',
                children: <JsonPartEditor value={editing.parts.uiSchema} onChange={(uiSchema) => setEditing({ ...editing, parts: { ...editing.parts, uiSchema } })} />,
              },
            ]}
          />
        </div>
        <div className="jz-admin-form-preview" data-testid="form-preview">
          <Space wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('preview')}
            </Typography.Title>
            <Button size="small" disabled={!examples.length} onClick={() => setPreviewData(structuredClone(examples[0] ?? {}))}>
              {t('fillExample')}
            </Button>
            <Button size="small" onClick={() => setPreviewData({})}>
              {t('clear')}
            </Button>
            <Button size="small" title={t('useAsExampleHint')} onClick={() => change((p) => ({ ...p, schema: { ...p.schema, examples: [structuredClone(previewData)] } }))}>
              {t('useAsExample')}
            </Button>
          </Space>
          {fields.length === 0 ? (
            <Empty description={t('noFields')} />
          ) : (
            <PreviewBoundary resetKey={previewKey} message={t('previewFailed')}>
              <SchemaForm schema={editing.parts.schema} uiSchema={editing.parts.uiSchema} formData={previewData} onChange={setPreviewData} />
            </PreviewBoundary>
          )}
        </div>
      </div>
      {field && <FieldEditor initial={field.spec} isNew={!field.original} others={fields.filter((f) => f.name !== field.original)} onSave={saveField} onCancel={() => setField(null)} />}
    </section>
  );
}
