/**
 * Masking of personal data on public pages and exports (DOMAIN.md: ID and bank numbers as
 * `441424********1234`, names partly). Unmasking is a separate, audited path.
 */
import type { SensitiveKind } from '../forms';

/** Keeps the first 6 and last 4 characters of an ID or account number: `441424********1234`. */
export function maskIdNumber(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : value == null ? '' : String(value);
  if (text === '') return '';
  if (text.length <= 10) return `${'*'.repeat(Math.max(0, text.length - 4))}${text.slice(-4)}`;
  return `${text.slice(0, 6)}${'*'.repeat(text.length - 10)}${text.slice(-4)}`;
}

/** A bank account number: the same rule as ID numbers. */
export const maskBankAccount = maskIdNumber;

/**
 * Keeps a name's first and last character: 张三明 → 张*明, 张三 → 张*, 欧阳小明 → 欧**明.
 * @example maskName('曾庆华') // '曾*华'
 */
export function maskName(value: unknown): string {
  const chars = [...(typeof value === 'string' ? value.trim() : '')];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A phone number: `137****1846`. */
export function maskPhone(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length < 7) return text ? '*'.repeat(text.length) : '';
  return `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`;
}

/** Personal number kinds by field name, as `findSensitiveFields` reads them from the forms' formats. */
export type SensitiveFields = ReadonlyMap<string, SensitiveKind>;

// A run of 15 or more digits (an ID, bank or certificate number) inside any text: masked as a safety
// net for numbers typed where no format marks them (a comment, a free-text field).
const LONG_NUMBER = /\d{14,}[\dXx]/g;
const PHONE_FORMAT_FIELDS = new Set(['phone', 'mobile', 'contactPhone']);

/**
 * A deep copy of form data with every personal number masked wherever it sits (the head, each
 * member, the payment block, earlier steps, history): fields by their form format (`sensitive`),
 * and any long digit run in other text. With `phones`, contact numbers are masked too.
 */
export function maskPersonalData<T>(data: T, sensitive: SensitiveFields, options: { phones?: boolean } = {}): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') {
      if (key !== undefined && sensitive.has(key)) return maskIdNumber(value);
      if (options.phones && key !== undefined && PHONE_FORMAT_FIELDS.has(key)) return maskPhone(value);
      return value.replace(LONG_NUMBER, (run) => maskIdNumber(run));
    }
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, walk(v, k)]));
  };
  return walk(data) as T;
}
