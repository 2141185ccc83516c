/** File-name endings of the evidence types, for the file picker's `accept`. */
export const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg,.jpeg', 'image/png': '.png', 'application/pdf': '.pdf' };

/**
 * The content types a field takes: the schema's `x-accept` (e.g. `["image/jpeg", "image/png"]` for
 * photos only) or `ui:options.accept`; every evidence type when neither says.
 */
export function acceptedTypes(schema: Record<string, unknown>, uiAccept: unknown): string[] | undefined {
  const node = schema.type === 'array' && typeof schema.items === 'object' && schema.items ? { ...(schema.items as Record<string, unknown>), ...schema } : schema;
  const declared = node['x-accept'] ?? uiAccept;
  const list = Array.isArray(declared) ? declared : typeof declared === 'string' ? declared.split(',') : [];
  const types = list.map((type) => String(type).trim()).filter((type) => type in EXTENSIONS);
  return types.length ? types : undefined;
}
