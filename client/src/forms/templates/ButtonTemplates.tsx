import { Button } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CloseOutlined, CopyOutlined, DeleteOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { getUiOptions, TranslatableString, type IconButtonProps, type TemplatesType } from '@rjsf/utils';
import type { ReactNode } from 'react';

interface Look {
  icon: ReactNode;
  label: TranslatableString;
  kind?: 'primary' | 'default' | 'link';
  danger?: boolean;
  block?: boolean;
}

/** An Ant Design icon button named by rjsf's translated string (its title and accessible name). */
function iconButton({ icon, label, kind = 'default', danger, block }: Look) {
  return function IconButton({ id, className, disabled, onClick, registry, uiSchema }: IconButtonProps) {
    const title = registry.translateString(label);
    const wide = block ?? Boolean(getUiOptions(uiSchema).block);
    return <Button id={id} className={className} disabled={disabled} onClick={onClick} title={title} aria-label={title} type={kind} danger={danger} block={wide} icon={icon} />;
  };
}

/** The buttons of lists and objects (add, move, copy, remove, clear) as Ant Design icon buttons. */
export const ButtonTemplates: Partial<TemplatesType['ButtonTemplates']> = {
  AddButton: iconButton({ icon: <PlusCircleOutlined aria-hidden />, label: TranslatableString.AddItemButton, kind: 'primary', block: true }),
  CopyButton: iconButton({ icon: <CopyOutlined aria-hidden />, label: TranslatableString.CopyButton }),
  MoveDownButton: iconButton({ icon: <ArrowDownOutlined aria-hidden />, label: TranslatableString.MoveDownButton }),
  MoveUpButton: iconButton({ icon: <ArrowUpOutlined aria-hidden />, label: TranslatableString.MoveUpButton }),
  RemoveButton: iconButton({ icon: <DeleteOutlined aria-hidden />, label: TranslatableString.RemoveButton, kind: 'primary', danger: true }),
  ClearButton: iconButton({ icon: <CloseOutlined aria-hidden />, label: TranslatableString.ClearButton, kind: 'link' }),
};
