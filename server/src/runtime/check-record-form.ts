import { ValidationError } from '../kernel';
import type { Queryable } from '../store/database';
import { findLatestPublishedFormVersion } from '../store/forms.repository';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Checks the data of a form filled outside a task (a 帮扶记录卡 line, a plan, a measure, a village's
 * indicators) against the form's newest published version, as a task's form is checked: the values
 * of hidden and undeclared fields are dropped, and what is wrong is a 400 naming each field.
 * Answers the cleaned data. `db`: the use case's transaction.
 */
export async function checkRecordForm(deps: Pick<RuntimeDeps, 'catalog' | 'forms' | 'tenantId'>, db: Queryable, key: string, data: unknown,
  locale: 'zh-CN' | 'en'): Promise<Record<string, unknown>> {
  const version = await findLatestPublishedFormVersion(db, deps.tenantId, key);
  if (version === null) throw new Error(`Form ${key} is not in the database: run the seed or publish schemas/${key.replace('.', '/')}.json`);
  const form = await deps.catalog.form(deps.tenantId, key, version, db);
  const check = deps.forms.validate(form, data, locale);
  if (!check.valid) throw new ValidationError(locale === 'en' ? 'The form has errors' : '表单填写有误', check.fields);
  return check.data as Record<string, unknown>;
}
