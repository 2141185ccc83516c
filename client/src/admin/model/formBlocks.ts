import type { FieldModel, FormModel, SchemaNode } from './formModel';
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
