import type { FormSpec } from '@shared/contract';
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Input, Space, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { getFormOrNew, saveFormDraft } from '../../api/adminForms';
import { getFormBlocks } from '../../api/formBlocks';
import { useLocalize, useT } from '../../i18n';
import { formBuilderText } from '../../i18n/admin';
import { builderText } from '../../i18n/formBuilder';
import { ErrorState } from '../../layout/ErrorState';
import { PageLoading } from '../../layout/PageLoading';
import { PageTitle } from '../../layout/PageTitle';
import { useFeedback } from '../../layout/useFeedback';
import {
  addBlockField, addField, EditError, FIELD_TYPES, FORM_EDIT_MESSAGES, FormEditError, listFormFields, newField, parseBlocks, parseFormModel, ruleProblems, updateField, upsertFormField, writeFormModel,
  type FieldModel, type FieldSpec, type FieldTypeId, type FormModel, type FormParts,
} from '../model';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useLoad } from '../shared/useLoad';
import { BlockSettings } from './BlockSettings';
import { FieldEditor } from './FieldEditor';
import { FieldPalette } from './FieldPalette';
import { FieldSettingsPanel } from './FieldSettingsPanel';
import { FormTree } from './FormTree';
import { containerOf, flattenRows, freeName, isContainer, problemsByRow, sectionRows } from './formTree';
import { FormPreview } from './FormPreview';
import { ExampleEditor } from './ExampleEditor';
import { JsonPartEditor } from './JsonPartEditor';
import { RuleSettings } from './RuleSettings';
import { UndoRedoButtons } from './UndoRedoButtons';
import { useEditHistory } from './useEditHistory';


const NEW_FIELD: FieldSpec = { name: '', titleZh: '', titleEn: '', type: 'string', required: false, options: [], visibleWhen: null };
const backupKey = (key: string) => `jz.admin.form.${key}`;

interface Editing {
  parts: FormParts;
  title: { zh: string; en?: string };
}

/**
 * `/admin/forms/:key`: fields of a form with a live preview beside them, the JSON and the example
 * as data in tabs that stay in step with the fields, every change undoable; saved as the form's draft.
 */
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
        <Input value={value} onChange={(e) => setValue(e.target.value.trim())} placeholder="household-identification.townReview" style={{ width: 360, maxWidth: '100%' }} onPressEnter={() => { if (value) void navigate(`/admin/forms/${encodeURIComponent(value)}`); }} />
        <Button type="primary" disabled={!value} onClick={() => void navigate(`/admin/forms/${encodeURIComponent(value)}`)}>
          {t('open')}
        </Button>
      </Space.Compact>
    </section>
  );
}

const toEditing = (form: FormSpec): Editing => ({
  parts: { schema: form.schema, uiSchema: form.uiSchema ?? {} },
  title: typeof form.title === 'object' && form.title ? { zh: form.title.zh ?? '', en: form.title.en } : { zh: String(form.title ?? form.schema.title ?? form.key) },
});

