/**
 * The 18-digit resident identity number (居民身份证号, GB 11643-1999): 6-digit region code,
 * 8-digit birth date, 3-digit sequence (odd for men, even for women) and a check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
// Province-level codes in use, plus 83 for the residence permits of Taiwan residents.
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);
const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why an ID number is invalid, in the order the checks run. */
export type IdCardProblem = 'length' | 'characters' | 'region' | 'birthDate' | 'checksum';

/** The GB 11643 check character for the first 17 digits of an ID number. */
export function idCardCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * Says what is wrong with an ID number, or `undefined` when it is valid.
 * @param now - the time a birth date may not be later than (one day of slack covers time zones)
 */
export function findIdCardProblem(id: string, now: number = Date.now()): IdCardProblem | undefined {
  if (id.length !== 18) return 'length';
  if (!SHAPE.test(id)) return 'characters';
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return 'region';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || !isRealDate(year, month, day) || Date.UTC(year, month - 1, day) > now + DAY_MS) return 'birthDate';
  if (idCardCheckCharacter(id) !== id[17]) return 'checksum';
  return undefined;
}

/**
 * True for a valid 18-digit ID number: known province, real birth date, correct check character.
 * @example isValidIdCard('11010519491231002X') // true
 */
export function isValidIdCard(id: unknown): boolean {
  return typeof id === 'string' && findIdCardProblem(id) === undefined;
}

/** What a valid ID number says about its holder. */
export interface IdCardFacts {
  /** `YYYY-MM-DD` */
  birthDate: string;
  sex: '男' | '女';
}

/** The birth date and sex an ID number encodes, checked once; `undefined` when the number is invalid. */
export function readIdCard(id: string): IdCardFacts | undefined {
  if (findIdCardProblem(id) !== undefined) return undefined;
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: (id.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女',
  };
}

/** The birth date an ID number encodes, as `YYYY-MM-DD`; `undefined` when the number is invalid. */
export function idCardBirthDate(id: string): string | undefined {
  return readIdCard(id)?.birthDate;
}

/** The sex an ID number encodes (`男` for an odd 17th digit, `女` for an even one); `undefined` when invalid. */
export function idCardSex(id: string): '男' | '女' | undefined {
  return readIdCard(id)?.sex;
}

/** Whole years of age on `onDate` (`YYYY-MM-DD`) for the holder of an ID number; `undefined` when invalid. */
export function idCardAge(id: string, onDate: string): number | undefined {
  const birth = idCardBirthDate(id);
  if (birth === undefined) return undefined;
  const years = Number(onDate.slice(0, 4)) - Number(birth.slice(0, 4));
  return onDate.slice(5) < birth.slice(5) ? years - 1 : years;
}
