import { lazy, Suspense } from 'react';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import dayjs from 'dayjs';

/** Ant Design's picker is a chunk of its own, asked for as soon as a form with a date loads. */
const loadPicker = () => import('antd/es/date-picker');
const DatePicker = lazy(loadPicker);
const FORMAT = 'YYYY-MM-DD';
const TYPED_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date kept as `YYYY-MM-DD` (JSON Schema `format: date`), picked in Ant Design's calendar in the
 * page's language (zh_CN: 年/月/日, weeks from Monday) rather than the browser's own field, which
 * follows the browser's locale (mm/dd/yyyy). Typing the date works too. Until the picker's chunk
 * has arrived, a plain text field takes the date.
 */
export function DateWidget({ id, value, disabled, readonly, autofocus, rawErrors, placeholder, onChange, onBlur, onFocus }: WidgetProps) {
  const text = typeof value === 'string' ? value : '';
  const invalid = Boolean(rawErrors?.length);
  const aria = { 'aria-invalid': invalid || undefined, 'aria-describedby': ariaDescribedByIds(id) };
  const fallback = (
    <input
      id={id}
      className="ant-input jz-date"
      defaultValue={text}
      placeholder={placeholder || FORMAT}
      disabled={disabled}
      readOnly={readonly}
      onChange={(event) => TYPED_DATE.test(event.target.value) && onChange(event.target.value)}
      {...aria}
    />
  );
  return (
    <Suspense fallback={fallback}>
      <DatePicker
        id={id}
        className="jz-date"
        value={text && dayjs(text, FORMAT).isValid() ? dayjs(text, FORMAT) : null}
        format={FORMAT}
        placeholder={placeholder || FORMAT}
        minDate={dayjs('1900-01-01')}
        maxDate={dayjs('2100-12-31')}
        disabled={disabled || readonly}
        autoFocus={autofocus}
        status={invalid ? 'error' : undefined}
        onChange={(date) => onChange(date ? (date as dayjs.Dayjs).format(FORMAT) : undefined)}
        onBlur={() => onBlur(id, text)}
        onFocus={() => onFocus(id, text)}
        {...aria}
      />
    </Suspense>
  );
}

void loadPicker();
