import { useState } from 'react';
import { Input, Modal, Radio, Space, Typography } from 'antd';
import { useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { graphText } from '../../i18n/editorGraph';
import { STATE_NAME, type NewStateKind } from '../model';

const KINDS: NewStateKind[] = ['task', 'atomic', 'final', 'compound', 'parallel'];

/**
 * A new state under `parentId` (top level when null): its Chinese title and kind. Its identifier is
 * `freeName` (step1, step2…) unless the admin types one, so nobody has to invent an English name.
 */
export function AddStateDialog({
  parentId,
  freeName,
  onAdd,
  onCancel,
}: {
  parentId: string | null;
  freeName: string;
  onAdd: (name: string, kind: NewStateKind, title: string) => void;
  onCancel: () => void;
}) {
  const t = useT(editorText);
  const tg = useT(graphText);
  const [title, setTitle] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<NewStateKind>('task');
  const nameValid = !name || STATE_NAME.test(name);
  const valid = title.trim() !== '' && nameValid;
  const add = () => valid && onAdd(name || freeName, kind, title.trim());
  return (
    <Modal open title={t('addState')} okText={t('add')} okButtonProps={{ disabled: !valid }} onOk={add} onCancel={onCancel}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{parentId ? t('addStateUnder', { parent: parentId }) : t('addStateTop')}</Typography.Text>
        <label htmlFor="new-state-title">{tg('stateTitle')}</label>
        <Input id="new-state-title" autoFocus value={title} placeholder={tg('stateTitlePlaceholder')} onChange={(e) => setTitle(e.target.value)} onPressEnter={add} />
        <label htmlFor="new-state-name">{tg('stateIdOptional')}</label>
        <Input
          id="new-state-name"
          value={name}
          status={nameValid ? undefined : 'error'}
          placeholder={freeName}
          onChange={(e) => setName(e.target.value.trim())}
          onPressEnter={add}
          aria-describedby="new-state-name-hint"
          aria-invalid={!nameValid}
        />
        <Typography.Text id="new-state-name-hint" type={nameValid ? 'secondary' : 'danger'}>
          {tg('stateIdAuto', { id: freeName })}
        </Typography.Text>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} options={KINDS.map((k) => ({ value: k, label: t(`newKind.${k}`) }))} />
      </Space>
    </Modal>
  );
}
