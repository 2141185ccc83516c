/** File-name endings of the evidence types, for the file picker's `accept`. */
export const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg,.jpeg', 'image/png': '.png', 'application/pdf': '.pdf' };

/**
 * The content types a field takes: the schema's `x-file.accept` (e.g. `["image/jpeg", "image/png"]`
 * for photos; on the items of a list) or `ui:options.accept`; every evidence type when neither says.
 */
export function acceptedTypes(schema: Record<string, unknown>, uiAccept: unknown): string[] | undefined {
  const fileOf = (node: unknown) => (typeof node === 'object' && node !== null ? ((node as Record<string, unknown>)['x-file'] as { accept?: unknown } | undefined) : undefined);
  const declared = fileOf(schema)?.accept ?? fileOf(schema.items)?.accept ?? uiAccept;
  const list = Array.isArray(declared) ? declared : typeof declared === 'string' ? declared.split(',') : [];
  const types = list.map((type) => String(type).trim()).filter((type) => type in EXTENSIONS);
  return types.length ? types : undefined;
}
