import { useState } from 'react';
import { Input } from 'antd';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useT } from '../i18n';
import { formsText } from '../i18n/forms';
import { parseMoney, readMoney, showMoney } from './parseMoney';

/**
 * Amounts in yuan with fen precision: a text field with the phone's decimal keypad and a 元 suffix,
 * shown as `12,000.50` once left. What cannot be an amount is said under the field as it is typed
 * and kept as typed, so the form's own check refuses it on submit rather than a number silently
 * standing in for it.
 */
export function MoneyWidget({ id, value, disabled, readonly, autofocus, placeholder, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const t = useT(formsText);
  // The text while the field has focus; otherwise the value is shown formatted.
  const [typing, setTyping] = useState<string | null>(null);
  const text = typing ?? showMoney(value);
  const problem = typing === null ? undefined : readMoney(typing).problem;
  const invalid = Boolean(rawErrors?.length) || Boolean(problem);
  const feedbackId = `${id}__money`;
  return (
    <>
      <Input
        id={id}
        className="jz-money"
        value={text}
        inputMode="decimal"
        autoComplete="off"
        suffix="元"
        status={invalid ? 'error' : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={problem ? `${feedbackId} ${ariaDescribedByIds(id)}` : ariaDescribedByIds(id)}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        placeholder={placeholder || t('moneyPlaceholder')}
        onChange={(event) => {
          setTyping(event.target.value);
          onChange(parseMoney(event.target.value));
        }}
        onFocus={() => {
          setTyping(typeof value === 'number' ? String(value) : showMoney(value));
          onFocus(id, value);
        }}
        onBlur={() => {
          setTyping(null);
          onBlur(id, value);
        }}
      />
      {problem && (
        <span id={feedbackId} className="jz-widget-feedback jz-feedback-error">
          {t(problem === 'decimals' ? 'moneyDecimals' : 'moneyNotNumber')}
        </span>
      )}
    </>
  );
}
