import { readCondition } from './formConditions';
import { fieldTypeOf, type BlockLookup } from './formFieldTypes';
import {
  RULE_KEYWORDS, SETTING_KEYWORDS, UI_KEYWORDS,
  type ChoiceOptions, type FieldModel, type FormModel, type Label, type Literal, type SchemaNode, type SectionPart, type UiNode,
} from './formModel';

const isObject = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLiteral = (value: unknown): value is Literal => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const DEFS = '#/$defs/';
const SETTINGS = new Set<string>(SETTING_KEYWORDS);
const RULES = new Set<string>(RULE_KEYWORDS);
const ROOT_ONLY = new Set(['$defs', 'examples']);

function readOptions(node: SchemaNode, claim: (key: string) => void): ChoiceOptions | undefined {
  if (Array.isArray(node.enum) && node.enum.every(isLiteral)) {
    const zh = node.enumNames;
    const en = node['x-enumNames-en'];
    const fits = (names: unknown) => names === undefined || (isStringArray(names) && names.length === (node.enum as unknown[]).length);
    if (!fits(zh) || !fits(en)) return undefined;
    claim('enum');
    if (zh !== undefined) claim('enumNames');
    if (en !== undefined) claim('x-enumNames-en');
    return {
      style: 'enum',
      values: (node.enum as Literal[]).map((value, i) => {
        const label: Label = {};
        if (zh !== undefined) label.zh = (zh as string[])[i];
        if (en !== undefined) label.en = (en as string[])[i];
        return { value, label };
      }),
    };
  }
  const entryKeys = ['const', 'title', 'x-title-en'];
  if (Array.isArray(node.oneOf) && node.oneOf.length > 0 && node.oneOf.every((entry) => isObject(entry) && isLiteral(entry.const)
    && Object.keys(entry).every((key, i, all) => key === entryKeys.filter((k) => all.includes(k))[i]))) {
    claim('oneOf');
    return {
      style: 'oneOf',
      values: (node.oneOf as SchemaNode[]).map((entry) => {
        const label: Label = {};
        if (typeof entry.title === 'string') label.zh = entry.title;
        if (typeof entry['x-title-en'] === 'string') label.en = entry['x-title-en'];
        return { value: entry.const as Literal, label };
      }),
    };
  }
  return undefined;
}

function readLabel(node: SchemaNode, zhKey: string, enKey: string, claim: (key: string) => void): Label | undefined {
  const zh = node[zhKey];
  const en = node[enKey];
  if ((zh !== undefined && typeof zh !== 'string') || (en !== undefined && typeof en !== 'string')) return undefined;
  if (zh === undefined && en === undefined) return undefined;
  const label: Label = {};
  if (typeof zh === 'string') { label.zh = zh; claim(zhKey); }
  if (typeof en === 'string') { label.en = en; claim(enKey); }
  return label;
}

function readPart(entry: unknown, lookup: BlockLookup, ui: UiNode | undefined): SectionPart | null {
  if (!isObject(entry)) return null;
  const keys = Object.keys(entry);
  if (keys.length === 1 && typeof entry.$ref === 'string' && entry.$ref.startsWith(DEFS)) return { kind: 'block', block: entry.$ref.slice(DEFS.length) };
  if (keys.length === 2 && 'if' in entry && 'then' in entry && isObject(entry.then)) {
    const when = readCondition(entry.if);
    return when ? { kind: 'when', when, then: readField('', entry.then, lookup, ui), keys } : null;
  }
  if ('contains' in entry && keys.every((key) => key === 'contains' || key === 'errorMessage')) {
    const contains = readCondition(entry.contains);
    const messages = entry.errorMessage;
    if (!contains || (messages !== undefined && !(isObject(messages) && Object.values(messages).every((m) => typeof m === 'string')))) return null;
    return messages === undefined ? { kind: 'rowRule', contains, keys } : { kind: 'rowRule', contains, messages: messages as Record<string, string>, keys };
  }
  return null;
}

/**
 * Reads one schema node into a `FieldModel`; `ui` is the uiSchema beside it (for the widget that
 * tells long text from text). Keywords it does not know go to `extra`.
 */
