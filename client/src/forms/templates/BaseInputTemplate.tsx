import { Input } from 'antd';
import { ariaDescribedByIds, examplesId, getInputProps, type BaseInputTemplateProps } from '@rjsf/utils';
import { SchemaExamples } from '@rjsf/core';

/**
 * Text and number fields as Ant Design inputs. Numbers are the browser's number field with the
 * phone's numeric keypad (not antd's InputNumber, whose stepper and decimal engine a form does
 * not need); rjsf's NumberField turns the text into a number.
 */
export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { disabled, id, htmlName, onBlur, onChange, onChangeOverride, onFocus, options, placeholder, readonly, required, schema, value, type, rawErrors, autofocus } = props;
  const inputProps = getInputProps(schema, type, options);
  const invalid = Boolean(rawErrors?.length);
  const numeric = inputProps.type === 'number' || inputProps.type === 'integer';
  return (
    <>
      <Input
        id={id}
        name={htmlName || id}
        {...inputProps}
        type={numeric ? 'number' : inputProps.type}
        inputMode={numeric ? (schema.type === 'integer' ? 'numeric' : 'decimal') : undefined}
        value={value ?? ''}
        placeholder={placeholder}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        status={invalid ? 'error' : undefined}
        aria-invalid={invalid || undefined}
        list={schema.examples ? examplesId(id) : undefined}
        aria-describedby={ariaDescribedByIds(id, Boolean(schema.examples))}
        onChange={onChangeOverride || (({ target }) => onChange(target.value === '' ? options.emptyValue : target.value))}
        onBlur={({ target }) => onBlur(id, target.value)}
        onFocus={({ target }) => onFocus(id, target.value)}
      />
      <SchemaExamples id={id} schema={schema} />
    </>
  );
}
