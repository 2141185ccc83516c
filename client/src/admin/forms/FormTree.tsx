import { Button, Popconfirm, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';
import { FIELD_TYPES, moveField, removeField, type FormModel } from '../model';
import type { TreeRow } from './formTree';
import { DragHandle, SortableItem, SortableList } from './SortableRows';

type Edit = (change: (model: FormModel) => FormModel) => void;

const key = (path: string[]) => path.join('/');

interface TreeProps {
  rows: TreeRow[];
  selected: string | null;
  onSelect: (path: string[]) => void;
  onEdit: Edit;
  /** The server's messages from the last refused save, by row key. */
  problems?: Map<string, string[]>;
}

/** One level: its rows dragged into order among themselves (dnd-kit), each container opened below its row. */
function TreeLevel({ rows, selected, onSelect, onEdit, problems }: TreeProps) {
  const t = useT(builderText);
  const ids = rows.map((row) => key(row.path));
  const onMove = (from: string, to: string) => {
    const row = rows.find((r) => key(r.path) === from);
    const index = rows.findIndex((r) => key(r.path) === to);
    if (row && index >= 0) onEdit((m) => moveField(m, row.path, index));
  };
  return (
    <SortableList ids={ids} onMove={onMove}>
      <ul className="jz-admin-tree" role="list">
        {rows.map((row) => {
          const id = key(row.path);
          const type = FIELD_TYPES.find((entry) => entry.id === row.field.type);
          const name = row.field.label?.zh ?? row.field.name;
          return (
            <li key={id}>
              <SortableItem id={id} className={`jz-admin-tree-row${selected === id ? ' jz-admin-tree-selected' : ''}`}>
                <DragHandle label={t('dragField', { name })} />
                <button type="button" className="jz-admin-tree-label" onClick={() => onSelect(row.path)} aria-pressed={selected === id} data-testid="tree-field" data-path={id}>
                  <span>{name}</span> <Typography.Text code>{row.field.name}</Typography.Text>
                </button>
                <Tag>{type?.zh ?? t('unknownType')}</Tag>
                {row.field.block && <Tag color="purple">{t('blockTag', { block: row.field.block.name })}</Tag>}
                {row.required && <Tag color="red">{t('required')}</Tag>}
                {row.requiredIf && <Tag color="orange">{t('requiredIfTag')}</Tag>}
                {row.showIf && <Tag color="blue">{t('showIfTag')}</Tag>}
                {row.field.extra && <Tag color="gold">{t('jsonOnly')}</Tag>}
                <Popconfirm title={t('removeConfirm', { name })} onConfirm={() => onEdit((m) => removeField(m, row.path))}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('removeField', { name })} />
                </Popconfirm>
              </SortableItem>
              {problems?.get(id)?.map((problem) => (
                <Typography.Text key={problem} type="danger" role="alert" className="jz-admin-tree-problem" data-testid="tree-problem" data-path={id}>{problem}</Typography.Text>
              ))}
              {row.children && (
                <div className="jz-admin-tree-children">
                  {row.children.length ? <TreeLevel rows={row.children} selected={selected} onSelect={onSelect} onEdit={onEdit} problems={problems} /> : <Typography.Text type="secondary">{t('emptySection')}</Typography.Text>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </SortableList>
  );
}

/** The form's fields as a tree: sections and repeating groups nested to any depth, each level ordered by dragging. */
export function FormTree(props: TreeProps) {
  return (
    <div data-testid="form-tree" className="jz-admin-tree-root">
      <TreeLevel {...props} />
    </div>
  );
}