export function readField(name: string, node: SchemaNode, lookup: BlockLookup, ui?: UiNode): FieldModel {
  const claimed = new Set<string>();
  const claim = (key: string) => claimed.add(key);
  const field: FieldModel = { name, type: 'unknown', settings: {}, rules: {}, keys: Object.keys(node) };
  const label = readLabel(node, 'title', 'x-title-en', claim);
  if (label) field.label = label;
  const description = readLabel(node, 'description', 'x-description-en', claim);
  if (description) field.description = description;
  if (typeof node.$ref === 'string' && node.$ref.startsWith(DEFS)) {
    field.block = { name: node.$ref.slice(DEFS.length), via: 'ref' };
    claim('$ref');
  }
  const options = readOptions(node, claim);
  if (options) field.options = options;
  const settings = field.settings as Record<string, unknown>;
  for (const key of Object.keys(node)) {
    if (SETTINGS.has(key)) {
      settings[key] = node[key];
      claim(key);
    } else if (RULES.has(key)) {
      (field.rules as Record<string, unknown>)[key] = node[key];
      claim(key);
    }
  }
  if (isObject(node.errorMessage) && Object.values(node.errorMessage).every((m) => typeof m === 'string')) {
    field.messages = { ...(node.errorMessage as Record<string, string>) };
    claim('errorMessage');
  }
  if (isObject(node.properties)) {
    field.fields = Object.entries(node.properties).map(([child, value]) => readField(child, isObject(value) ? value : {}, lookup, uiChild(ui, child)));
    claim('properties');
  }
  if (isStringArray(node.required)) {
    field.required = [...node.required];
    claim('required');
  }
  if (isObject(node.items)) {
    field.item = readField('', node.items, lookup, uiChild(ui, 'items'));
    claim('items');
  }
  if (node.contains !== undefined) {
    const contains = readCondition(node.contains);
    if (contains) { field.contains = contains; claim('contains'); }
  }
  if (Array.isArray(node.allOf)) {
    const parts = node.allOf.map((entry) => readPart(entry, lookup, ui));
    if (parts.every((part) => part !== null)) {
      // `allOf: [{ $ref }]` as the first part of a field that is no section of its own: it extends that block.
      const first = parts[0];
      if (!field.block && first.kind === 'block' && parts.length === 1) field.block = { name: first.block, via: 'allOf' };
      else field.parts = parts as SectionPart[];
      claim('allOf');
    }
  }
  if ('if' in node && isObject(node.then) && !('else' in node)) {
    const when = readCondition(node.if);
    if (when) {
      field.when = { when, then: readField('', node.then, lookup, ui) };
      claim('if');
      claim('then');
    }
  }
  const extra: SchemaNode = {};
  for (const key of Object.keys(node)) if (!claimed.has(key) && !ROOT_ONLY.has(key)) extra[key] = node[key];
  if (Object.keys(extra).length > 0) field.extra = extra;
  field.type = fieldTypeOf(field, lookup, ui);
  return field;
}

function uiChild(ui: UiNode | undefined, name: string): UiNode | undefined {
  return ui?.children.find((child) => child.name === name)?.node;
}

/** Reads a uiSchema node: `ui:*` keys are settings, other keys the ui of children. */
export function readUi(node: SchemaNode): UiNode {
  const known = new Set<string>(UI_KEYWORDS);
  const ui: UiNode = { settings: {}, children: [], keys: Object.keys(node) };
  const extra: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (known.has(key)) (ui.settings as Record<string, unknown>)[key] = value;
    else if (key.startsWith('ui:') || !isObject(value)) extra[key] = value;
    else ui.children.push({ name: key, node: readUi(value) });
  }
  if (Object.keys(extra).length > 0) ui.extra = extra;
  return ui;
}

/**
 * Reads a form (`{ schema, uiSchema }`) into the builder's model. `sharedDefs` are the blocks of
 * `schemas/_defs.json` a form file refers to; a form the server stored carries them in its `$defs`.
 * @example parseFormModel({ schema, uiSchema }, sharedDefs).root.fields?.map((f) => [f.name, f.type])
 */
export function parseFormModel(parts: { schema: SchemaNode; uiSchema?: SchemaNode }, sharedDefs: SchemaNode = {}): FormModel {
  const ui = readUi(parts.uiSchema ?? {});
  const ownDefs = isObject(parts.schema.$defs) ? parts.schema.$defs : {};
  const lookupCache = new Map<string, FieldModel | null>();
  const lookup: BlockLookup = (block) => {
    if (!lookupCache.has(block)) {
      lookupCache.set(block, null);
      const source = ownDefs[block] ?? sharedDefs[block];
      lookupCache.set(block, isObject(source) ? readField(block, source, lookup) : null);
    }
    return lookupCache.get(block) ?? undefined;
  };
  const model: FormModel = { root: readField('', parts.schema, lookup, ui), ui };
  if (isObject(parts.schema.$defs)) model.blocks = Object.entries(parts.schema.$defs).map(([name, value]) => readField(name, isObject(value) ? value : {}, lookup));
  if (Array.isArray(parts.schema.examples)) model.examples = structuredClone(parts.schema.examples);
  return model;
}

/** Reads the blocks of `schemas/_defs.json` (its `$defs`), resolving references among them. */
export function parseBlocks(defs: SchemaNode): FieldModel[] {
  const cache = new Map<string, FieldModel | null>();
  const lookup: BlockLookup = (block) => {
    if (!cache.has(block)) {
      cache.set(block, null);
      cache.set(block, isObject(defs[block]) ? readField(block, defs[block] as SchemaNode, lookup) : null);
    }
    return cache.get(block) ?? undefined;
  };
  return Object.entries(defs).map(([name, value]) => readField(name, isObject(value) ? value : {}, lookup));
}

