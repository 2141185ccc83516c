import type { FieldModel, FormModel, SchemaNode } from './formModel';
import { FormEditError, getField, replaceField, type FieldPath } from './formModelEdits';
import { parseBlocks } from './formModelRead';
import { writeField } from './formModelWrite';

/**
 * The shared blocks of `schemas/_defs.json` (the household, a member, an address, a review…) as
 * the builder offers them: which forms use each one, and a change to one block as one edit of
 * `_defs.json` that names every form it changes, for the admin to confirm.
 */

const DEFS = '#/$defs/';

/** The blocks a schema node refers to, directly (`$ref: '#/$defs/x'`), in document order. */
export function blocksReferenced(node: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key?: string) => {
    if (key === 'examples') return;
    if (Array.isArray(value)) value.forEach((item) => visit(item));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith(DEFS)) {
          const name = v.slice(DEFS.length);
          if (!found.includes(name)) found.push(name);
        } else visit(v, k);
      }
    }
  };
  visit(node);
  return found;
}

/** Every block a schema uses, through the blocks it refers to as well (`household` → `member` → `personName`). */
export function blocksUsed(schema: SchemaNode, defs: SchemaNode): string[] {
  const used: string[] = [];
  const queue = blocksReferenced({ ...schema, $defs: undefined });
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (used.includes(name) || !(name in defs)) continue;
    used.push(name);
    queue.push(...blocksReferenced(defs[name]));
  }
  return used;
}

/** A form as `schemas/` holds it: its key and schema (refs to `_defs.json`, nothing inlined). */
export interface FormSource {
  key: string;
  schema: SchemaNode;
}

/**
 * Which forms use each block, directly or through another block.
 * @example blockUsage(forms, defs).get('member') // ['household-identification.application', …]
 */
export function blockUsage(forms: FormSource[], defs: SchemaNode): Map<string, string[]> {
  const usage = new Map<string, string[]>(Object.keys(defs).map((name) => [name, []]));
  for (const form of forms) for (const name of blocksUsed(form.schema, defs)) usage.get(name)?.push(form.key);
  return usage;
}

/** One change of a shared block: the new `$defs` of `_defs.json` and the forms it changes. */
export interface BlockChange {
  defs: SchemaNode;
  affected: string[];
}

/**
 * Replaces a block of `_defs.json` by its edited model: the other blocks and their order stay as
 * they are, and `affected` names every form that uses it (directly or through other blocks), so the
 * builder can ask for confirmation naming them before saving.
 */
export function changeSharedBlock(defs: SchemaNode, block: FieldModel, forms: FormSource[]): BlockChange {
  const next: SchemaNode = {};
  for (const [name, value] of Object.entries(defs)) next[name] = name === block.name ? writeField(block) : structuredClone(value);
  if (!(block.name in defs)) next[block.name] = writeField(block);
  const affected = forms.filter((form) => blocksUsed(form.schema, next).includes(block.name)).map((form) => form.key);
  return { defs: next, affected };
}

/** The blocks of `_defs.json` read into the model, for the palette's "reusable blocks" and the block editor. */
export function readSharedBlocks(defs: SchemaNode): FieldModel[] {
  return parseBlocks(defs);
}

/**
 * A stored form (shared blocks inlined in its `$defs`) with one block replaced by its new version:
 * what saving each affected form does after the admin confirmed a block change. A form that does
 * not carry the block is returned unchanged.
 */
export function replaceFormBlock(model: FormModel, block: FieldModel): FormModel {
  if (!model.blocks?.some((b) => b.name === block.name)) return model;
  return { ...model, blocks: model.blocks.map((b) => (b.name === block.name ? structuredClone(block) : b)) };
}

/** The shared block a field is, or that each row of a list is (`items: { $ref }`), with where it is used from. */
export function blockUseOf(field: FieldModel): { name: string; via: 'ref' | 'allOf' | 'item' } | undefined {
  if (field.block) return { name: field.block.name, via: field.block.via };
  if (field.item?.block?.via === 'ref') return { name: field.item.block.name, via: 'item' };
  return undefined;
}

const merged = <T extends object>(under: T | undefined, over: T | undefined): T | undefined => (under || over ? { ...under, ...over } as T : undefined);

