const DEFS_PREFIX = '#/$defs/';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function defName(ref: string): string {
  const token = ref.slice(DEFS_PREFIX.length).split('/')[0];
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Makes a form schema self-contained: copies into its `$defs` every shared definition it uses,
 * directly or through other definitions, because rjsf cannot follow references across files.
 * Refs must be local (`#/$defs/household`); the form's own `$defs` may not reuse a shared name.
 * @param formKey - named in error messages
 */
export function inlineSharedDefs(
  schema: Record<string, unknown>,
  sharedDefs: Record<string, unknown>,
  formKey: string,
): Record<string, unknown> {
  const own = isObject(schema.$defs) ? schema.$defs : {};
  for (const name of Object.keys(own)) {
    if (Object.prototype.hasOwnProperty.call(sharedDefs, name)) {
      throw new Error(`Form ${formKey} defines $defs/${name}, which schemas/_defs.json defines too: rename the form's own definition.`);
    }
  }
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        if (!value.startsWith('#')) {
          throw new Error(`Form ${formKey} refers to ${value}: only references inside the form (#/$defs/...) are allowed.`);
        }
        if (!value.startsWith(DEFS_PREFIX)) continue;
        const name = defName(value);
        if (Object.prototype.hasOwnProperty.call(own, name) || used.has(name)) continue;
        if (!Object.prototype.hasOwnProperty.call(sharedDefs, name)) {
          throw new Error(`Form ${formKey} refers to ${value}, which neither the form nor schemas/_defs.json defines.`);
        }
        used.add(name);
        visit(sharedDefs[name]);
      } else if (key !== 'examples') {
        visit(value);
      }
    }
  };
  visit(schema);
  if (used.size === 0) return schema;
  const defs: Record<string, unknown> = {};
  // Shared definitions keep the order of _defs.json, which groups related ones.
  for (const name of Object.keys(sharedDefs)) if (used.has(name)) defs[name] = sharedDefs[name];
  Object.assign(defs, own);
  return { ...schema, $defs: defs };
}
