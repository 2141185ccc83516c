/**
 * Masking of personal data on public pages and exports (DOMAIN.md: ID and bank numbers as
 * `441424********1234`, names partly). Unmasking is a separate, audited path.
 */

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

const ID_KEYS = new Set(['idNumber', 'headIdNumber', 'disabilityCertificate', 'certificateNumber']);
const BANK_KEYS = new Set(['bankAccount', 'account', 'accountNumber']);
const PHONE_KEYS = new Set(['phone', 'mobile', 'contactPhone']);

/**
 * A deep copy of form data with every ID number, bank account and phone masked, wherever it sits
 * (the head, each member, the payment block).
 */
export function maskPersonalData<T>(data: T): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, v]) => {
      if (typeof v === 'string' && ID_KEYS.has(key)) return [key, maskIdNumber(v)];
      if (typeof v === 'string' && BANK_KEYS.has(key)) return [key, maskBankAccount(v)];
      if (typeof v === 'string' && PHONE_KEYS.has(key)) return [key, maskPhone(v)];
      return [key, walk(v)];
    }));
  };
  return walk(data) as T;
}
