import { Button, Space, Tooltip } from 'antd';
import { RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';

/** The builder's undo and redo buttons (Ctrl+Z / Ctrl+Y do the same, see useEditHistory). */
export function UndoRedoButtons({ history }: { history: { canUndo: boolean; canRedo: boolean; undo(): void; redo(): void } }) {
  const t = useT(builderText);
  return (
    <Space.Compact>
      <Tooltip title={t('undoHint')}>
        <Button icon={<UndoOutlined aria-hidden />} disabled={!history.canUndo} onClick={history.undo} aria-label={t('undo')} data-testid="undo" />
      </Tooltip>
      <Tooltip title={t('redoHint')}>
        <Button icon={<RedoOutlined aria-hidden />} disabled={!history.canRedo} onClick={history.redo} aria-label={t('redo')} data-testid="redo" />
      </Tooltip>
    </Space.Compact>
  );
}
