import { EditError } from './definitionTypes';
import { derefSchema, optionsOf, titleOf } from './formFields';

/** The form builder's model: top-level fields of a form's JSON Schema and uiSchema, edited as data. */

export type Schema = Record<string, unknown>;
export type BuilderFieldType = 'string' | 'textarea' | 'number' | 'integer' | 'boolean' | 'date' | 'enum' | 'other';

export interface EnumOption {
  value: string;
  zh: string;
  en: string;
}

/** Shown only when another field has a given value (`allOf: [{ if, then }]`, as schemas/ writes it). */
export interface Visibility {
  field: string;
  /** One value (`const`) or any of several (`enum`). */
  equals: string | number | boolean | Array<string | number | boolean>;
}

export interface FieldSpec {
  name: string;
  titleZh: string;
  titleEn: string;
  type: BuilderFieldType;
  required: boolean;
  options: EnumOption[];
  visibleWhen: Visibility | null;
  /** Declared in a branch whose condition the builder cannot show: its condition is edited as JSON. */
  advanced?: boolean;
  /** Comes from a shared definition (`allOf: [{ $ref }]`): shown, but changed only in the JSON. */
  shared?: boolean;
}

export interface FormParts {
  schema: Schema;
  uiSchema: Schema;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The single `{ properties: { f: { const } }, required: [f] }` condition of a branch, if that is what it is. */
function conditionOf(branch: Schema): Visibility | null {
  const test = branch.if;
  if (!isSchema(test) || !isSchema(test.properties)) return null;
  const entries = Object.entries(test.properties);
  if (entries.length !== 1 || !isSchema(entries[0][1])) return null;
  const [field, rule] = entries[0] as [string, Schema];
  if ('const' in rule) return { field, equals: rule.const as Visibility['equals'] };
  if (Array.isArray(rule.enum)) return { field, equals: rule.enum.length === 1 ? (rule.enum[0] as string) : (rule.enum as string[]) };
  return null;
}

function branchesOf(schema: Schema): Schema[] {
  return (Array.isArray(schema.allOf) ? schema.allOf : []).filter(isSchema);
}

function typeOf(node: Schema, ui: unknown): BuilderFieldType {
  if (optionsOf(node) && (node.type === 'string' || node.type === undefined)) return 'enum';
  if (node.type === 'string' && node.format === 'date') return 'date';
  if (node.type === 'string') return isSchema(ui) && ui['ui:widget'] === 'textarea' ? 'textarea' : 'string';
  if (node.type === 'number' || node.type === 'integer' || node.type === 'boolean') return node.type;
  return 'other';
}

function specOf(name: string, raw: Schema, schema: Schema, ui: Schema, required: boolean, visibleWhen: Visibility | null): FieldSpec {
  const node = derefSchema(raw, schema);
  const title = titleOf(node, name);
  const type = typeOf(node, ui[name]);
  const options = type === 'enum' ? (optionsOf(node) ?? []).map((o) => ({ value: String(o.value), zh: o.label.zh, en: o.label.en ?? '' })) : [];
  return { name, titleZh: title.zh, titleEn: title.en ?? '', type, required, options, visibleWhen };
}

/** The form's top-level fields in display order (`ui:order`), conditional ones with their condition. */
export function listFormFields({ schema, uiSchema }: FormParts): FieldSpec[] {
  const required = new Set(strings(schema.required));
  const fields: FieldSpec[] = Object.entries((schema.properties as Schema | undefined) ?? {})
    .filter(([, node]) => isSchema(node))
    .map(([name, node]) => specOf(name, node as Schema, schema, uiSchema, required.has(name), null));
  for (const branch of branchesOf(schema)) {
    if (typeof branch.$ref === 'string') {
      const shared = derefSchema(branch, schema);
      const sharedRequired = new Set(strings(shared.required));
      for (const [name, node] of Object.entries((shared.properties as Schema | undefined) ?? {})) {
        if (isSchema(node) && !fields.some((f) => f.name === name)) fields.push({ ...specOf(name, node, schema, uiSchema, sharedRequired.has(name), null), shared: true });
      }
      continue;
    }
    const condition = conditionOf(branch);
    const then = isSchema(branch.then) ? branch.then : null;
    if (!then) continue;
    const thenRequired = new Set(strings(then.required));
    for (const [name, node] of Object.entries((then.properties as Schema | undefined) ?? {})) {
      if (!isSchema(node) || fields.some((f) => f.name === name)) continue;
      const spec = specOf(name, node, schema, uiSchema, thenRequired.has(name), condition);
      fields.push(condition ? spec : { ...spec, advanced: true });
    }
  }
  const order = strings(uiSchema['ui:order']);
  const rank = (name: string) => {
    const at = order.indexOf(name);
    return at >= 0 ? at : order.indexOf('*') >= 0 ? order.indexOf('*') : order.length;
  };
  return fields.map((field, i) => ({ field, i })).sort((a, b) => rank(a.field.name) - rank(b.field.name) || a.i - b.i).map(({ field }) => field);
}

function nodeFor(spec: FieldSpec, previous: Schema | undefined): Schema {
  const titles = { title: spec.titleZh, 'x-title-en': spec.titleEn || spec.titleZh };
  switch (spec.type) {
    case 'string':
    case 'textarea':
      return { type: 'string', ...titles, maxLength: 1000 };
    case 'date':
      return { type: 'string', format: 'date', ...titles };
    case 'number':
    case 'integer':
      return { type: spec.type, ...titles };
    case 'boolean':
      return { type: 'boolean', ...titles };
    case 'enum':
      return { type: 'string', ...titles, oneOf: spec.options.map((o) => ({ const: o.value, title: o.zh, 'x-title-en': o.en || o.zh })) };
    default:
      return { ...(previous ?? {}), ...titles };
  }
}

/** A value of the field's type, so the form's examples still validate after a required field is added. */
export function sampleValue(spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return '2020-01-01';
    case 'enum':
      return spec.options[0]?.value ?? '';
    default:
      return spec.titleZh || spec.name;
  }
}