/** A field that was a reference to `block`: the block's copy, with the field's own name, labels, settings and rules over it. */
function inlined(field: FieldModel, block: FieldModel): FieldModel {
  const copy = structuredClone(block);
  const out: FieldModel = { ...copy, name: field.name, settings: { ...copy.settings, ...field.settings }, rules: { ...copy.rules, ...field.rules } };
  if (field.label) out.label = { ...field.label };
  if (field.description) out.description = { ...field.description };
  const messages = merged(copy.messages, field.messages);
  if (messages) out.messages = messages;
  const extra = merged(copy.extra, field.extra);
  if (extra) out.extra = extra;
  if (field.options) out.options = structuredClone(field.options);
  out.keys = [...field.keys.filter((key) => key !== '$ref'), ...copy.keys.filter((key) => !field.keys.includes(key))];
  return out;
}

/** A section extending `block` (`allOf: [{ $ref }]`): the block's fields, required names and rules put into the section itself. */
function extended(section: FieldModel, block: FieldModel): FieldModel {
  const copy = structuredClone(block);
  const own = section.fields ?? [];
  const clash = (copy.fields ?? []).find((f) => own.some((o) => o.name === f.name));
  if (clash) throw new FormEditError('nameTaken', { name: clash.name });
  const out: FieldModel = { ...section, settings: { ...copy.settings, ...section.settings }, rules: { ...copy.rules, ...section.rules } };
  delete out.block;
  out.fields = [...(copy.fields ?? []), ...own];
  const required = [...(copy.required ?? []), ...(section.required ?? []).filter((name) => !copy.required?.includes(name))];
  if (required.length) out.required = required;
  const parts = [...(copy.parts ?? []), ...(copy.when ? [{ kind: 'when' as const, ...copy.when, keys: ['if', 'then'] }] : []), ...(section.parts ?? [])];
  if (parts.length) out.parts = parts;
  else delete out.parts;
  const keys = section.keys.filter((key) => key !== 'allOf' || parts.length > 0);
  if (!keys.includes('properties')) keys.push('properties');
  if (out.required && !keys.includes('required')) keys.push('required');
  if (parts.length && !keys.includes('allOf')) keys.push('allOf');
  out.keys = keys;
  return out;
}

/**
 * "转为本表单字段": the shared block the field at `path` uses becomes the form's own copy, which
 * this form can change alone. A reference (`$ref`) becomes the block's fields and settings with the
 * field's own label over them; a list of blocks gets its row copied; a section extending a block
 * takes in the block's fields. The form's `$defs` keep only the blocks it still uses.
 */
export function detachBlock(model: FormModel, path: FieldPath): FormModel {
  const field = getField(model, path);
  const use = blockUseOf(field);
  if (!use) throw new FormEditError('noField', { path: path.join('.') || '(form)' });
  const block = model.blocks?.find((b) => b.name === use.name);
  if (!block) throw new FormEditError('noField', { path: `$defs/${use.name}` });
  const next = use.via === 'item'
    ? replaceField(model, [...path, '[]'], (row) => inlined(row, block))
    : replaceField(model, path, (f) => (use.via === 'ref' ? inlined(f, block) : extended(f, block)));
  const stillUsed = new Set(blocksUsed({ ...writeField(next.root) }, Object.fromEntries((next.blocks ?? []).map((b) => [b.name, writeField(b)]))));
  return { ...next, blocks: next.blocks?.filter((b) => stillUsed.has(b.name)) };
}

/**
 * A shared block as the builder edits it: a form whose one field is the block (named as the block),
 * the other blocks beside it for the references, so the tree, the settings panels and the preview
 * work on it as on a form's field. `blockOfEditing` reads the edited block back.
 */
export function blockEditingModel(defs: SchemaNode, name: string): FormModel {
  const blocks = parseBlocks(defs);
  const block = blocks.find((b) => b.name === name);
  if (!block) throw new FormEditError('noField', { path: `$defs/${name}` });
  return {
    root: { name: '', type: 'section', settings: { type: 'object' }, rules: {}, fields: [structuredClone(block)], keys: ['type', 'properties'] },
    blocks,
    ui: { settings: {}, children: [], keys: [] },
  };
}

/** The block edited in a {@link blockEditingModel}, and the whole new `$defs` with it in its place. */
export function blockOfEditing(model: FormModel, defs: SchemaNode, name: string): { block: FieldModel; defs: SchemaNode } {
  const block = { ...getField(model, [name]), name };
  const next: SchemaNode = {};
  for (const [key, value] of Object.entries(defs)) next[key] = key === name ? writeField(block) : value;
  return { block, defs: next };
}
