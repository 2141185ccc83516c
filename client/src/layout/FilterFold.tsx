import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { Button } from 'antd';
import { commonText } from '../i18n/common';
import { useT } from '../i18n';

interface FilterFoldProps {
  /** How many filters differ from the page's defaults: the button says so while they are folded away. */
  inUse: number;
  /** The button's place (a toolbar beside the search); the panel follows where the fold is rendered. */
  renderToggle: (toggle: ReactNode) => ReactNode;
  /** The filters. */
  children: ReactNode;
  className?: string;
}

/**
 * Filters that fold away on a phone: one 筛选 button (with the number in use) opens and closes them,
 * so a list's first rows are on the first screen rather than below a column of controls. A wide
 * screen shows them all and no button (layout.css, `.jz-fold-*`).
 */
export function FilterFold({ inUse, renderToggle, children, className }: FilterFoldProps) {
  const t = useT(commonText);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = (
    <Button
      className="jz-fold-toggle"
      type={inUse ? 'primary' : 'default'}
      ghost={inUse > 0}
      aria-expanded={open}
      aria-controls={panelId}
      onClick={() => setOpen((before) => !before)}
    >
      {inUse ? t('filtersInUse', { n: inUse }) : t('filters')}
    </Button>
  );
  return (
    <>
      {renderToggle(toggle)}
      <div id={panelId} className={`jz-fold-panel${open ? ' jz-fold-open' : ''}${className ? ` ${className}` : ''}`}>
        {children}
      </div>
    </>
  );
}