/** Removes a field wherever it is declared (properties, conditional branches, required, ui, examples). */
export function removeFormField({ schema, uiSchema }: FormParts, name: string): FormParts {
  const next = structuredClone(schema);
  const ui = structuredClone(uiSchema);
  if (isSchema(next.properties)) delete next.properties[name];
  next.required = strings(next.required).filter((r) => r !== name);
  if ((next.required as string[]).length === 0) delete next.required;
  if (Array.isArray(next.allOf)) {
    next.allOf = (next.allOf as unknown[]).filter((branch) => {
      if (!isSchema(branch) || !isSchema(branch.then)) return true;
      const then = branch.then;
      if (isSchema(then.properties)) delete then.properties[name];
      if (Array.isArray(then.required)) then.required = strings(then.required).filter((r) => r !== name);
      return Object.keys((then.properties as Schema | undefined) ?? {}).length > 0 || strings(then.required).length > 0;
    });
    if ((next.allOf as unknown[]).length === 0) delete next.allOf;
  }
  if (Array.isArray(next.examples)) {
    next.examples = (next.examples as unknown[]).map((example) => {
      if (!isSchema(example)) return example;
      const { [name]: _dropped, ...rest } = example;
      return rest;
    });
  }
  delete ui[name];
  if (Array.isArray(ui['ui:order'])) ui['ui:order'] = strings(ui['ui:order']).filter((entry) => entry !== name);
  return { schema: next, uiSchema: ui };
}

function findBranch(schema: Schema, visibility: Visibility): Schema {
  const allOf = Array.isArray(schema.allOf) ? (schema.allOf as unknown[]) : [];
  let branch = allOf.find((b): b is Schema => isSchema(b) && JSON.stringify(conditionOf(b)) === JSON.stringify(visibility));
  if (!branch) {
    branch = {
      if: {
        properties: { [visibility.field]: Array.isArray(visibility.equals) ? { enum: visibility.equals } : { const: visibility.equals } },
        required: [visibility.field],
      },
      then: { type: 'object', properties: {} },
    };
    schema.allOf = [...allOf, branch];
  }
  if (!isSchema(branch.then)) branch.then = { type: 'object', properties: {} };
  return branch.then as Schema;
}

