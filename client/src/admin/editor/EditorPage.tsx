import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { createDraft } from '../../api/adminDefinitions';
import { useLocale, useLocalize, useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { ErrorState } from '../../layout/ErrorState';
import { PageLoading } from '../../layout/PageLoading';
import { PageTitle } from '../../layout/PageTitle';
import { useFeedback } from '../../layout/useFeedback';
import { addState, addTransition, EditError, freeStateName, listTransitions, type DocumentJson } from '../model';
import { ErrorAlert } from '../shared/ErrorAlert';
import { StatusTag } from '../shared/StatusTag';
import { AddStateDialog } from './AddStateDialog';
import { AddTransitionDialog, type NewTransition } from './AddTransitionDialog';
import { DefinitionInspector } from './DefinitionInspector';
import { fieldGroupsFor } from './fieldGroups';
import { issuesByState, issuesOfStates } from './graphModel';
import { JsonView } from './JsonView';
import { LintList } from './LintList';
import type { Selection } from './selection';
import { SimulatePanel } from './SimulatePanel';
import { StateInspector } from './StateInspector';
import { StatechartGraph } from './StatechartGraph';
import { TransitionInspector } from './TransitionInspector';
import { formKeysOf, useFormCatalog } from './useFormCatalog';
import { useDraftDocument } from './useDraftDocument';

type Tab = 'inspector' | 'lint' | 'json' | 'simulate';

/**
 * `/admin/definitions/:key/versions/:v`: the visual statechart editor. A draft is edited in place
 * (graph, inspector, JSON) and saved, checked, simulated and published; a published or retired
 * version is shown read-only with a button that makes a draft copy of it.
 */
export default function EditorPage() {
  const params = useParams();
  const key = params.key ?? '';
  const version = Number(params.version);
  const t = useT(editorText);
  const localize = useLocalize();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const draft = useDraftDocument(key, version);
  const { doc, readOnly, lint } = draft;
  const catalog = useFormCatalog(doc ?? undefined, draft.detail?.formVersions, !readOnly);
  const [selection, setSelection] = useState<Selection>(null);
  const [tab, setTab] = useState<Tab>('inspector');
  const [addingState, setAddingState] = useState<{ parentId: string | null } | null>(null);
  const [addingTransition, setAddingTransition] = useState<Partial<NewTransition> | null>(null);
  const [busy, setBusy] = useState<'save' | 'lint' | 'publish' | 'copy' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [visited, setVisited] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<{ id: string; seq: number } | null>(null);
  const { locale } = useLocale();

  // Lint messages come in the language of the request: check again when the user switches.
  // Only the switch matters here; the draft is read as it is at that moment.
  const checkAgain = useEffectEvent(() => {
    if (!readOnly && lint) draft.check().catch(() => undefined);
  });
  const checkInLocale = useRef(locale);
  useEffect(() => {
    if (checkInLocale.current === locale) return;
    checkInLocale.current = locale;
    checkAgain();
  }, [locale]);

  const describeEdit = useCallback((cause: unknown) => (cause instanceof EditError ? t(`err.${cause.code}`, cause.vars) : String(cause)), [t]);
  const apply = useCallback(
    (edit: (d: DocumentJson) => DocumentJson, select?: Selection) => {
      try {
        draft.change(edit);
        if (select !== undefined) setSelection(select);
      } catch (cause) {
        message.error(describeEdit(cause));
      }
    },
    [draft, message, describeEdit],
  );
  const severities = useMemo(() => issuesByState(lint?.issues ?? []), [lint]);
  const stateIssues = useMemo(() => issuesOfStates(lint?.issues ?? []), [lint]);
  const transitions = useMemo(() => (doc ? listTransitions(doc) : []), [doc]);
  const formKeys = useMemo(() => [...new Set([...(doc ? formKeysOf(doc) : []), ...catalog.forms.keys()])].sort(), [doc, catalog]);

  const run = async (what: 'save' | 'lint' | 'publish', action: () => Promise<void>, done: string) => {
    setBusy(what);
    setError(null);
    try {
      await action();
      message.success(done);
    } catch (cause) {
      setError(cause);
      if (what === 'publish') setTab('lint');
    } finally {
      setBusy(null);
    }
  };
  const copyToDraft = async () => {
    setBusy('copy');
    try {
      const answer = await createDraft(key, version);
      void navigate(`/admin/definitions/${encodeURIComponent(key)}/versions/${answer.version}`);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={draft.reload} />;
  if (!doc || !draft.detail) return <PageLoading />;
  const selectedTransition = selection?.kind === 'transition' ? transitions.find((tr) => tr.key === selection.key) : undefined;
  const errorCount = lint?.issues.filter((i) => i.severity === 'error').length ?? 0;
  const warningCount = (lint?.issues.length ?? 0) - errorCount;
  const base = `/admin/definitions/${encodeURIComponent(key)}`;

  const inspector = () => {
    if (selection?.kind === 'state') {
      return (
        <StateInspector
          doc={doc}
          id={selection.id}
          readOnly={readOnly}
          formKeys={formKeys}
          apply={apply}
          onSelect={setSelection}
          onAddState={(parentId) => setAddingState({ parentId })}
          onAddTransition={(source, event) => setAddingTransition({ source, event: event ?? '', kind: 'on' })}
        />
      );
    }
    if (selectedTransition) {
      return (
        <TransitionInspector
          doc={doc}
          transition={selectedTransition}
          readOnly={readOnly}
          apply={apply}
          fieldGroups={fieldGroupsFor(doc, selectedTransition.source, catalog.forms, localize, { event: t('fieldsOfEvent'), settings: t('fieldsOfSettings') })}
        />
      );
    }
    return <DefinitionInspector doc={doc} readOnly={readOnly} apply={apply} />;
  };

  return (
    <section className="jz-admin-editor-page">
      <PageTitle
        extra={
          <Space wrap>
            {draft.dirty && <Tag color="orange">{t('unsaved')}</Tag>}
            {!readOnly && (
              <>
                <Button type="primary" loading={busy === 'save'} onClick={() => void run('save', draft.save, t('saved'))} data-testid="save">
                  {t('save')}
                </Button>
                <Button loading={busy === 'lint'} onClick={() => void run('lint', draft.check, t('checked')).then(() => setTab('lint'))}>
                  {t('lint')}
                </Button>
                <Popconfirm title={t('publishConfirm', { version })} onConfirm={() => void run('publish', draft.publish, t('published', { version }))}>
                  <Button loading={busy === 'publish'} data-testid="publish">
                    {t('publish')}
                  </Button>
                </Popconfirm>
              </>
            )}
            <Link to={`${base}/diff?to=${version}`}>{t('diff')}</Link>
            <Link to={`${base}/migrate`}>{t('migrate')}</Link>
          </Space>
        }
      >
        {localize(typeof doc.title === 'string' ? doc.title : doc.title)} <Typography.Text type="secondary">v{version}</Typography.Text> <StatusTag status={draft.detail.status} />
      </PageTitle>
      {readOnly && (
        <Alert
          type="info"
          showIcon
          title={t('readOnly')}
          action={
            <Button type="primary" size="small" loading={busy === 'copy'} onClick={() => void copyToDraft()}>
              {t('editAsDraft')}
            </Button>
          }
        />
      )}
      {draft.backup && (
        <Alert
          type="warning"
          showIcon
          title={t('backupFound')}
          action={
            <Space>
              <Button size="small" type="primary" onClick={draft.restoreBackup}>
                {t('restore')}
              </Button>
              <Button size="small" onClick={draft.discardBackup}>
                {t('discard')}
              </Button>
            </Space>
          }
        />
      )}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <div className="jz-admin-editor">
        <div className="jz-admin-editor-graph">
          {!readOnly && (
            <Space wrap className="jz-admin-toolbar">
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAddingState({ parentId: null })} data-testid="add-state">
                {t('addState')}
              </Button>
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAddingTransition({ source: selection?.kind === 'state' ? selection.id : '', kind: 'on' })} data-testid="add-transition">
                {t('addTransition')}
              </Button>
              <Button icon={<UndoOutlined aria-hidden />} disabled={!draft.canUndo} onClick={draft.undo}>
                {t('undo')}
              </Button>
              <Typography.Text type="secondary">{t('graphHint')}</Typography.Text>
            </Space>
          )}
          <StatechartGraph
            doc={doc}
            selection={selection}
            onSelect={(next) => {
              setSelection(next);
              setTab('inspector');
            }}
            severities={severities}
            issues={stateIssues}
            namedDelays={draft.detail.delays}
            visited={tab === 'simulate' ? visited : undefined}
            onConnect={readOnly ? undefined : (source, targetId) => setAddingTransition({ source, targetId, kind: 'on' })}
            focus={focus}
          />
        </div>
        <div className="jz-admin-editor-side">
          <Tabs
            activeKey={tab}
            onChange={(next) => setTab(next as Tab)}
            items={[
              { key: 'inspector', label: t('tabInspector'), children: inspector() },
              {
                key: 'lint',
                label: (
                  <Badge count={errorCount} size="small" offset={[8, 0]} color={errorCount ? 'red' : warningCount ? 'orange' : 'green'}>
                    {t('tabLint')}
                  </Badge>
                ),
                children: (
                  <LintList
                    issues={lint?.issues ?? []}
                    checked={lint !== null}
                    onPick={(id) => {
                      setSelection({ kind: 'state', id });
                      setFocus((current) => ({ id, seq: (current?.seq ?? 0) + 1 }));
                      setTab('inspector');
                    }}
                  />
                ),
              },
              { key: 'json', label: t('tabJson'), children: <JsonView doc={doc} readOnly={readOnly} onChange={draft.update} /> },
              {
                key: 'simulate',
                label: t('tabSimulate'),
                children: <SimulatePanel definitionKey={key} doc={doc} forms={catalog.forms} onVisited={setVisited} />,
                destroyOnHidden: true,
              },
            ]}
          />
        </div>
      </div>
      {addingState && (
        <AddStateDialog
          parentId={addingState.parentId}
          onCancel={() => setAddingState(null)}
          freeName={freeStateName(doc, addingState.parentId)}
          onAdd={(name, kind, title) => {
            const id = addingState.parentId ? `${addingState.parentId}.${name}` : name;
            apply((d) => addState(d, addingState.parentId, name, kind, title), { kind: 'state', id });
            setAddingState(null);
          }}
        />
      )}
      {addingTransition && (
        <AddTransitionDialog
          doc={doc}
          initial={addingTransition}
          onCancel={() => setAddingTransition(null)}
          onAdd={(spec) => {
            const index = transitions.filter((tr) => tr.source === spec.source && tr.kind === spec.kind && tr.event === (spec.kind === 'always' ? '' : spec.event)).length;
            apply((d) => addTransition(d, spec.source, spec), { kind: 'transition', key: `${spec.source}|${spec.kind}|${spec.kind === 'always' ? '' : spec.event}|${index}` });
            setAddingTransition(null);
          }}
        />
      )}
    </section>
  );
}
