import type { TaskOutcome } from './definition';
import { formFieldSchema } from './form-fields';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const segment of path.split('.')) node = isObject(node) ? node[segment] : undefined;
  return node;
}

/** A value as the form shows it: the enum's title (`oneOf` const titles) where the form has one. */
function shownValue(field: Record<string, unknown> | undefined, value: unknown, en: boolean): string {
  const options = Array.isArray(field?.oneOf) ? field.oneOf.filter(isObject) : [];
  const option = options.find((o) => o.const === value);
  if (option) return String((en ? option['x-title-en'] : undefined) ?? option.title ?? value);
  return String(value);
}

/**
 * Where the submitted data disagrees with what an outcome requires of it (`requires` on the task's
 * outcome), as field messages keyed by JSON pointer; empty when they agree. Pure: the runtime turns
 * a non-empty answer into a 400 that changes nothing.
 * @example outcomeDisagreements({ event: 'VERIFY', label: { zh: '核实通过' }, requires: { conclusion: ['情况属实'] } }, { conclusion: '需补正' })
 * // { '/conclusion': ['选择“核实通过”时，核实结论应为：情况属实'] }
 */
export function outcomeDisagreements(outcome: TaskOutcome, data: unknown, schema?: Record<string, unknown>, locale: 'zh-CN' | 'en' = 'zh-CN'): Record<string, string[]> {
  const en = locale === 'en';
  const fields: Record<string, string[]> = {};
  for (const [path, allowed] of Object.entries(outcome.requires ?? {})) {
    const value = valueAt(data, path);
    if (allowed.some((a) => a === value)) continue;
    const field = schema ? formFieldSchema(schema, path) : undefined;
    const title = String((en ? field?.['x-title-en'] : undefined) ?? field?.title ?? path);
    const values = allowed.map((a) => shownValue(field, a, en)).join(en ? ' or ' : '或');
    const label = (en ? outcome.label.en : undefined) ?? outcome.label.zh;
    fields[`/${path.split('.').join('/')}`] = [en ? `"${label}" needs ${title} to be ${values}` : `选择“${label}”时，${title}应为：${values}`];
  }
  return fields;
}
