import { useState } from 'react';
import { Button, Popconfirm, Tag, Typography } from 'antd';
import { CaretDownOutlined, CaretRightOutlined, DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { blockText } from '../../i18n/formBlocks';
import { builderText } from '../../i18n/formBuilder';
import { FIELD_TYPES, moveField, removeField, type FormModel } from '../model';
import type { BlockRef, TreeRow } from './formTree';
import { DragHandle, SortableItem, SortableList } from './SortableRows';

type Edit = (change: (model: FormModel) => FormModel) => void;

const key = (path: string[]) => path.join('/');
const blockTitle = (block: BlockRef) => block.label?.zh ?? block.name;

interface TreeProps {
  rows: TreeRow[];
  selected: string | null;
  onSelect: (path: string[]) => void;
  onEdit: Edit;
  /** The server's messages from the last refused save, by row key. */
  problems?: Map<string, string[]>;
}

interface LevelProps extends TreeProps {
  /** Shared blocks opened in the tree, by row key (closed at first). */
  expanded: Set<string>;
  onToggle: (id: string) => void;
}

/** The tags of a row: type, shared block, required, conditions. */
function RowTags({ row }: { row: TreeRow }) {
  const t = useT(builderText);
  const tb = useT(blockText);
  const type = FIELD_TYPES.find((entry) => entry.id === row.field.type);
  return (
    <>
      <Tag>{type?.zh ?? t('unknownType')}</Tag>
      {row.block && <Tag color="purple" data-testid="block-badge">{tb('badge')} · {blockTitle(row.block)}</Tag>}
      {row.readOnlyIn && !row.block && <Tag>{tb('readOnlyIn', { title: blockTitle(row.readOnlyIn) })}</Tag>}
      {row.required && <Tag color="red">{t('required')}</Tag>}
      {row.requiredIf && <Tag color="orange">{t('requiredIfTag')}</Tag>}
      {row.showIf && <Tag color="blue">{t('showIfTag')}</Tag>}
      {row.field.extra && <Tag color="gold">{t('jsonOnly')}</Tag>}
    </>
  );
}

/** The open/close button of a shared block's row. */
function BlockToggle({ row, open, onToggle }: { row: TreeRow; open: boolean; onToggle: () => void }) {
  const tb = useT(blockText);
  if (!row.block || !row.children) return null;
  const title = blockTitle(row.block);
  return (
    <Button type="text" size="small" icon={open ? <CaretDownOutlined aria-hidden /> : <CaretRightOutlined aria-hidden />} onClick={onToggle} aria-expanded={open}
      aria-label={open ? tb('collapse', { title }) : tb('expand', { title })} data-testid="block-toggle" data-path={key(row.path)} />
  );
}

/** The children of a row: a shared block's only when opened. */
function Children(props: LevelProps & { row: TreeRow }) {
  const t = useT(builderText);
  const tb = useT(blockText);
  const { row, expanded } = props;
  if (!row.children || (row.block && !expanded.has(key(row.path)))) return null;
  return (
    <div className={`jz-admin-tree-children${row.block ? ' jz-admin-tree-block' : ''}`}>
      {row.children.length ? <TreeLevel {...props} rows={row.children} /> : <Typography.Text type="secondary">{row.block ? tb('emptyBlock') : t('emptySection')}</Typography.Text>}
    </div>
  );
}

/** One level: its own rows dragged into order among themselves (dnd-kit), a shared block's rows read-only after them, each container opened below its row. */
function TreeLevel(props: LevelProps) {
  const { rows, selected, onSelect, onEdit, problems, expanded, onToggle } = props;
  const t = useT(builderText);
  const own = rows.filter((row) => !row.readOnlyIn);
  const fixed = rows.filter((row) => row.readOnlyIn);
  const ids = own.map((row) => key(row.path));
  const onMove = (from: string, to: string) => {
    const row = own.find((r) => key(r.path) === from);
    const index = own.findIndex((r) => key(r.path) === to);
    if (row && index >= 0) onEdit((m) => moveField(m, row.path, index));
  };
  const label = (row: TreeRow, id: string, name: string) => (
    <button type="button" className="jz-admin-tree-label" onClick={() => onSelect(row.path)} aria-pressed={selected === id} data-testid="tree-field" data-path={id}>
      <span>{name}</span> <Typography.Text code>{row.field.name}</Typography.Text>
    </button>
  );
  return (
    <>
      {own.length > 0 && (
        <SortableList ids={ids} onMove={onMove}>
          <ul className="jz-admin-tree" role="list">
            {own.map((row) => {
              const id = key(row.path);
              const name = row.field.label?.zh ?? row.block?.label?.zh ?? row.field.name;
              return (
                <li key={id}>
                  <SortableItem id={id} className={`jz-admin-tree-row${selected === id ? ' jz-admin-tree-selected' : ''}`}>
                    <DragHandle label={t('dragField', { name })} />
                    <BlockToggle row={row} open={expanded.has(id)} onToggle={() => onToggle(id)} />
                    {label(row, id, name)}
                    <RowTags row={row} />
                    <Popconfirm title={t('removeConfirm', { name })} onConfirm={() => onEdit((m) => removeField(m, row.path))}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('removeField', { name })} />
                    </Popconfirm>
                  </SortableItem>
                  {problems?.get(id)?.map((problem) => (
                    <Typography.Text key={problem} type="danger" role="alert" className="jz-admin-tree-problem" data-testid="tree-problem" data-path={id}>{problem}</Typography.Text>
                  ))}
                  <Children {...props} row={row} />
                </li>
              );
            })}
          </ul>
        </SortableList>
      )}
      {fixed.length > 0 && (
        <ul className="jz-admin-tree" role="list" data-testid="block-fields">
          {fixed.map((row) => {
            const id = key(row.path);
            const name = row.field.label?.zh ?? row.block?.label?.zh ?? row.field.name;
            return (
              <li key={id}>
                <div className={`jz-admin-tree-row jz-admin-tree-readonly${selected === id ? ' jz-admin-tree-selected' : ''}`}>
                  <BlockToggle row={row} open={expanded.has(id)} onToggle={() => onToggle(id)} />
                  {label(row, id, name)}
                  <RowTags row={row} />
                </div>
                <Children {...props} row={row} />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** The form's fields as a tree: sections and repeating groups nested to any depth, each level ordered by dragging; shared blocks open on demand, read-only. */
export function FormTree(props: TreeProps) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const onToggle = (id: string) => setExpanded((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <div data-testid="form-tree" className="jz-admin-tree-root">
      <TreeLevel {...props} expanded={expanded} onToggle={onToggle} />
    </div>
  );
}
