import { useMemo, type Ref } from 'react';
import type { default as CoreForm, FormProps, IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { localizeFormSchema } from '@shared/forms';
import { useLocale } from '../i18n';
import { deriveFields, markComputedReadonly } from './deriveFields';
import { ThemedForm } from './ThemedForm';
import { translatorFor } from './translateString';
import { validatorFor } from './validatorFor';
import './forms.css';

export type FormData = Record<string, unknown>;

/** @rjsf/antd layout options: labels above inputs, left-aligned, no colons (Chinese forms do not use them). */
const FORM_CONTEXT = { labelAlign: 'left', colon: false, rowGutter: 16 };
export type SchemaFormHandle = CoreForm<FormData>;

interface SchemaFormProps {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  formData: FormData | undefined;
  onChange?: (data: FormData) => void;
  /** Server messages by field, shown beside the inputs (`toErrorSchema(fields)`). */
  extraErrors?: ErrorSchema;
  formRef?: Ref<SchemaFormHandle>;
}

/**
 * A form of `schemas/`, rendered with Ant Design, our widgets and the shared validator, labelled in
 * the current language, with the values its rules can work out filled in as the user types. The
 * browser's own validation is off (`noHtml5Validate`): it would block submit without saying why.
 */
export function SchemaForm({ schema, uiSchema, formData, onChange, extraErrors, formRef }: SchemaFormProps) {
  const { locale } = useLocale();
  const localized = useMemo(() => localizeFormSchema(schema, locale) as RJSFSchema, [schema, locale]);
  const ui = useMemo(() => markComputedReadonly(schema, uiSchema) as UiSchema<FormData>, [schema, uiSchema]);
  const props: FormProps<FormData> = {
    schema: localized,
    uiSchema: ui,
    formData,
    validator: validatorFor(locale),
    translateString: translatorFor(locale),
    noHtml5Validate: true,
    showErrorList: false,
    focusOnFirstError: true,
    formContext: FORM_CONTEXT,
    // Errors are shown beside the fields; without a handler rjsf would also log them to the console.
    onError: () => undefined,
    extraErrors,
    onChange: (event: IChangeEvent<FormData>) => onChange?.(deriveFields(schema, event.formData ?? {})),
    // The page's own buttons submit (outcomes, 提交申请), after validateForm() through formRef.
    children: <></>,
  };
  return <ThemedForm {...props} ref={formRef} className="jz-form" />;
}
