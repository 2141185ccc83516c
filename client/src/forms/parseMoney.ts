import { toAsciiDigits } from './toAsciiDigits';

/** Why a typed amount is not one: not a number at all, or finer than a fen. */
export type MoneyProblem = 'number' | 'decimals';

const SEPARATORS = /[,，\s]|元|¥|￥/g;
const AMOUNT = /^-?(\d+\.?\d*|\.\d+)$/;

/**
 * Reads "１２,０００.５ 元" as 12000.5: thousands separators, spaces, currency marks and full-width
 * digits are forgiven. Anything else is a problem, and the text is kept as typed.
 * @example readMoney('1,200.5元') // { amount: 1200.5 }
 * @example readMoney('12.345') // { amount: 12.345, problem: 'decimals' }
 */
export function readMoney(text: string): { amount?: number; problem?: MoneyProblem } {
  const plain = toAsciiDigits(text).replace(/[．。]/g, '.').replace(SEPARATORS, '');
  if (plain === '') return {};
  if (!AMOUNT.test(plain)) return { problem: 'number' };
  const amount = Number(plain);
  const decimals = plain.split('.')[1] ?? '';
  return decimals.length > 2 ? { amount, problem: 'decimals' } : { amount };
}

/**
 * The form value for a typed amount: the number, `undefined` when the field is empty, the text itself
 * when it is not a number (the form's type check then says so in the user's language).
 */
export function parseMoney(text: string): number | string | undefined {
  const { amount, problem } = readMoney(text);
  if (problem === 'number') return text;
  return amount;
}

/** 12000.5 → "12,000.50"; a value that is not a number (text kept as typed) is shown as it is. */
export function showMoney(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const [whole, fen] = value.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fen}`;
}
