import { listFormFields, type FormParts } from '../model';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * Puts field `from` where field `to` is in the display order (`ui:order`, written from the current
 * order when the form has none), the others keeping theirs: a drag and drop of one row.
 * @example reorderFields(parts, 'remark', 'name') // remark now shows first when name was first
 */
export function reorderFields(parts: FormParts, from: string, to: string): FormParts {
  const names = listFormFields(parts).map((f) => f.name);
  const order = Array.isArray(parts.uiSchema['ui:order']) ? strings(parts.uiSchema['ui:order']) : [...names, '*'];
  for (const name of names) if (!order.includes(name)) order.splice(order.includes('*') ? order.indexOf('*') : order.length, 0, name);
  const at = order.indexOf(from);
  const target = order.indexOf(to);
  if (at < 0 || target < 0 || at === target) return parts;
  order.splice(at, 1);
  order.splice(target, 0, from);
  return { schema: parts.schema, uiSchema: { ...parts.uiSchema, 'ui:order': order } };
}
