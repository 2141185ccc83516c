import type { FieldModel, FieldTypeId, UiNode } from './formModel';

/** Finds a block (a `$defs` entry of the form or of `_defs.json`) by name, already read. */
export type BlockLookup = (block: string) => FieldModel | undefined;

/** Blocks whose name alone says the field's type (`$ref: '#/$defs/personName'`). */
const TYPE_BY_BLOCK: Record<string, FieldTypeId> = { personName: 'personName', longText: 'longText', address: 'address', photoRefs: 'photos' };

const TYPE_BY_FORMAT: Record<string, FieldTypeId> = {
  'id-card': 'idNumber',
  mobile: 'mobile',
  phone: 'phone',
  landline: 'landline',
  'bank-account': 'bankAccount',
  money: 'money',
  date: 'date',
  'file-ref': 'attachment',
};

/** The blocks a field stands on, nearest first (its own `$ref`, then the block's, …). */
export function blockChain(field: FieldModel, lookup: BlockLookup): FieldModel[] {
  const chain: FieldModel[] = [];
  let next = field.block ? lookup(field.block.name) : undefined;
  while (next && chain.length < 8 && !chain.includes(next)) {
    chain.push(next);
    next = next.block ? lookup(next.block.name) : undefined;
  }
  return chain;
}

/** A setting of a field or, when the field does not set it, of the block it stands on. */
export function effectiveSetting<K extends keyof FieldModel['settings']>(field: FieldModel, key: K, lookup: BlockLookup): FieldModel['settings'][K] {
  if (field.settings[key] !== undefined) return field.settings[key];
  for (const block of blockChain(field, lookup)) if (block.settings[key] !== undefined) return block.settings[key];
  return undefined;
}

/**
 * The palette type of a field, from its keywords and those of the blocks it stands on: a format
 * names the type (`id-card` → 身份证号), a named block too (`personName`), then the JSON type, the
 * choices and, for text, the `textarea` widget.
 */
export function fieldTypeOf(field: FieldModel, lookup: BlockLookup, ui?: UiNode): FieldTypeId {
  const chain = blockChain(field, lookup);
  const setting = <K extends keyof FieldModel['settings']>(key: K) => effectiveSetting(field, key, lookup);
  if (setting('x-compute') !== undefined) return 'computed';
  const type = setting('type');
  const jsonType = Array.isArray(type) ? type.find((t) => t !== 'null') : type;
  if (type === 'null') return 'static';
  for (const name of [field.block?.name, ...chain.map((block) => block.block?.name)]) {
    if (name && TYPE_BY_BLOCK[name]) return TYPE_BY_BLOCK[name];
  }
  if (setting('x-org-address')) return 'address';
  // A name field written out in full carries the name pattern's own message.
  if (jsonType === 'string' && field.messages?.pattern === 'msg:personName') return 'personName';
  const format = setting('format');
  if (format === 'file-ref') return setting('x-file')?.kind === 'signature' ? 'signature' : 'attachment';
  const hasFields = Boolean(field.fields ?? chain.find((block) => block.fields)?.fields);
  if (jsonType === 'array' || field.item) {
    const item = field.item ?? chain.find((block) => block.item)?.item;
    if (item && (item.type === 'attachment' || item.type === 'signature')) return 'photos';
    if (item && (item.type === 'choice' || item.options)) return 'multiChoice';
    return 'group';
  }
  if (jsonType === 'object' || hasFields) {
    const fields = field.fields ?? [];
    const range = field.rules.dateRange;
    if (range && fields.length === 2 && fields.every((f) => f.type === 'date') && fields.some((f) => f.name === range.from) && fields.some((f) => f.name === range.until)) return 'dateRange';
    return 'section';
  }
  if (jsonType === 'boolean') return 'yesNo';
  if (field.options ?? chain.find((block) => block.options)) return 'choice';
  if (typeof format === 'string' && TYPE_BY_FORMAT[format]) return TYPE_BY_FORMAT[format];
  if (jsonType === 'integer') return 'integer';
  if (jsonType === 'number') return 'number';
  if (jsonType === 'string') return ui?.settings['ui:widget'] === 'textarea' ? 'longText' : 'text';
  return 'unknown';
}
