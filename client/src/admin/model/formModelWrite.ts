import { writeCondition } from './formConditions';
import {
  RULE_KEYWORDS, SETTING_KEYWORDS, UI_KEYWORDS,
  type ChoiceOptions, type FieldModel, type FormModel, type Label, type SchemaNode, type SectionPart, type UiNode,
} from './formModel';

/** Where a keyword goes when the field did not have it before (new fields, new settings). */
const CANONICAL_ORDER = [
  '$schema', '$comment', 'title', 'x-title-en', 'description', 'x-description-en', '$ref', 'type', 'format',
  'enum', 'enumNames', 'x-enumNames-en', 'oneOf', 'const', 'default', 'readOnly', 'x-compute', 'x-file',
  'minLength', 'maxLength', 'pattern', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'multipleOf',
  'minItems', 'maxItems', 'items', 'uniqueItems', 'contains', 'minContains', 'maxContains',
  'required', 'properties', 'allOf', 'if', 'then', ...RULE_KEYWORDS, 'errorMessage', 'x-fill', 'x-decision', 'x-org-address', '$defs', 'examples',
];

function ordered(entries: Map<string, unknown>, keys: string[]): SchemaNode {
  const out: SchemaNode = {};
  for (const key of keys) if (entries.has(key)) out[key] = entries.get(key);
  for (const key of CANONICAL_ORDER) if (entries.has(key) && !(key in out)) out[key] = entries.get(key);
  for (const [key, value] of entries) if (!(key in out)) out[key] = value;
  return out;
}

function writeLabel(entries: Map<string, unknown>, label: Label | undefined, zhKey: string, enKey: string) {
  if (label?.zh !== undefined) entries.set(zhKey, label.zh);
  if (label?.en !== undefined) entries.set(enKey, label.en);
}

function writeOptions(entries: Map<string, unknown>, options: ChoiceOptions) {
  if (options.style === 'oneOf') {
    entries.set('oneOf', options.values.map((option) => {
      const entry: SchemaNode = { const: option.value };
      if (option.label.zh !== undefined) entry.title = option.label.zh;
      if (option.label.en !== undefined) entry['x-title-en'] = option.label.en;
      return entry;
    }));
    return;
  }
  entries.set('enum', options.values.map((option) => option.value));
  if (options.values.some((option) => option.label.zh !== undefined)) entries.set('enumNames', options.values.map((option) => option.label.zh ?? String(option.value)));
  if (options.values.some((option) => option.label.en !== undefined)) entries.set('x-enumNames-en', options.values.map((option) => option.label.en ?? option.label.zh ?? String(option.value)));
}

function writePart(part: SectionPart): SchemaNode {
  if (part.kind === 'block') return { $ref: `#/$defs/${part.block}` };
  if (part.kind === 'when') return ordered(new Map<string, unknown>([['if', writeCondition(part.when)], ['then', writeField(part.then)]]), part.keys);
  const entries = new Map<string, unknown>([['contains', writeCondition(part.contains)]]);
  if (part.messages) entries.set('errorMessage', { ...part.messages });
  return ordered(entries, part.keys);
}

/** The JSON Schema of one field: the inverse of `readField`, keywords in the order they were read. */
export function writeField(field: FieldModel): SchemaNode {
  const entries = new Map<string, unknown>();
  writeLabel(entries, field.label, 'title', 'x-title-en');
  writeLabel(entries, field.description, 'description', 'x-description-en');
  if (field.block?.via === 'ref') entries.set('$ref', `#/$defs/${field.block.name}`);
  if (field.options) writeOptions(entries, field.options);
  const settings = field.settings as Record<string, unknown>;
  for (const key of SETTING_KEYWORDS) if (settings[key] !== undefined) entries.set(key, structuredClone(settings[key]));
  const rules = field.rules as Record<string, unknown>;
  for (const key of RULE_KEYWORDS) if (rules[key] !== undefined) entries.set(key, structuredClone(rules[key]));
  if (field.messages) entries.set('errorMessage', { ...field.messages });
  if (field.fields) entries.set('properties', Object.fromEntries(field.fields.map((child) => [child.name, writeField(child)])));
  if (field.required) entries.set('required', [...field.required]);
  if (field.item) entries.set('items', writeField(field.item));
  if (field.contains) entries.set('contains', writeCondition(field.contains));
  if (field.block?.via === 'allOf') entries.set('allOf', [{ $ref: `#/$defs/${field.block.name}` }, ...(field.parts ?? []).map(writePart)]);
  else if (field.parts) entries.set('allOf', field.parts.map(writePart));
  if (field.when) {
    entries.set('if', writeCondition(field.when.when));
    entries.set('then', writeField(field.when.then));
  }
  for (const [key, value] of Object.entries(field.extra ?? {})) entries.set(key, structuredClone(value));
  return ordered(entries, field.keys);
}

/** The uiSchema of a ui node: the inverse of `readUi`. */
export function writeUi(ui: UiNode): SchemaNode {
  const entries = new Map<string, unknown>();
  const settings = ui.settings as Record<string, unknown>;
  for (const key of UI_KEYWORDS) if (settings[key] !== undefined) entries.set(key, structuredClone(settings[key]));
  for (const child of ui.children) entries.set(child.name, writeUi(child.node));
  for (const [key, value] of Object.entries(ui.extra ?? {})) entries.set(key, structuredClone(value));
  const out: SchemaNode = {};
  for (const key of ui.keys) if (entries.has(key)) out[key] = entries.get(key);
  for (const [key, value] of entries) if (!(key in out)) out[key] = value;
  return out;
}

/**
 * The form's schema and uiSchema from the model: the inverse of `parseFormModel`.
 * @example writeFormModel(parseFormModel(parts)) // deep-equal to parts, key order included
 */
export function writeFormModel(model: FormModel): { schema: SchemaNode; uiSchema: SchemaNode } {
  const root = writeField(model.root);
  const entries = new Map(Object.entries(root));
  if (model.blocks) entries.set('$defs', Object.fromEntries(model.blocks.map((block) => [block.name, writeField(block)])));
  if (model.examples) entries.set('examples', structuredClone(model.examples));
  return { schema: ordered(entries, model.root.keys), uiSchema: writeUi(model.ui) };
}

/** `_defs.json`'s `$defs` from its blocks. */
export function writeBlocks(blocks: FieldModel[]): SchemaNode {
  return Object.fromEntries(blocks.map((block) => [block.name, writeField(block)]));
}
