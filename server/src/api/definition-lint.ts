import type { FormIndex } from '../domain/definitions/form-pins';
import { lintDefinition } from '../engine';
import type { LintResult } from '../engine';

/** Lints a document against the forms it would pin (drafts first) and the county's configuration of the year. */
export function lintAgainstForms(doc: unknown, index: FormIndex, config: Record<string, unknown>, locale: 'zh-CN' | 'en',
  overrides: Record<string, Record<string, unknown>> = {}): LintResult {
  const forms: Record<string, Record<string, unknown> | null> = {};
  for (const [key, f] of index.published) forms[key] = f.schema;
  for (const [key, f] of index.drafts) forms[key] = f.schema;
  Object.assign(forms, overrides);
  return lintDefinition(doc, { forms, config, locale });
}
