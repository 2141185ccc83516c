import type { ErrorObject } from 'ajv';

import type { FieldErrors } from './form-document';
import { appendPointer } from './json-pointer';

/** Where an error belongs: a missing property's own pointer, else the failing value's. */
function pointerOf(error: ErrorObject): string {
  if (error.keyword === 'errorMessage') {
    // ajv-errors keeps the errors it replaced; the first says which field the message is about.
    const original = (error.params.errors as ErrorObject[] | undefined)?.[0];
    if (original !== undefined) return pointerOf(original);
  }
  const missing = error.params.missingProperty;
  if (typeof missing === 'string') return appendPointer(error.instancePath, missing);
  return error.instancePath;
}

/** Groups localized AJV errors by the JSON pointer of the field they concern, each message once. */
export function toFieldErrors(errors: readonly ErrorObject[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const pointer = pointerOf(error);
    const message = error.message ?? error.keyword;
    const messages = (fields[pointer] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  return fields;
}
