import { join } from 'node:path';

import { createFormValidator, type FormDocument } from '../../server/src/forms';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';

export const SCHEMAS_DIR = join(__dirname, '..', '..', 'schemas');

let forms: FormDocument[] | undefined;

/** Every form under schemas/, loaded once per test file. */
export function allForms(): FormDocument[] {
  forms ??= loadFormsFromDir(SCHEMAS_DIR);
  return forms;
}

export function formByKey(key: string): FormDocument {
  const form = allForms().find((f) => f.key === key);
  if (form === undefined) throw new Error(`No form ${key} under schemas/`);
  return form;
}

/** A deep copy of a form's first example, safe to change. */
export function exampleOf(key: string): any {
  return structuredClone((formByKey(key).schema.examples as unknown[])[0]);
}

/** One validator per test file, as the server keeps one per process. */
export const validator = createFormValidator();
