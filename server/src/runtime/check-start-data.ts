import { ValidationError } from '../kernel';
import type { Queryable } from '../store/database';
import type { CatalogDefinition } from './definition-catalog';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Start data is checked against the definition's `startForm` (and kept as `data.start`); a
 * definition without one takes none, so nobody can seed the data that later guards read.
 * Returns the cleaned data (undefined when there is none). `db`: the caller's transaction, when the
 * start is part of one.
 */
export async function checkStartData(deps: Pick<RuntimeDeps, 'catalog' | 'forms' | 'tenantId'>, def: CatalogDefinition, data: Record<string, unknown> | undefined, locale: 'zh-CN' | 'en' = 'zh-CN', db?: Queryable): Promise<unknown> {
  const en = locale === 'en';
  const startForm = def.loaded.document.startForm;
  if (!startForm) {
    if (data === undefined || Object.keys(data).length === 0) return undefined;
    throw new ValidationError(en ? 'This process takes no start data' : '此流程启动时不接收数据',
      { '/data': [en ? 'Leave it out: the first task\'s form collects the data' : '请不要提交数据：数据在第一个任务的表单中填写'] });
  }
  const form = await deps.catalog.form(deps.tenantId, startForm, def.formVersions[startForm] ?? 1, db);
  const check = deps.forms.validate(form, data ?? {}, locale);
  if (!check.valid) {
    throw new ValidationError(en ? 'The form has errors' : '表单填写有误',
      Object.fromEntries(Object.entries(check.fields).map(([pointer, messages]) => [`/data${pointer}`, messages])));
  }
  return check.data;
}
