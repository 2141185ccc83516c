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

/** True for a landline with its area code (`0753-4432100`, `020-12345678-801`); a mobile number is not one. */
export function isLandline(value: string): boolean {
  return LANDLINE.test(value);
}

/** True for a bank account or card number: digits only, 12 to 25 of them. */
export function isBankAccount(value: string): boolean {
  return BANK_ACCOUNT.test(value);
}

/**
 * The earliest date a form takes. 1900-01-01 itself is refused: it is the zero of spreadsheets and
 * of many older registers, so a form dated that day almost always carries a blank cell, not a date.
 * No one alive today, let alone any event this office records, is older.
 */
export const EARLIEST_DATE = '1900-01-02';
/**
 * The latest date a form takes: far enough for deadlines and planned completions of long projects,
 * near enough to refuse placeholders such as 9999-12-31. A fixed bound, not one relative to today,
 * because the same check runs in the browser and on the server and must not depend on either clock.
 */
export const LATEST_DATE = '2100-12-31';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar date written `YYYY-MM-DD` between {@link EARLIEST_DATE} and
 * {@link LATEST_DATE}; replaces the `date` format of ajv-formats, which takes any year from 0000 to 9999.
 * @example isPlausibleDate('2016-10-12') // true
 * @example isPlausibleDate('9999-12-31') // false
 */
export function isPlausibleDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return false;
  // Same-width ISO dates compare correctly as text.
  return value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/**
 * A certificate number (残疾证号, 低保证号 such as `华城低保2015-031` or `华民低保〔2016〕0412`,
 * 五保供养证号…): 1–30 printable characters without spaces, control characters or angle brackets;
 * offices number their certificates in many ways. The format also marks the field as personal data
 * that is masked (forms/sensitive-fields.ts).
 */
export function isCertificateNumber(value: string): boolean {
  return /^[^\s\p{C}<>]{1,30}$/u.test(value);
}

const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An attachment id as `POST /api/attachments` answers it (a UUID). The format only checks the shape;
 * whether the caller uploaded it for the case is checked by the server when the form is submitted.
 */
export function isAttachmentId(value: string): boolean {
  return ATTACHMENT_ID.test(value);
}

/**
 * The string formats the forms use, in the shape `customizeValidator({ customFormats })` takes.
 * `money` is a number format and is added with the keywords (see `extendAjv`).
 */
export const customFormats: Record<string, (value: string) => boolean> = {
  'id-card': isValidIdCard,
  mobile: isMobile,
  phone: isPhone,
  landline: isLandline,
  'bank-account': isBankAccount,
  date: isPlausibleDate,
  'certificate-no': isCertificateNumber,
  'file-ref': isAttachmentId,
};
