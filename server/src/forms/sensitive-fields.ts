import { forEachDeclaredProperty, resolveLocalRef } from './local-ref';
/** What kind of personal number a form field holds; each kind is masked and unmasked the same way. */
export type SensitiveKind = 'id-card' | 'bank-account' | 'certificate';

/** The string formats that mark a field as a personal number. */
export const SENSITIVE_FORMATS: Record<string, SensitiveKind> = {
  'id-card': 'id-card',
  'bank-account': 'bank-account',
  'certificate-no': 'certificate',
};

type Json = Record<string, unknown>;

function kindOf(root: Json, schema: unknown, depth = 0): SensitiveKind | undefined {
  if (!schema || typeof schema !== 'object' || depth > 8) return undefined;
  const s = schema as Json;
  if (typeof s.format === 'string' && SENSITIVE_FORMATS[s.format]) return SENSITIVE_FORMATS[s.format];
  return s.$ref ? kindOf(root, resolveLocalRef(root, s.$ref), depth + 1) : undefined;
}

/**
 * The property names that hold a personal number anywhere in a form schema (in sections, lists,
 * conditional branches and shared definitions), by the field's format: `id-card`, `bank-account`
 * or `certificate-no`. Masking follows these, so a new ID field is masked the day it is added.
 * @example findSensitiveFields(schema).get('idNumber') // 'id-card'
 */
export function findSensitiveFields(schema: unknown, into = new Map<string, SensitiveKind>()): Map<string, SensitiveKind> {
  forEachDeclaredProperty(schema, (name, sub, root) => {
    const kind = kindOf(root, sub);
    if (kind) into.set(name, kind);
  });
  return into;
}
