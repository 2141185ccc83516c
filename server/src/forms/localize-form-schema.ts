import type { Locale } from './form-document';

function localizeNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(localizeNode);
  if (node === null || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    // Examples are data, not labels.
    out[key] = key === 'examples' ? value : localizeNode(value);
  }
  if (typeof source['x-title-en'] === 'string') out.title = source['x-title-en'];
  if (typeof source['x-description-en'] === 'string') out.description = source['x-description-en'];
  const names = source['x-enumNames-en'];
  if (Array.isArray(source.enum) && Array.isArray(names) && names.length === source.enum.length) {
    // rjsf labels options from `oneOf` titles; the accepted values stay exactly the same.
    out.oneOf = source.enum.map((value, i) => ({ const: value, title: String(names[i]) }));
    delete out.enum;
  }
  return out;
}

/**
 * The schema with its labels in the given language, for rendering with rjsf: zh-CN is the schema
 * itself; `en` takes `x-title-en`, `x-description-en` and `x-enumNames-en` (enum values unchanged).
 */
export function localizeFormSchema(schema: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  return locale === 'zh-CN' ? schema : (localizeNode(schema) as Record<string, unknown>);
}
