import { useMemo, useState, type Ref } from 'react';
import type { default as CoreForm, FormProps, IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { localizeFormSchema } from '@shared/forms';
import { useLocale } from '../i18n';
import { deriveFields, markComputedReadonly } from './deriveFields';
import { markAttachmentFields } from './markAttachmentFields';
import { ErrorSummary, focusField, summarizeErrors, type ErrorSummaryItem } from './ErrorSummary';
import { withRequiredMessages } from './requiredMessages';
import { ThemedForm } from './ThemedForm';
import { translatorFor } from './translateString';
import { validatorFor } from './validatorFor';
import './forms.css';

export type FormData = Record<string, unknown>;

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
 * A form of `schemas/`, rendered with our templates and widgets and the shared validator, labelled in
 * the current language, with the values its rules can work out filled in as the user types. The
 * browser's own validation is off (`noHtml5Validate`): it would block submit without saying why.
 */
export function SchemaForm({ schema, uiSchema, formData, onChange, extraErrors, formRef }: SchemaFormProps) {
  const { locale } = useLocale();
  const localized = useMemo(() => localizeFormSchema(schema, locale) as RJSFSchema, [schema, locale]);
  const ui = useMemo(() => markAttachmentFields(schema, markComputedReadonly(schema, uiSchema)) as UiSchema<FormData>, [schema, uiSchema]);
  const [summary, setSummary] = useState<ErrorSummaryItem[]>([]);
  const transformErrors = useMemo(() => withRequiredMessages(localized as Record<string, unknown>, locale), [localized, locale]);
  const props: FormProps<FormData> = {
    schema: localized,
    uiSchema: ui,
    formData,
    validator: validatorFor(locale),
    translateString: translatorFor(locale),
    noHtml5Validate: true,
    transformErrors,
    showErrorList: false,
    // The summary focuses the first error in reading order; rjsf's own choice follows the schema's order.
    focusOnFirstError: false,
    // Errors are shown beside the fields and listed above the form, the first one focused.
    onError: (errors) => {
      const items = summarizeErrors(errors);
      setSummary(items);
      if (items[0]) focusField(items[0].id);
    },
    extraErrors,
    onChange: (event: IChangeEvent<FormData>, id?: string) => {
      // A field being put right leaves the summary; the next submit checks everything again.
      if (id && summary.some((item) => item.id.startsWith(id))) setSummary((before) => before.filter((item) => !item.id.startsWith(id)));
      onChange?.(deriveFields(schema, event.formData ?? {}));
    },
    // The page's own buttons submit (outcomes, 提交申请), after validateForm() through formRef.
    children: <></>,
  };
  return (
    <>
      <ErrorSummary items={summary} />
      <ThemedForm {...props} ref={formRef} className="jz-form" />
    </>
  );
}
