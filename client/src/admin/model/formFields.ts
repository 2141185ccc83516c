import type { LabelJson } from './definitionTypes';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'unknown';

/** A field of a form as a guard can read it: dotted path, label, type and, for choices, the options. */
export interface FormField {
  path: string;
  title: LabelJson;
  kind: FieldKind;
  format?: string;
  options?: { value: string | number | boolean; label: LabelJson }[];
}

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A node with its local `$ref` (`#/$defs/x`) merged in; the node's own keywords win. */
export function derefSchema(node: Schema, root: Schema, depth = 0): Schema {
  if (depth > 8 || typeof node.$ref !== 'string' || !node.$ref.startsWith('#/$defs/')) return node;
  const target = (root.$defs as Schema | undefined)?.[node.$ref.slice(8)];
  if (!isSchema(target)) return node;
  const { $ref: _ref, ...own } = node;
  return { ...derefSchema(target, root, depth + 1), ...own };
}

/** Labels of a schema node: `title` in Chinese, `x-title-en` in English. */
export function titleOf(node: Schema, fallback: string): LabelJson {
  const zh = typeof node.title === 'string' ? node.title : fallback;
  return { zh, en: typeof node['x-title-en'] === 'string' ? (node['x-title-en'] as string) : zh };
}

/** The choices of an enum field, from `oneOf: [{ const, title }]` or `enum` with `x-enumNames-en` / `enumNames`. */
export function optionsOf(node: Schema): FormField['options'] {
  if (Array.isArray(node.oneOf) && node.oneOf.every((entry) => isSchema(entry) && 'const' in entry)) {
    return (node.oneOf as Schema[]).map((entry) => ({ value: entry.const as string, label: titleOf(entry, String(entry.const)) }));
  }
  if (!Array.isArray(node.enum)) return undefined;
  const zhNames = Array.isArray(node.enumNames) ? (node.enumNames as string[]) : undefined;
  const enNames = Array.isArray(node['x-enumNames-en']) ? (node['x-enumNames-en'] as string[]) : undefined;
  return (node.enum as Array<string | number | boolean>).map((value, i) => ({
    value,
    label: { zh: zhNames?.[i] ?? String(value), en: enNames?.[i] ?? zhNames?.[i] ?? String(value) },
  }));
}

function kindOf(node: Schema): FieldKind {
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
  if (typeof type === 'string' && ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(type)) return type as FieldKind;
  if (node.properties) return 'object';
  if (node.oneOf || node.enum) return 'string';
  return 'unknown';
}

/** Properties a node declares, including those its `allOf` / `if-then` branches add when a condition holds. */
function propertiesOf(node: Schema, root: Schema): Array<[string, Schema]> {
  const out = new Map<string, Schema>();
  const take = (branch: unknown) => {
    if (!isSchema(branch)) return;
    const resolved = derefSchema(branch, root);
    for (const [name, child] of Object.entries((resolved.properties as Schema | undefined) ?? {})) {
      if (isSchema(child) && !out.has(name)) out.set(name, child);
    }
    if (isSchema(resolved.then)) take(resolved.then);
    if (isSchema(resolved.else)) take(resolved.else);
    for (const part of Array.isArray(resolved.allOf) ? resolved.allOf : []) take(part);
  };
  take(node);
  return [...out.entries()];
}

/**
 * The fields of a form a guard may compare: every leaf (and every list) by dotted path, nested
 * objects walked, conditional fields included.
 * @example fieldsOfSchema(schema).map((f) => f.path) // ['conclusion', 'livingConditions.houseArea', …]
 */
export function fieldsOfSchema(schema: Schema, maxDepth = 3): FormField[] {
  const fields: FormField[] = [];
  const visit = (node: Schema, prefix: string, depth: number) => {
    for (const [name, raw] of propertiesOf(node, schema)) {
      const child = derefSchema(raw, schema);
      const path = prefix ? `${prefix}.${name}` : name;
      const kind = kindOf(child);
      if (kind === 'object') {
        if (depth < maxDepth) visit(child, path, depth + 1);
        continue;
      }
      fields.push({ path, title: titleOf(child, name), kind, format: typeof child.format === 'string' ? child.format : undefined, options: optionsOf(child) });
    }
  };
  visit(schema, '', 1);
  return fields;
}
