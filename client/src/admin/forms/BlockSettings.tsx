import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n';
import { blockText } from '../../i18n/formBlocks';
import { detachBlock, type FormModel } from '../model';
import type { TreeRow } from './formTree';

type Edit = (change: (model: FormModel) => FormModel) => void;

/**
 * The shared block of the selected row: its Chinese title and name, how many forms use it, and
 * the two ways on: "编辑共享模块" (every form using it changes, after a confirmation naming them)
 * and, for a field of this form that uses the block, "转为本表单字段" (a copy this form changes alone).
 */
export function BlockSettings({ row, formKey, dirty, usedBy, onEdit }: { row: TreeRow; formKey: string; dirty: boolean; usedBy?: number; onEdit: Edit }) {
  const tb = useT(blockText);
  const navigate = useNavigate();
  const own = row.readOnlyIn ? undefined : row.block;
  const block = row.readOnlyIn ?? row.block;
  if (!block) return null;
  const title = block.label?.zh ?? block.name;
  const editButton = (
    <Button type="primary" ghost disabled={dirty} data-testid="edit-block"
      onClick={() => void navigate(`/admin/blocks/${encodeURIComponent(block.name)}?form=${encodeURIComponent(formKey)}`)}>
      {tb('edit')}
    </Button>
  );
  return (
    <div className="jz-admin-block-settings" data-testid="block-settings">
      <Space wrap>
        <Tag color="purple">{tb('badge')}</Tag>
        <Typography.Text strong>{title}</Typography.Text>
        <Typography.Text code>{block.name}</Typography.Text>
        {usedBy !== undefined && <Typography.Text type="secondary">{tb('usedBy', { count: usedBy })}</Typography.Text>}
      </Space>
      <Typography.Paragraph type="secondary" className="jz-admin-gap">
        {own ? tb('usesBlock', { title, name: block.name }) : tb('inBlock', { title, name: block.name })}
      </Typography.Paragraph>
      <Space wrap>
        {dirty ? <Tooltip title={tb('editDirty')}>{editButton}</Tooltip> : editButton}
        {own && (
          <Popconfirm title={tb('detachConfirm', { title })} onConfirm={() => onEdit((m) => detachBlock(m, row.path))}>
            <Button data-testid="detach-block">{tb('detach')}</Button>
          </Popconfirm>
        )}
      </Space>
      {dirty && <Typography.Paragraph type="secondary" className="jz-admin-gap">{tb('editDirty')}</Typography.Paragraph>}
    </div>
  );
}
