import { ariaDescribedByIds, enumOptionsIndexForValue, enumOptionsValueForIndex, type WidgetProps } from '@rjsf/utils';
import { useT } from '../i18n';
import { formsText } from '../i18n/forms';
import { NativeSelect } from './NativeSelect';

/**
 * One choice from an enumeration. Options are addressed by index, as rjsf's own widgets do, so
 * enumerations of numbers or booleans keep their type.
 */
export function SelectWidget({ id, value, options, required, disabled, readonly, autofocus, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const t = useT(formsText);
  const enumOptions = options.enumOptions ?? [];
  const index = enumOptionsIndexForValue(value, enumOptions, false);
  const selected = typeof index === 'string' ? index : '';
  const choose = (next: string) => onChange(next === '' ? options.emptyValue : enumOptionsValueForIndex(next, enumOptions, options.emptyValue));
  return (
    <NativeSelect
      id={id}
      name={id}
      value={selected}
      required={required}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      invalid={Boolean(rawErrors?.length)}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={choose}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
      options={[{ value: '', label: t('choose') }, ...enumOptions.map((option, i) => ({ value: String(i), label: option.label }))]}
    />
  );
}
