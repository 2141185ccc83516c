import { Input } from 'antd';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useT } from '../i18n';
import { formsText } from '../i18n/forms';
import { normalizeIdCard } from './normalizeIdCard';
import { useIdCardFeedback } from './useIdCardFeedback';

/** 身份证号 with feedback on every keystroke, so a wrong digit is caught at the table, not at the county. */
export function IdCardWidget({ id, value, disabled, readonly, autofocus, placeholder, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const text = typeof value === 'string' ? value : '';
  const feedback = useIdCardFeedback(text);
  const t = useT(formsText);
  return (
    <>
      <Input
        id={id}
        value={text}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        placeholder={placeholder || t('idPlaceholder')}
        inputMode="text"
        autoComplete="off"
        maxLength={22}
        status={feedback.status === 'error' || rawErrors?.length ? 'error' : undefined}
        aria-invalid={feedback.status === 'error' || Boolean(rawErrors?.length) || undefined}
        onChange={(event) => onChange(normalizeIdCard(event.target.value) || undefined)}
        onBlur={() => onBlur(id, text)}
        onFocus={() => onFocus(id, text)}
        aria-describedby={`${id}__idcard ${ariaDescribedByIds(id)}`}
      />
      {feedback.text && !readonly && (
        <span id={`${id}__idcard`} className={`jz-widget-feedback jz-feedback-${feedback.status || 'info'}`}>
          {feedback.text}
        </span>
      )}
    </>
  );
}
