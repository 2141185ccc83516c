import { Input } from 'antd';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';

/** Longer text (情况说明, 备注) in Ant Design's text area, marked invalid when the form refuses it. */
export function TextareaWidget({ id, htmlName, value, options, placeholder, disabled, readonly, autofocus, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const invalid = Boolean(rawErrors?.length);
  return (
    <Input.TextArea
      id={id}
      name={htmlName || id}
      value={typeof value === 'string' ? value : ''}
      rows={typeof options.rows === 'number' ? options.rows : 4}
      placeholder={placeholder}
      disabled={disabled}
      readOnly={readonly}
      autoFocus={autofocus}
      status={invalid ? 'error' : undefined}
      aria-invalid={invalid || undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={({ target }) => onChange(target.value === '' ? options.emptyValue : target.value)}
      onBlur={({ target }) => onBlur(id, target.value)}
      onFocus={({ target }) => onFocus(id, target.value)}
    />
  );
}
