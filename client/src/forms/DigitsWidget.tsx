import { Input } from 'antd';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';

import { toAsciiDigits } from './toAsciiDigits';

/**
 * Numbers typed as text (手机号, 固定电话, 银行账号): the phone's number keypad, full-width digits
 * forgiven, spaces a person types between groups dropped; the format checks the rest.
 */
function digitsWidget(inputMode: 'tel' | 'numeric', maxLength: number) {
  return function DigitsWidget({ id, value, disabled, readonly, autofocus, placeholder, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
    const text = typeof value === 'string' ? value : '';
    return (
      <Input
        id={id}
        value={text}
        inputMode={inputMode}
        autoComplete="off"
        maxLength={maxLength}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        placeholder={placeholder}
        status={rawErrors?.length ? 'error' : undefined}
        aria-invalid={Boolean(rawErrors?.length) || undefined}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(event) => onChange(toAsciiDigits(event.target.value) || undefined)}
        onBlur={() => onBlur(id, text)}
        onFocus={() => onFocus(id, text)}
      />
    );
  };
}

export const MobileWidget = digitsWidget('tel', 13);
export const PhoneWidget = digitsWidget('tel', 20);
export const BankAccountWidget = digitsWidget('numeric', 30);
