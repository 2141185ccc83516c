import type { FormDocument } from './form-document';
import { inlineSharedDefs } from './inline-shared-defs';

/** `<definitionKey>.<stateId>` (kebab-case process, camelCase step) or `common.<name>`. */
const FORM_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\.[a-z][A-Za-z0-9]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Turns the content of a form file (`{ version, title: { zh, en }, schema, uiSchema }`) into a
 * `FormDocument` with the shared `$defs` inlined. Throws with the form key and the fix when the
 * content does not have that shape.
 */
export function createFormDocument(key: string, source: unknown, sharedDefs: Record<string, unknown> = {}): FormDocument {
  if (!FORM_KEY.test(key)) {
    throw new Error(`Form key "${key}" is not valid: use <definitionKey>.<stateId>, e.g. household-identification.application.`);
  }
  if (!isObject(source)) throw new Error(`Form ${key} must be a JSON object with version, title, schema and uiSchema.`);
  const version = source.version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new Error(`Form ${key} has version ${JSON.stringify(version)}: use a whole number from 1 up.`);
  }
  const title = source.title;
  if (!isObject(title) || typeof title.zh !== 'string' || typeof title.en !== 'string' || title.zh === '' || title.en === '') {
    throw new Error(`Form ${key} needs "title": { "zh": "...", "en": "..." } with both texts filled in.`);
  }
  if (!isObject(source.schema)) throw new Error(`Form ${key} needs "schema": a JSON Schema object.`);
  const uiSchema = source.uiSchema ?? {};
  if (!isObject(uiSchema)) throw new Error(`Form ${key} has a "uiSchema" that is not an object.`);
  return {
    key,
    version,
    title: { zh: title.zh, en: title.en },
    schema: inlineSharedDefs(source.schema, sharedDefs, key),
    uiSchema,
  };
}
