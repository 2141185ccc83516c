import { InputNumber } from 'antd';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useT } from '../i18n';
import { formsText } from '../i18n/forms';

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19\uFF0E]/g;

/** Reads "１２,０００.５ 元" as 12000.5: separators, currency marks and full-width digits are forgiven. */
function parseMoney(text: string | undefined): number {
  const ascii = (text ?? '').replace(FULL_WIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return Number(ascii.replace(/[^\d.-]/g, ''));
}

/** Amounts in yuan with fen precision, shown with thousands separators. */
export function MoneyWidget({ id, value, disabled, readonly, autofocus, placeholder, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const t = useT(formsText);
  const amount = typeof value === 'number' ? value : null;
  return (
    <InputNumber<number>
      id={id}
      className="jz-money"
      value={amount}
      min={0}
      precision={2}
      step={100}
      prefix="¥"
      inputMode="decimal"
      status={rawErrors?.length ? 'error' : undefined}
      aria-invalid={Boolean(rawErrors?.length) || undefined}
      aria-describedby={ariaDescribedByIds(id)}
      disabled={disabled}
      readOnly={readonly}
      autoFocus={autofocus}
      placeholder={placeholder || t('moneyPlaceholder')}
      formatter={(text) => String(text ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
      parser={parseMoney}
      onChange={(next) => onChange(next ?? undefined)}
      onBlur={() => onBlur(id, amount)}
      onFocus={() => onFocus(id, amount)}
    />
  );
}
