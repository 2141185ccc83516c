import type { FormatDefinition } from 'ajv';

/** The largest amount a form accepts, in yuan: far above any county budget line, below float trouble. */
export const MAX_MONEY = 999_999_999_999.99;

/** True for an amount of money in yuan: a finite number, not negative, at most two decimals. */
export function isMoney(value: number): boolean {
  if (!Number.isFinite(value) || value < 0 || value > MAX_MONEY) return false;
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

/** Rounds to whole fen (two decimals), the precision every amount is stored with. */
export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The `money` format: amounts are JSON numbers, so this is a number format rather than a string one. */
export const moneyFormat: FormatDefinition<number> = { type: 'number', validate: isMoney };
