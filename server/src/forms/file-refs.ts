import { forEachDeclaredProperty, resolveLocalRef } from './local-ref';
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

/**
 * The content types each file field of a form takes, by property name (see {@link findFileRefFields}):
 * its `x-file` `accept`, else what its kind takes (a signature is a PNG, a photo a JPEG or PNG);
 * undefined for a field that takes any evidence file. A name declared twice takes what either takes.
 * @example findFileRefAccept(schema).get('photos') // ['image/jpeg', 'image/png']
 */
export function findFileRefAccept(schema: unknown): Map<string, string[] | undefined> {
  const found = new Map<string, string[] | undefined>();
  forEachDeclaredProperty(schema, (name, sub, root) => {
    if (!isFileRef(root, sub)) return;
    const setting = fileSettingOf(root, sub);
    const accept = Array.isArray(setting?.accept) ? (setting.accept as string[]) : typeof setting?.kind === 'string' ? KIND_TYPES[setting.kind] : undefined;
    if (!found.has(name)) return void found.set(name, accept);
    const before = found.get(name);
    found.set(name, before === undefined || accept === undefined ? undefined : [...new Set([...before, ...accept])]);
  });
  return found;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every attachment id in `data` held by a field of `fields` (see {@link findFileRefFields}), with
 * its pointer, in document order.
 * @example collectFileRefs(new Set(['photoRefs']), { photoRefs: ['3f…'] }) // [{ pointer: '/photoRefs/0', id: '3f…' }]
 */
export function collectFileRefs(fields: ReadonlySet<string>, data: unknown, pointer = ''): FileRefValue[] {
  const out: FileRefValue[] = [];
  if (fields.size === 0 || !data || typeof data !== 'object') return out;
  if (Array.isArray(data)) {
    data.forEach((item, i) => out.push(...collectFileRefs(fields, item, `${pointer}/${i}`)));
    return out;
  }
  for (const [key, value] of Object.entries(data as Json)) {
    const here = `${pointer}/${escapePointer(key)}`;
    if (fields.has(key)) {
      if (typeof value === 'string') out.push({ pointer: here, id: value });
      else if (Array.isArray(value)) value.forEach((v, i) => { if (typeof v === 'string') out.push({ pointer: `${here}/${i}`, id: v }); });
    } else {
      out.push(...collectFileRefs(fields, value, here));
    }
  }
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
