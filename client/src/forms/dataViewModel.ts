import type { Locale } from '../i18n/LocaleContext';
import { isNode, resolveSchema, type Node } from './resolveSchema';

export interface FieldView {
  key: string;
  label: string;
  schema: Node;
  ui: Node;
  value: unknown;
}

/** A schema's own label in the language shown: `title`, or `x-title-en` for English. */
export function labelOf(schema: Node, locale: Locale, fallback: string): string {
  const title = locale === 'en' ? (schema['x-title-en'] ?? schema.title) : schema.title;
  return typeof title === 'string' && title ? title : fallback;
}

/** Properties a node declares, including those its conditional branches (`if`/`then`) add. */
function declaredProperties(schema: Node, root: Node): Node {
  const all: Node = { ...(isNode(schema.properties) ? schema.properties : {}) };
  for (const branch of Array.isArray(schema.allOf) ? schema.allOf : []) {
    for (const part of [branch?.then, branch?.else]) {
      if (isNode(part)) Object.assign(all, resolveSchema(part, root).properties as Node);
    }
  }
  return all;
}

/**
 * The filled-in fields of an object in the form's order (`ui:order`, `*` for the rest), each with
 * its resolved schema and label. Empty values are left out: a read-only view shows what was entered.
 */
export function fieldsOf(schemaNode: Node, ui: Node, data: Node, root: Node, locale: Locale): FieldView[] {
  const schema = resolveSchema(schemaNode, root);
  const properties = declaredProperties(schema, root);
  const keys = Object.keys(data).filter((key) => data[key] !== undefined && data[key] !== null && data[key] !== '');
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : [];
  const rest = [...Object.keys(properties), ...keys].filter((key, i, list) => list.indexOf(key) === i && !order.includes(key));
  const ordered = order.flatMap((key) => (key === '*' ? rest : [key]));
  return (order.includes('*') ? ordered : [...ordered, ...rest])
    .filter((key) => keys.includes(key))
    .map((key) => {
      const child = resolveSchema(isNode(properties[key]) ? properties[key] : {}, root);
      return { key, label: labelOf(child, locale, key), schema: child, ui: isNode(ui[key]) ? ui[key] : {}, value: data[key] };
    });
}

/** A value as text: enum labels in the language shown, money with two decimals, yes/no in words; `root` resolves a list's `$ref` items. */
export function formatValue(value: unknown, schema: Node, locale: Locale, words: { yes: string; no: string }, root?: Node): string {
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number' && schema.format === 'money') {
    return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  const names = schema['x-enumNames-en'];
  if (locale === 'en' && Array.isArray(schema.enum) && Array.isArray(names)) {
    const index = schema.enum.indexOf(value);
    if (index >= 0) return String(names[index]);
  }
  if (Array.isArray(value)) {
    const itemSchema = isNode(schema.items) ? (root ? resolveSchema(schema.items, root) : schema.items) : {};
    return value.map((item) => formatValue(item, itemSchema, locale, words, root)).join(locale === 'en' ? ', ' : '、');
  }
  return String(value);
}
