import { isValidIdCard } from './id-card';

const MOBILE = /^1[3-9]\d{9}$/;
// Area code 0 + 2–3 digits, a 7–8 digit number, an optional extension: 0753-4432100, 020-12345678-801.
const LANDLINE = /^0\d{2,3}-?[1-9]\d{6,7}(-\d{1,6})?$/;
// Card numbers are 16–19 digits; passbook and unit accounts of rural banks run longer.
const BANK_ACCOUNT = /^\d{12,25}$/;

/** True for a mainland mobile number: 11 digits, `1[3-9]` then 9 digits. */
export function isMobile(value: string): boolean {
  return MOBILE.test(value);
}

/** True for a mobile number or a landline with its area code (`0753-4432100`). */
export function isPhone(value: string): boolean {
  return MOBILE.test(value) || LANDLINE.test(value);
}

/** True for a bank account or card number: digits only, 12 to 25 of them. */
export function isBankAccount(value: string): boolean {
  return BANK_ACCOUNT.test(value);
}

/**
 * The string formats the forms use, in the shape `customizeValidator({ customFormats })` takes.
 * `money` is a number format and is added with the keywords (see `extendAjv`).
 */
export const customFormats: Record<string, (value: string) => boolean> = {
  'id-card': isValidIdCard,
  mobile: isMobile,
  phone: isPhone,
  'bank-account': isBankAccount,
};
