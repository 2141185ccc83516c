import type { FormBlocksView, SavedFormBlocks } from '@shared/contract';
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { getFormBlocks, saveFormBlocks } from '../../api/formBlocks';
import { useLocalize, useT } from '../../i18n';
import { blockText } from '../../i18n/formBlocks';
import { builderText } from '../../i18n/formBuilder';
import { ErrorState } from '../../layout/ErrorState';
import { PageLoading } from '../../layout/PageLoading';
import { PageTitle } from '../../layout/PageTitle';
import { useFeedback } from '../../layout/useFeedback';
import {
  addField, blockEditingModel, blockOfEditing, FIELD_TYPES, FORM_EDIT_MESSAGES, FormEditError, newField, parseBlocks, writeFormModel,
  type FieldTypeId, type FormModel, type FormParts,
} from '../model';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useLoad } from '../shared/useLoad';
import { FieldPalette } from './FieldPalette';
import { FieldSettingsPanel } from './FieldSettingsPanel';
import { FormPreview } from './FormPreview';
import { FormTree } from './FormTree';
import { UndoRedoButtons } from './UndoRedoButtons';
import { containerOf, flattenRows, freeName, isContainer, sectionRows } from './formTree';
import { useEditHistory } from './useEditHistory';

/**
 * `/admin/blocks` lists the shared blocks of the forms with the forms using each;
 * `/admin/blocks/:name` edits one with the form builder's tree, settings panels and preview, and
 * saves it after a confirmation naming every form and process version that uses it.
 */
export default function BlockEditorPage() {
  const name = useParams().name;
  if (!name) return <BlockList />;
  return <BlockEditor key={name} name={name} />;
}

const formsUsing = (view: FormBlocksView, name: string) => view.forms.filter((form) => form.blocks.includes(name));
const definitionsUsing = (view: FormBlocksView, name: string) => view.definitions.filter((d) => d.forms.some((form) => form.blocks.includes(name)));

function BlockList() {
  const tb = useT(blockText);
  const loaded = useLoad('form-blocks', (signal) => getFormBlocks(signal));
  const blocks = useMemo(() => (loaded.data ? parseBlocks(loaded.data.defs) : []), [loaded.data]);
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <PageLoading />;
  const view = loaded.data;
  return (
    <section>
      <PageTitle extra={<Tag>{tb('version', { version: view.version })}</Tag>}>{tb('listTitle')}</PageTitle>
      <Typography.Paragraph type="secondary">{tb('listHint')}</Typography.Paragraph>
      <Table
        rowKey="name" size="small" pagination={false} dataSource={blocks}
        columns={[
          { title: tb('colBlock'), key: 'block', render: (_, block) => <Link to={`/admin/blocks/${encodeURIComponent(block.name)}`}>{block.label?.zh ?? block.name} <Typography.Text code>{block.name}</Typography.Text></Link> },
          { title: tb('colForms'), key: 'forms', render: (_, block) => formsUsing(view, block.name).length },
        ]}
      />
    </section>
  );
}

/** The block's one-field form with the value a form's example gives the block as its example: the preview opens filled. */
function withExample(parts: FormParts, name: string, example: unknown): FormParts {
  return example === undefined ? parts : { ...parts, schema: { ...parts.schema, examples: [{ [name]: example }] } };
}

