import { useState } from 'react';
import { Button, Descriptions, Divider, Input, Popconfirm, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLocalize, useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import {
  deleteState, findState, listTransitions, nameOf, renameState, setInitialState, setTask, updateStateProps, type DocumentJson, type TaskJson,
} from '../model';
import type { Selection } from './selection';
import { TaskEditor } from './TaskEditor';

interface Props {
  doc: DocumentJson;
  id: string;
  readOnly: boolean;
  formKeys: string[];
  apply: (change: (doc: DocumentJson) => DocumentJson, select?: Selection) => void;
  onAddState: (parentId: string) => void;
  onAddTransition: (source: string, event?: string) => void;
  onSelect: (selection: Selection) => void;
}

const NEW_TASK: TaskJson = { form: '', roles: [], scope: 'village', title: { zh: '', en: '' }, dueIn: 'P5D', outcomes: [] };

/** One state: rename, description, final, initial, its task, its outgoing transitions, delete. */
export function StateInspector({ doc, id, readOnly, formKeys, apply, onAddState, onAddTransition, onSelect }: Props) {
  const t = useT(editorText);
  const localize = useLocalize();
  const state = findState(doc, id);
  const [name, setName] = useState(nameOf(id));
  // Another state selected: show its name. Adjusted while rendering, as React advises for state that
  // follows a prop; an effect would first render the old name, then render again.
  const [nameOfId, setNameOfId] = useState(id);
  if (nameOfId !== id) {
    setNameOfId(id);
    setName(nameOf(id));
  }
  if (!state) return <Typography.Text type="secondary">{t('nothingSelected')}</Typography.Text>;
  const outgoing = listTransitions(doc).filter((tr) => tr.source === id);
  const parentId = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : null;
  const parent = findState(doc, parentId);
  const rename = () => {
    const newId = parentId ? `${parentId}.${name}` : name;
    apply((d) => renameState(d, id, name), { kind: 'state', id: newId });
  };
  return (
    <div data-testid="state-inspector">
      <Descriptions size="small" column={1} items={[{ key: 'id', label: t('stateId'), children: <Typography.Text code>{id}</Typography.Text> }]} />
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input value={name} onChange={(e) => setName(e.target.value.trim())} onPressEnter={rename} disabled={readOnly} aria-label={t('stateName')} />
        <Button onClick={rename} disabled={readOnly || name === nameOf(id)}>
          {t('rename')}
        </Button>
      </Space.Compact>
      <Typography.Text type="secondary" className="jz-admin-hint">
        {t('renameHint')}
      </Typography.Text>
      <Input.TextArea
        className="jz-admin-gap"
        rows={2}
        value={state.description ?? ''}
        placeholder={t('description')}
        disabled={readOnly}
        onChange={(e) => apply((d) => updateStateProps(d, id, { description: e.target.value }))}
      />
      <Space wrap className="jz-admin-gap">
        <span>
          {t('finalState')}{' '}
          <Switch size="small" checked={state.type === 'final'} disabled={readOnly || Boolean(state.states)} onChange={(final) => apply((d) => updateStateProps(d, id, { final }))} />
        </span>
        {parent?.type !== 'parallel' && (
          <Button size="small" disabled={readOnly || parent?.initial === nameOf(id)} onClick={() => apply((d) => setInitialState(d, id))}>
            {parent?.initial === nameOf(id) ? t('isInitial') : t('makeInitial')}
          </Button>
        )}
        <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={readOnly || state.type === 'final'} onClick={() => onAddState(id)}>
          {t('addChildState')}
        </Button>
        <Popconfirm title={t('deleteStateConfirm', { id })} onConfirm={() => apply((d) => deleteState(d, id), null)} disabled={readOnly}>
          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} disabled={readOnly}>
            {t('deleteState')}
          </Button>
        </Popconfirm>
      </Space>

      <Divider titlePlacement="start">{t('transitionsOut')}</Divider>
      {outgoing.length === 0 ? (
        <Typography.Text type="secondary">{t('noTransitions')}</Typography.Text>
      ) : (
        <ul className="jz-admin-list">
          {outgoing.map((tr) => (
            <li key={tr.key}>
              <button type="button" className="jz-admin-list-button" onClick={() => onSelect({ kind: 'transition', key: tr.key })}>
                {tr.kind === 'after' ? t('afterDelay', { delay: tr.event }) : tr.kind === 'always' ? t('always') : tr.event}
                {tr.guard ? ` [${t('guardShort')}]` : ''} → {tr.targetId ?? <Typography.Text type="danger">{tr.target ?? '—'}</Typography.Text>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={readOnly || state.type === 'final'} onClick={() => onAddTransition(id)}>
        {t('addTransition')}
      </Button>

      <Divider titlePlacement="start">{t('task')}</Divider>
      {state.meta?.task ? (
        <>
          <TaskEditor
            task={state.meta.task}
            readOnly={readOnly}
            formKeys={formKeys}
            onChange={(task) => apply((d) => setTask(d, id, task))}
            handled={(event) => outgoing.some((tr) => tr.kind === 'on' && tr.event === event)}
            onAddTransition={(event) => onAddTransition(id, event)}
          />
          <Popconfirm title={t('removeTaskConfirm', { title: localize(state.meta.task.title) })} onConfirm={() => apply((d) => setTask(d, id, undefined))} disabled={readOnly}>
            <Button size="small" danger disabled={readOnly}>
              {t('removeTask')}
            </Button>
          </Popconfirm>
        </>
      ) : (
        <Button size="small" disabled={readOnly || Boolean(state.states) || state.type === 'final'} onClick={() => apply((d) => setTask(d, id, { ...NEW_TASK, title: { zh: nameOf(id), en: nameOf(id) } }))}>
          {t('addTask')}
        </Button>
      )}
    </div>
  );
}
