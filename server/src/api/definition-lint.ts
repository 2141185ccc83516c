import type { FormIndex } from '../domain/definitions/form-pins';
import { formsUsedBy } from '../domain/definitions/form-pins';
import { lintDefinition } from '../engine';
import type { LintIssue, LintResult } from '../engine';
import { checkFormSchema } from '../forms/check-form-schema';

/**
 * The draft forms a document would pin and publish, checked as a form's save checks them: a draft
 * saved before the strict check, or one the strict check now refuses, stops the publish.
 */
function draftFormIssues(doc: unknown, index: FormIndex, locale: 'zh-CN' | 'en'): LintIssue[] {
  const issues: LintIssue[] = [];
  for (const key of formsUsedBy(doc)) {
    const draft = index.drafts.get(key);
    if (!draft) continue;
    for (const problem of checkFormSchema(draft.schema, locale)) {
      issues.push({
        severity: 'error', code: 'form_invalid', path: `/forms/${key}${problem.at}`, field: problem.at,
        message: locale === 'en' ? `Draft form ${key} v${draft.version}: ${problem.message}` : `表单草稿 ${key} v${draft.version}：${problem.message}`,
      });
    }
  }
  return issues;
}

/** Lints a document against the forms it would pin (drafts first) and the county's configuration of the year. */
export function lintAgainstForms(doc: unknown, index: FormIndex, config: Record<string, unknown>, locale: 'zh-CN' | 'en',
  overrides: Record<string, Record<string, unknown>> = {}): LintResult {
  const forms: Record<string, Record<string, unknown> | null> = {};
  for (const [key, f] of index.published) forms[key] = f.schema;
  for (const [key, f] of index.drafts) forms[key] = f.schema;
  Object.assign(forms, overrides);
  return lintDefinition(doc, { forms, config, locale });
}

/** The lint of a publish: {@link lintAgainstForms} and the strict check of every draft form the publish would pin. */
export function lintForPublish(doc: unknown, index: FormIndex, config: Record<string, unknown>, locale: 'zh-CN' | 'en'): LintResult {
  const lint = lintAgainstForms(doc, index, config, locale);
  const forms = draftFormIssues(doc, index, locale);
  return forms.length ? { ok: false, issues: [...lint.issues, ...forms] } : lint;
}