/**
 * Adds a field, or replaces `originalName` with it (renamed, retyped, made conditional). Unknown
 * keywords of an `other` field are kept. New required top-level fields get a sample value in the
 * form's examples, which the server checks against the schema.
 * @example upsertFormField(parts, { name: 'remark', titleZh: '备注', titleEn: 'Remark', type: 'textarea', required: false, options: [], visibleWhen: null })
 */
export function upsertFormField(parts: FormParts, spec: FieldSpec, originalName?: string): FormParts {
  if (!FIELD_NAME.test(spec.name)) throw new EditError('badName', { name: spec.name });
  const existing = listFormFields(parts);
  if (spec.name !== originalName && existing.some((f) => f.name === spec.name)) throw new EditError('stateExists', { name: spec.name });
  const previousNode = originalName ? findFieldNode(parts.schema, originalName) : undefined;
  const hadExamples = originalName ? exampleValues(parts.schema, originalName) : [];
  const removed = originalName ? removeFormField(parts, originalName) : { schema: structuredClone(parts.schema), uiSchema: structuredClone(parts.uiSchema) };
  const schema = removed.schema;
  const ui = removed.uiSchema;
  const node = nodeFor(spec, previousNode);
  if (spec.visibleWhen) {
    const then = findBranch(schema, spec.visibleWhen);
    then.properties = { ...((then.properties as Schema | undefined) ?? {}), [spec.name]: node };
    if (spec.required) then.required = [...strings(then.required), spec.name];
  } else {
    schema.properties = { ...((schema.properties as Schema | undefined) ?? {}), [spec.name]: node };
    if (spec.required) schema.required = [...strings(schema.required), spec.name];
  }
  if (spec.type === 'textarea') ui[spec.name] = { ...(isSchema(ui[spec.name]) ? (ui[spec.name] as Schema) : {}), 'ui:widget': 'textarea' };
  else if (isSchema(parts.uiSchema[originalName ?? spec.name])) {
    const { 'ui:widget': _widget, ...rest } = parts.uiSchema[originalName ?? spec.name] as Schema;
    if (Object.keys(rest).length) ui[spec.name] = rest;
  }
  if (Array.isArray(ui['ui:order'])) {
    const order = strings(ui['ui:order']);
    const at = originalName ? strings(parts.uiSchema['ui:order']).indexOf(originalName) : -1;
    const star = order.indexOf('*');
    order.splice(at >= 0 ? at : star >= 0 ? star : order.length, 0, spec.name);
    ui['ui:order'] = order;
  }
  if (Array.isArray(schema.examples)) {
    schema.examples = (schema.examples as unknown[]).map((example, i) => {
      if (!isSchema(example)) return example;
      if (hadExamples[i] !== undefined && spec.type === 'other') return { ...example, [spec.name]: hadExamples[i] };
      if (spec.required && !spec.visibleWhen) return { ...example, [spec.name]: sampleValue(spec) };
      return example;
    });
  }
  return { schema, uiSchema: ui };
}

function findFieldNode(schema: Schema, name: string): Schema | undefined {
  const direct = (schema.properties as Schema | undefined)?.[name];
  if (isSchema(direct)) return direct;
  for (const branch of branchesOf(schema)) {
    const node = isSchema(branch.then) ? (branch.then.properties as Schema | undefined)?.[name] : undefined;
    if (isSchema(node)) return node;
  }
  return undefined;
}

function exampleValues(schema: Schema, name: string): unknown[] {
  return (Array.isArray(schema.examples) ? schema.examples : []).map((example) => (isSchema(example) ? example[name] : undefined));
}

/** Moves a field one place up or down in `ui:order` (created from the current order when missing). */
export function moveFormField(parts: FormParts, name: string, offset: -1 | 1): FormParts {
  const names = listFormFields(parts).map((f) => f.name);
  const order = Array.isArray(parts.uiSchema['ui:order']) ? strings(parts.uiSchema['ui:order']) : [...names, '*'];
  for (const field of names) if (!order.includes(field)) order.splice(order.indexOf('*') >= 0 ? order.indexOf('*') : order.length, 0, field);
  const at = order.indexOf(name);
  const to = at + offset;
  if (at < 0 || to < 0 || to >= order.length || order[to] === '*') return parts;
  [order[at], order[to]] = [order[to], order[at]];
  return { schema: parts.schema, uiSchema: { ...parts.uiSchema, 'ui:order': order } };
}
