import type { RJSFSchema, ValidatorType } from '@rjsf/utils';
import { createRjsfValidator } from '@shared/forms';
import type { Locale } from '../i18n';

// Typed for the client's form data (SchemaForm's FormData): the shared factory is typed for the server's `unknown` submissions.
type FormValidator = ValidatorType<Record<string, unknown>, RJSFSchema>;

const validators = new Map<Locale, FormValidator>();

/**
 * The server's own validator configuration (server/src/forms), with messages in the user's
 * language: what passes here passes on the server. Built once per language, on first use.
 */
export function validatorFor(locale: Locale): FormValidator {
  let validator = validators.get(locale);
  if (!validator) {
    validator = createRjsfValidator(locale) as unknown as FormValidator;
    validators.set(locale, validator);
  }
  return validator;
}
