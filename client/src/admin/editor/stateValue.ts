/** Every state id active in an XState state value: `{ publicNotice: 'running' }` → `publicNotice`, `publicNotice.running`. */
export function activeStateIds(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, inner]) => [prefix + name, ...activeStateIds(inner, `${prefix}${name}.`)]);
}

/** A state value in one line: `publicNotice.running`, parallel regions joined with ` + `. */
export function describeStateValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '—';
  const leaves = (inner: unknown, prefix: string): string[] =>
    typeof inner === 'string' ? [prefix + inner] : Object.entries((inner as Record<string, unknown>) ?? {}).flatMap(([k, v]) => leaves(v, `${prefix}${k}.`));
  return leaves(value, '').join(' + ');
}
