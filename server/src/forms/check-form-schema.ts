import Ajv2020 from 'ajv/dist/2020';

import { customFormats } from './custom-formats';
import { extendAjv } from './extend-ajv';
import { createFormValidator } from './create-form-validator';
import { findComputeIssues } from './keywords/compute.keyword';

/** A problem of a form schema, with where it sits: `schema` (the JSON Schema itself) or `examples/<i>/<pointer>`. */
export interface FormSchemaProblem {
  at: string;
  message: string;
}

let strictAjv: Ajv2020 | undefined;

/** An AJV that refuses what rjsf's lenient one lets through: unknown keywords and formats, and keyword values their meta-schema refuses. */
function createStrictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true });
  for (const [name, validate] of Object.entries(customFormats)) ajv.addFormat(name, validate);
  // rjsf's own annotation for the labels of enum values.
  ajv.addKeyword({ keyword: 'enumNames', schemaType: 'array' });
  return extendAjv(ajv) as Ajv2020;
}

function walkComputes(node: unknown, at: string, out: FormSchemaProblem[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => walkComputes(child, `${at}/${i}`, out));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'examples') continue;
    if (key === 'x-compute' && value !== null && typeof value === 'object') {
      for (const message of findComputeIssues((value as { logic?: unknown }).logic)) out.push({ at: `${at}/x-compute`, message });
    } else {
      walkComputes(value, `${at}/${key}`, out);
    }
  }
}

/**
 * Checks a self-contained form schema (shared `$defs` inlined) as the builder saves it: valid
 * against the JSON Schema 2020-12 meta-schema, only known keywords and formats, the project's
 * keywords shaped as their meta-schemas say, computed values using allowed operators only, and
 * every example valid against the schema. Empty when all is well.
 * @example checkFormSchema(form.schema) // []
 */
export function checkFormSchema(schema: Record<string, unknown>): FormSchemaProblem[] {
  strictAjv ??= createStrictAjv();
  const problems: FormSchemaProblem[] = [];
  try {
    strictAjv.compile(schema);
    strictAjv.removeSchema(schema);
  } catch (error) {
    problems.push({ at: 'schema', message: (error as Error).message });
    return problems;
  }
  walkComputes(schema, 'schema', problems);
  const validator = createFormValidator();
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  examples.forEach((example, i) => {
    const result = validator.validate({ key: 'check.form', version: 1, title: { zh: '-', en: '-' }, schema, uiSchema: {} }, example);
    for (const [pointer, messages] of Object.entries(result.fields)) problems.push({ at: `examples/${i}${pointer}`, message: messages.join('; ') });
  });
  return problems;
}
