/**
 * The shapes every user of the forms layer shares: a form as stored and served, and the result
 * of validating a submission against it.
 */

/** A form as stored in `schemas/` and served by `GET /api/forms/:key`: a self-contained JSON Schema with its uiSchema. */
export interface FormDocument {
  /** `<definitionKey>.<stateId>` (e.g. `household-identification.application`) or `common.<name>`. */
  key: string;
  version: number;
  title: { zh: string; en: string };
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** Messages by JSON pointer into the submitted data, e.g. `'/members/0/idNumber'`; `''` is the root. */
export type FieldErrors = Record<string, string[]>;

/** The languages messages and labels come in; zh-CN is the default everywhere. */
export type Locale = 'zh-CN' | 'en';

/** The outcome of validating one submission. */
export interface FormValidationResult {
  valid: boolean;
  fields: FieldErrors;
  /** The submission without the values of fields the form hides (conditions false) or does not declare. */
  data: unknown;
}

/** Validates submissions against forms; compiled schemas are kept between calls. */
export interface FormValidator {
  validate(form: FormDocument, data: unknown, locale?: Locale): FormValidationResult;
}
