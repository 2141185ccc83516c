import { Button, Typography } from 'antd';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';
import { FIELD_TYPES, type FieldModel, type FieldTypeId } from '../model';

type PaletteType = Exclude<FieldTypeId, 'unknown'>;

const GROUPS: Array<{ key: 'basic' | 'choice' | 'people' | 'evidence' | 'layout'; types: PaletteType[] }> = [
  { key: 'basic', types: ['text', 'longText', 'integer', 'number', 'money', 'date', 'dateRange'] },
  { key: 'choice', types: ['choice', 'multiChoice', 'yesNo'] },
  { key: 'people', types: ['personName', 'idNumber', 'mobile', 'landline', 'phone', 'bankAccount', 'address'] },
  { key: 'evidence', types: ['attachment', 'photos', 'signature'] },
  { key: 'layout', types: ['section', 'group', 'computed', 'static'] },
];

/**
 * The palette: every field type, grouped, and the reusable blocks of the shared definitions; a
 * click adds one to the section named above (the selected section or repeating group, else the form).
 */
export function FieldPalette({ target, blocks, onAdd, onAddBlock }: { target: string; blocks: FieldModel[]; onAdd: (type: PaletteType) => void; onAddBlock: (block: FieldModel) => void }) {
  const t = useT(builderText);
  return (
    <nav className="jz-admin-palette" aria-label={t('palette')} data-testid="palette">
      <Typography.Text type="secondary">{t('addTo', { target })}</Typography.Text>
      {GROUPS.map((group) => (
        <div key={group.key} className="jz-admin-palette-group">
          <Typography.Text strong>{t(`palette.${group.key}`)}</Typography.Text>
          <div className="jz-admin-palette-items">
            {group.types.map((type) => (
              <Button key={type} size="small" onClick={() => onAdd(type)} data-type={type}>
                {FIELD_TYPES.find((entry) => entry.id === type)?.zh ?? type}
              </Button>
            ))}
          </div>
        </div>
      ))}
      {blocks.length > 0 && (
        <div className="jz-admin-palette-group" data-testid="palette-blocks">
          <Typography.Text strong>{t('palette.blocks')}</Typography.Text>
          <div className="jz-admin-palette-items">
            {blocks.map((block) => (
              <Button key={block.name} size="small" onClick={() => onAddBlock(block)} title={block.name} data-block={block.name}>
                {block.label?.zh ?? block.name}
              </Button>
            ))}
          </div>
        </div>
      )}
    </nav>
  );
}