function FormBuilder({ formKey }: { formKey: string }) {
  const t = useT(formBuilderText);
  const tb = useT(builderText);
  const localize = useLocalize();
  const { message } = useFeedback();
  const loaded = useLoad<FormSpec>(formKey, (signal) => getFormOrNew(formKey, signal));
  // The shared blocks at their newest stored version (the palette inserts copies of these).
  const library = useLoad('form-blocks', (signal) => getFormBlocks(signal));
  const LIBRARY = library.data?.defs;
  const BLOCKS = useMemo(() => (LIBRARY ? parseBlocks(LIBRARY).filter((block) => block.label?.zh) : []), [LIBRARY]);
  const history = useEditHistory<Editing | null>(null);
  const editing = history.value;
  const [saved, setSaved] = useState('');
  const [field, setField] = useState<{ spec: FieldSpec; original?: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [backup, setBackup] = useState<Editing | null>(null);
  const { reset } = history;

  useEffect(() => {
    if (!loaded.data) return;
    const next = toEditing(loaded.data);
    reset(next);
    setSaved(JSON.stringify(next));
    const stored = localStorage.getItem(backupKey(formKey));
    if (stored && stored !== JSON.stringify(next)) setBackup(JSON.parse(stored) as Editing);
  }, [loaded.data, formKey, reset]);

  const dirty = editing !== null && JSON.stringify(editing) !== saved;
  useEffect(() => {
    if (!editing) return;
    if (dirty) localStorage.setItem(backupKey(formKey), JSON.stringify(editing));
    else localStorage.removeItem(backupKey(formKey));
  }, [editing, dirty, formKey]);

  const fields = useMemo(() => (editing ? listFormFields(editing.parts) : []), [editing]);
  const model = useMemo(() => (editing ? parseFormModel(editing.parts) : null), [editing]);
  const rows = useMemo(() => (model ? sectionRows(model) : []), [model]);
  const [selected, setSelected] = useState<string[] | null>(null);
  const problems = useMemo(() => problemsByRow(error instanceof ApiError ? error.fields : undefined), [error]);

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!editing || !loaded.data || !model) return <PageLoading />;

  const setEditing = (next: Editing, mergeKey?: string) => history.change(next, mergeKey);
  const setParts = (parts: FormParts, mergeKey?: string) => setEditing({ ...editing, parts }, mergeKey);
  const saveField = (spec: FieldSpec) => {
    try {
      setParts(upsertFormField(editing.parts, spec, field?.original));
      setField(null);
    } catch (cause) {
      message.error(cause instanceof EditError ? t(`err.${cause.code}`, cause.vars) : String(cause));
    }
  };
  /** An edit of the model, written back to schema and uiSchema; a refused edit says why and changes nothing. */
  const editModel = (edit: (current: FormModel) => FormModel, mergeKey?: string) => {
    try {
      setParts(writeFormModel(edit(model)), mergeKey);
    } catch (cause) {
      if (cause instanceof FormEditError) message.error(FORM_EDIT_MESSAGES[cause.code].zh.replace(/\{(\w+)\}/g, (_, name: string) => cause.vars[name] ?? ''));
      else message.error(String(cause));
    }
  };
  const all = flattenRows(rows);
  const selectedKey = selected?.join('/') ?? null;
  const selectedRow = all.find((row) => row.path.join('/') === selectedKey) ?? null;
  // Fields go into the form's own sections, never into a shared block opened in the tree.
  const ownRow = selectedRow && (selectedRow.readOnlyIn ? all.find((row) => !row.readOnlyIn && row.block?.name === selectedRow.readOnlyIn!.name && row.children && flattenRows(row.children).includes(selectedRow)) : selectedRow);
  const targetRow = ownRow ? (isContainer(ownRow.field) ? ownRow : all.find((row) => row.children?.includes(ownRow) && isContainer(row.field))) : undefined;
  const targetPath = targetRow?.path ?? [];
  const addOfType = (type: Exclude<FieldTypeId, 'unknown'>) => {
    const { rowPath } = containerOf(model, targetPath);
    const name = freeName(targetRow?.children ?? rows, type);
    const label = FIELD_TYPES.find((entry) => entry.id === type)!;
    editModel((m) => addField(m, targetPath, newField(type, name, { zh: label.zh, en: label.en })));
    setSelected([...rowPath, name]);
  };
  const addBlock = (block: FieldModel) => {
    const { rowPath } = containerOf(model, targetPath);
    const name = freeName(targetRow?.children ?? rows, block.name);
    editModel((m) => addBlockField(m, targetPath, name, block.name, block.label, {}, LIBRARY ?? {}));
    setSelected([...rowPath, name]);
  };
  const setExample = (example: Record<string, unknown>, mergeKey?: string) => {
    const examples = Array.isArray(editing.parts.schema.examples) ? [...(editing.parts.schema.examples as unknown[])] : [];
    examples[0] = example;
    setParts({ ...editing.parts, schema: { ...editing.parts.schema, examples } }, mergeKey);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await saveFormDraft(formKey, { title: editing.title, schema: editing.parts.schema, uiSchema: editing.parts.uiSchema });
      const next = toEditing({ ...answer, schema: answer.schema ?? editing.parts.schema, uiSchema: answer.uiSchema ?? editing.parts.uiSchema, title: answer.title ?? editing.title });
      // The saved form is one more step: what was done before it can still be undone.
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

  return (
    <section>
      <PageTitle
        extra={
          <Space wrap>
            {dirty && <Tag color="orange">{t('unsaved')}</Tag>}
            <UndoRedoButtons history={history} />
            <Button type="primary" loading={busy} disabled={!dirty} onClick={() => void save()} data-testid="save-form">
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
          <div className="jz-admin-form-titles">
            <Input prefix={<span className="jz-admin-hint">{t('formTitleZh')}</span>} aria-label={t('formTitleZh')} value={editing.title.zh} onChange={(e) => setEditing({ ...editing, title: { ...editing.title, zh: e.target.value } }, 'title.zh')} />
            <Input prefix={<span className="jz-admin-hint">{t('formTitleEn')}</span>} aria-label={t('formTitleEn')} value={editing.title.en ?? ''} onChange={(e) => setEditing({ ...editing, title: { ...editing.title, en: e.target.value } }, 'title.en')} />
          </div>
          <Tabs
            items={[
              {
                key: 'fields',
                label: t('tabFields'),
                children: (
                  <>
                    <FieldPalette target={targetRow ? (targetRow.field.label?.zh ?? targetRow.field.name) : tb('wholeForm')} blocks={BLOCKS} onAdd={addOfType} onAddBlock={addBlock} />
                    <Space wrap>
                      <Button icon={<PlusOutlined aria-hidden />} onClick={() => setField({ spec: NEW_FIELD })} data-testid="add-field">
                        {t('addField')}
                      </Button>
                      {selected && <Button onClick={() => setSelected(null)}>{tb('selectForm')}</Button>}
                    </Space>
                    <Typography.Title level={5} className="jz-admin-gap">{tb('treeTitle')}</Typography.Title>
                    <FormTree rows={rows} selected={selectedKey} onSelect={setSelected} onEdit={(edit) => editModel(edit)} problems={problems} />
                    {selectedRow ? (
                      <>
                        {(selectedRow.block || selectedRow.readOnlyIn) && (
                          <BlockSettings row={selectedRow} formKey={formKey} dirty={dirty} onEdit={editModel}
                            usedBy={library.data?.forms.filter((f) => f.blocks.includes((selectedRow.readOnlyIn ?? selectedRow.block)!.name)).length} />
                        )}
                        {!selectedRow.readOnlyIn && <FieldSettingsPanel key={selectedKey} model={model} row={selectedRow} onEdit={editModel} onRenamed={setSelected} />}
                      </>
                    ) : (
                      <>
                        <Typography.Paragraph type="secondary" className="jz-admin-gap">{tb('selectHint')}</Typography.Paragraph>
                        <Typography.Title level={5}>{tb('formRules')}</Typography.Title>
                        <RuleSettings rules={model.root.rules} isGroup={false} fields={model.root.fields ?? []} problems={ruleProblems(model, [])}
                          onChange={(rules) => editModel((m) => updateField(m, [], { rules }), 'root.rules')} />
                      </>
                    )}
                  </>
                ),
              },
              {
                key: 'schema',
                label: 'JSON Schema',
                children: <JsonPartEditor label={tb('schemaLabel')} value={editing.parts.schema} onChange={(schema) => setParts({ ...editing.parts, schema }, 'json.schema')} />,
              },
              {
                key: 'ui',
                label: 'uiSchema',
                children: <JsonPartEditor label={tb('uiSchemaLabel')} value={editing.parts.uiSchema} onChange={(uiSchema) => setParts({ ...editing.parts, uiSchema }, 'json.ui')} />,
              },
              {
                key: 'example',
                label: tb('exampleTab'),
                children: <ExampleEditor parts={editing.parts} onChange={(example) => setExample(example, 'json.example')} />,
              },
            ]}
          />
        </div>
        <FormPreview parts={editing.parts} hasFields={fields.length > 0} onUseAsExample={(data) => setExample(data)} />
      </div>
      {field && <FieldEditor initial={field.spec} isNew={!field.original} others={fields.filter((f) => f.name !== field.original)} onSave={saveField} onCancel={() => setField(null)} />}
    </section>
  );
}
