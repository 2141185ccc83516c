import { forEachDeclaredProperty, resolveLocalRef } from './local-ref';
import { walkAlongSchema } from './walk-along-schema';
/** The string format of a form field that holds an attachment id (`POST /api/attachments`). */
export const FILE_REF_FORMAT = 'file-ref';

type Json = Record<string, unknown>;

function isFileRef(root: Json, schema: unknown, depth = 0): boolean {
  if (!schema || typeof schema !== 'object' || depth > 8) return false;
  const s = schema as Json;
  if (s.format === FILE_REF_FORMAT) return true;
  if (s.type === 'array' && s.items) return isFileRef(root, s.items, depth + 1);
  return s.$ref ? isFileRef(root, resolveLocalRef(root, s.$ref), depth + 1) : false;
}

/**
 * The property names that hold attachment ids anywhere in a form schema: a string of format
 * `file-ref`, or a list of them (photos). Found by format, so a new 附件 field is checked the day
 * it is added.
 * @example findFileRefFields(verificationSchema).has('photoRefs') // true
 */
export function findFileRefFields(schema: unknown): Set<string> {
  const found = new Set<string>();
  forEachDeclaredProperty(schema, (name, sub, root) => {
    if (isFileRef(root, sub)) found.add(name);
  });
  return found;
}

/** One attachment id in submitted data, with the JSON pointer of the field that holds it. */
export interface FileRefValue {
  pointer: string;
  id: string;
  /** The content types the field takes (its `x-file`), when it limits them. */
  accept?: string[];
}

/** What each kind of file field takes when its `x-file` lists no types; a document may be any evidence file. */
const KIND_TYPES: Record<string, string[] | undefined> = { signature: ['image/png'], photo: ['image/jpeg', 'image/png'], document: undefined };

/** The `x-file` of a file field (on the string, or on a list's items), through local `$ref`s. */
function fileSettingOf(root: Json, schema: unknown, depth = 0): { kind?: unknown; accept?: unknown } | undefined {
  if (!schema || typeof schema !== 'object' || depth > 8) return undefined;
  const s = schema as Json;
  if (s['x-file'] && typeof s['x-file'] === 'object') return s['x-file'] as { kind?: unknown; accept?: unknown };
  if (s.type === 'array' && s.items) return fileSettingOf(root, s.items, depth + 1);
  return s.$ref ? fileSettingOf(root, resolveLocalRef(root, s.$ref), depth + 1) : undefined;
}

/** What a file field takes: its `x-file` `accept`, else what its kind takes; undefined for any evidence file. */
function acceptOf(root: Json, schema: unknown): string[] | undefined {
  const setting = fileSettingOf(root, schema);
  return Array.isArray(setting?.accept) ? (setting.accept as string[]) : typeof setting?.kind === 'string' ? KIND_TYPES[setting.kind] : undefined;
}

/** A file field of the form: a `file-ref` string or a list of them. */
const isFileField = (node: Json, root: Json): boolean => isFileRef(root, node);

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every attachment id in `data` held by a file field of the form `schema`, with its pointer and
 * the types its field takes, in document order. A field is found by its place in the form, not by
 * its name alone: a photo field and a document field of the same name in two sections each take
 * their own types, and a text field named like a file field elsewhere holds no attachment.
 * @example fileRefsOf(verificationSchema, { photoRefs: ['3f…'] }) // [{ pointer: '/photoRefs/0', id: '3f…', accept: ['image/jpeg', 'image/png'] }]
 */
export function fileRefsOf(schema: unknown, data: unknown): FileRefValue[] {
  const out: FileRefValue[] = [];
  if (!schema || typeof schema !== 'object') return out;
  const root = schema as Json;
  walkAlongSchema(root, data, isFileField, (branches, value, pointer) => {
    const fields = branches.filter((b) => isFileField(b, root));
    // The same field in two branches (a condition's then and else) takes what either takes.
    const accepts = fields.map((b) => acceptOf(root, b));
    const accept = accepts.some((a) => a === undefined) ? undefined : [...new Set(accepts.flatMap((a) => a!))];
    const add = (id: unknown, at: string) => { if (typeof id === 'string') out.push(accept ? { pointer: at, id, accept } : { pointer: at, id }); };
    if (Array.isArray(value)) value.forEach((v, i) => add(v, `${pointer}/${i}`));
    else add(value, pointer);
  });
  return out;
}

/**
 * The ids the form examples carry where a user would upload a file: valid in form, owned by
 * nobody, so a submission that keeps one is refused. Drivers replace them by real uploads.
 */
const EXAMPLE_FILE_REF = /^00000000-0000-4000-8000-[0-9]{12}$/;

/** Whether `id` is an example's placeholder for an upload (see {@link replaceExampleFileRefs}). */
export function isExampleFileRef(id: unknown): boolean {
  return typeof id === 'string' && EXAMPLE_FILE_REF.test(id);
}

/**
 * A copy of `data` in which every example placeholder id held by a `file-ref` field of `schema`
 * is replaced by the id `upload` answers for it (one upload per value, in document order; the
 * field's name tells a photo from a document). Real ids are kept as they are.
 */
export async function replaceExampleFileRefs<T>(schema: unknown, data: T,
  upload: (ref: { field: string; pointer: string }) => Promise<string>): Promise<T> {
  const fields = findFileRefFields(schema);
  if (fields.size === 0 || !data || typeof data !== 'object') return data;
  const copy = structuredClone(data);
  const visit = async (node: unknown, pointer: string): Promise<void> => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) await visit(item, `${pointer}/${i}`);
      return;
    }
    const obj = node as Json;
    for (const [key, value] of Object.entries(obj)) {
      const here = `${pointer}/${escapePointer(key)}`;
      if (!fields.has(key)) {
        await visit(value, here);
      } else if (isExampleFileRef(value)) {
        obj[key] = await upload({ field: key, pointer: here });
      } else if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) if (isExampleFileRef(v)) value[i] = await upload({ field: key, pointer: `${here}/${i}` });
      }
    }
  };
  await visit(copy, '');
  return copy;
}
