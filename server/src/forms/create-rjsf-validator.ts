import { customizeValidator, type CustomValidatorOptionsType } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020';

import { createLocalizer } from './create-localizer';
import { customFormats } from './custom-formats';
import { extendAjv } from './extend-ajv';
import type { Locale } from './form-document';

/** rjsf's AJV 8 validator as configured for the forms. */
export type RjsfValidator = ReturnType<typeof customizeValidator>;

/**
 * The one validator configuration, for `<Form validator={...}>` in the browser and for the server.
 * Forms are JSON Schema 2020-12, hence `Ajv2020`; formats, keywords and ajv-errors are added to
 * rjsf's own AJV setup, so browser and server accept and refuse the same data.
 * @param locale - messages in this language; without it AJV's raw messages are kept (the server localises per request)
 * @example <Form schema={form.schema} uiSchema={form.uiSchema} validator={createRjsfValidator('zh-CN')} noHtml5Validate />
 */
export function createRjsfValidator(locale?: Locale): RjsfValidator {
  return customizeValidator(
    {
      // Ajv2020 is a subclass of Ajv; the option is typed with the draft-07 class only.
      AjvClass: Ajv2020 as unknown as CustomValidatorOptionsType['AjvClass'],
      customFormats,
      // rjsf's defaults already; restated because ajv-errors needs allErrors and the localizer needs verbose.
      ajvOptionsOverrides: { allErrors: true, verbose: true },
      extenderFn: extendAjv,
    },
    locale === undefined ? undefined : createLocalizer(locale),
  );
}