function BlockEditor({ name }: { name: string }) {
  const tb = useT(blockText);
  const t = useT(builderText);
  const localize = useLocalize();
  const navigate = useNavigate();
  const from = useSearchParams()[0].get('form');
  const { message } = useFeedback();
  const loaded = useLoad(`form-blocks:${name}`, (signal) => getFormBlocks(signal));
  const history = useEditHistory<FormModel | null>(null);
  const { reset } = history;
  const [selected, setSelected] = useState<string[] | null>([name]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<SavedFormBlocks | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    if (!loaded.data) return;
    try {
      reset(blockEditingModel(loaded.data.defs, name));
    } catch (cause) {
      setLoadError(cause);
    }
  }, [loaded.data, name, reset]);

  const model = history.value;
  const rows = useMemo(() => (model ? sectionRows(model) : []), [model]);
  const parts = useMemo(() => (model ? writeFormModel(model) : null), [model]);
  const edited = useMemo(() => (model && loaded.data ? blockOfEditing(model, loaded.data.defs, name) : null), [model, loaded.data, name]);

  if (loaded.error || loadError) return <ErrorState error={loaded.error ?? loadError} onRetry={loaded.reload} />;
  if (!loaded.data || !model || !parts || !edited) return <PageLoading />;
  const view = loaded.data;
  const dirty = JSON.stringify(edited.defs[name]) !== JSON.stringify(view.defs[name]);
  const title = edited.block.label?.zh ?? name;
  const forms = formsUsing(view, name);
  const definitions = definitionsUsing(view, name);

  const editModel = (change: (current: FormModel) => FormModel, mergeKey?: string) => {
    try {
      const next = change(model);
      if (!next.root.fields?.some((field) => field.name === name)) {
        message.error(tb('keepBlock'));
        return;
      }
      history.change(next, mergeKey);
    } catch (cause) {
      if (cause instanceof FormEditError) message.error(FORM_EDIT_MESSAGES[cause.code].zh.replace(/\{(\w+)\}/g, (_, v: string) => cause.vars[v] ?? ''));
      else message.error(String(cause));
    }
  };
  const all = flattenRows(rows);
  const selectedKey = selected?.join('/') ?? null;
  const selectedRow = all.find((row) => row.path.join('/') === selectedKey) ?? null;
  const ownRow = selectedRow && !selectedRow.readOnlyIn ? selectedRow : all[0];
  const targetRow = isContainer(ownRow.field) ? ownRow : all.find((row) => row.children?.includes(ownRow) && isContainer(row.field)) ?? all[0];
  const addOfType = (type: Exclude<FieldTypeId, 'unknown'>) => {
    if (!isContainer(targetRow.field)) return;
    const { rowPath } = containerOf(model, targetRow.path);
    const fieldName = freeName(targetRow.children ?? [], type);
    const label = FIELD_TYPES.find((entry) => entry.id === type)!;
    editModel((m) => addField(m, targetRow.path, newField(type, fieldName, { zh: label.zh, en: label.en })));
    setSelected([...rowPath, fieldName]);
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await saveFormBlocks(view.version, { defs: edited.defs, forms: forms.map((form) => form.key) });
      setConfirming(false);
      message.success(tb('saved', { version: answer.version, count: answer.forms.length }));
      if (from) {
        void navigate(`/admin/forms/${encodeURIComponent(from)}`);
        return;
      }
      setSaved(answer);
      loaded.reload();
    } catch (cause) {
      setConfirming(false);
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
            {from && <Button onClick={() => void navigate(`/admin/forms/${encodeURIComponent(from)}`)}>{tb('back')}</Button>}
            <UndoRedoButtons history={history} />
            <Button type="primary" disabled={!dirty} onClick={() => setConfirming(true)} data-testid="save-block">{dirty ? tb('save') : tb('unchanged')}</Button>
          </Space>
        }
      >
        {tb('editorTitle', { title })} <Typography.Text code>{name}</Typography.Text> <Tag color="purple">{tb('version', { version: view.version })}</Tag>
      </PageTitle>
      <Alert type="info" showIcon title={tb('usedBy', { count: forms.length })} description={tb('listHint')} />
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {saved && (
        <Alert type="success" showIcon closable onClose={() => setSaved(null)} title={tb('draftsWritten')}
          description={<ul>{saved.forms.map((form) => <li key={form.key}><Link to={`/admin/forms/${encodeURIComponent(form.key)}`}>{localize(form.title)}</Link> <Typography.Text code>{form.key}</Typography.Text> {tb('formDraft', { version: form.version })}</li>)}</ul>} />
      )}
      <div className="jz-admin-form-builder">
        <div className="jz-admin-form-fields">
          {isContainer(all[0].field) && (
            <FieldPalette target={targetRow.field.label?.zh ?? targetRow.field.name} blocks={[]} onAdd={addOfType} onAddBlock={() => undefined} />
          )}
          <Typography.Title level={5} className="jz-admin-gap">{t('treeTitle')}</Typography.Title>
          <FormTree rows={rows} selected={selectedKey} onSelect={setSelected} onEdit={(change) => editModel(change)} />
          {selectedRow && !selectedRow.readOnlyIn && <FieldSettingsPanel key={selectedKey} model={model} row={selectedRow} onEdit={editModel} onRenamed={setSelected} />}
          {selectedRow?.readOnlyIn && (
            <Typography.Paragraph type="secondary" className="jz-admin-gap">
              {tb('inBlock', { title: selectedRow.block?.label?.zh ?? selectedRow.readOnlyIn.label?.zh ?? '', name: selectedRow.block?.name ?? selectedRow.readOnlyIn.name })}{' '}
              {selectedRow.block && <Link to={`/admin/blocks/${encodeURIComponent(selectedRow.block.name)}`}>{tb('edit')}</Link>}
            </Typography.Paragraph>
          )}
        </div>
        <FormPreview key={view.version} parts={withExample(parts, name, view.examples[name])} hasFields />
      </div>
      <Modal
        open={confirming} title={tb('confirmTitle', { title })} okText={tb('confirmOk')} cancelText={tb('cancel')} confirmLoading={busy} width={720}
        onOk={() => void save()} onCancel={() => setConfirming(false)} className="jz-admin-block-confirm"
      >
        {forms.length ? (
          <>
            <Typography.Paragraph>{tb('confirmForms', { count: forms.length })}</Typography.Paragraph>
            <ul data-testid="confirm-forms">
              {forms.map((form) => (
                <li key={form.key}>
                  {localize(form.title)} <Typography.Text code>{form.key}</Typography.Text>{' '}
                  <Tag>{form.status === 'draft' ? tb('formDraft', { version: form.version }) : tb('formPublished', { version: form.version })}</Tag>
                </li>
              ))}
            </ul>
          </>
        ) : <Typography.Paragraph>{tb('confirmNoForms')}</Typography.Paragraph>}
        {definitions.length > 0 && (
          <>
            <Typography.Paragraph>{tb('confirmDefinitions')}</Typography.Paragraph>
            <ul data-testid="confirm-definitions">
              {definitions.map((d) => (
                <li key={`${d.key}@${d.version}`}>
                  {localize(d.title)} <Typography.Text code>{d.key}</Typography.Text> v{d.version}{d.running > 0 ? ` · ${tb('running', { count: d.running })}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </Modal>
    </section>
  );
}
