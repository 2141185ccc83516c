import { useState } from 'react';
import { Input, Modal, Radio, Space, Typography } from 'antd';
import { useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { STATE_NAME, type NewStateKind } from '../model';

const KINDS: NewStateKind[] = ['task', 'atomic', 'final', 'compound', 'parallel'];

/** Name and kind of a new state under `parentId` (top level when null). */
export function AddStateDialog({ parentId, onAdd, onCancel }: { parentId: string | null; onAdd: (name: string, kind: NewStateKind) => void; onCancel: () => void }) {
  const t = useT(editorText);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<NewStateKind>('task');
  const valid = STATE_NAME.test(name);
  return (
    <Modal open title={t('addState')} okText={t('add')} okButtonProps={{ disabled: !valid }} onOk={() => onAdd(name, kind)} onCancel={onCancel}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{parentId ? t('addStateUnder', { parent: parentId }) : t('addStateTop')}</Typography.Text>
        <Input
          autoFocus
          value={name}
          status={name && !valid ? 'error' : undefined}
          placeholder="secondReview"
          onChange={(e) => setName(e.target.value.trim())}
          onPressEnter={() => valid && onAdd(name, kind)}
          aria-label={t('stateName')}
        />
        <Typography.Text type={name && !valid ? 'danger' : 'secondary'}>{t('stateNameRule')}</Typography.Text>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} options={KINDS.map((k) => ({ value: k, label: t(`newKind.${k}`) }))} />
      </Space>
    </Modal>
  );
}
