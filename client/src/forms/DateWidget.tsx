import { Input } from 'antd';
import type { WidgetProps } from '@rjsf/utils';

/**
 * A date kept as `YYYY-MM-DD` (JSON Schema `format: date`). The browser's own date field: phones
 * show their native picker, which is easier at 360 px than a calendar popup, and it weighs nothing.
 */
export function DateWidget({ id, value, disabled, readonly, autofocus, onChange, onBlur, onFocus }: WidgetProps) {
  const text = typeof value === 'string' ? value : '';
  return (
    <Input
      id={id}
      type="date"
      className="jz-date"
      value={text}
      min="1900-01-01"
      max="2100-12-31"
      disabled={disabled}
      readOnly={readonly}
      autoFocus={autofocus}
      onChange={(event) => onChange(event.target.value || undefined)}
      onBlur={() => onBlur(id, text)}
      onFocus={() => onFocus(id, text)}
    />
  );
}
