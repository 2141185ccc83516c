/**
 * China Standard Time (UTC+8). China has kept one zone without daylight saving since 1991, so a
 * fixed offset is exact. Every "which year / which day / one month later" question the product asks
 * is asked in this zone: a notice posted at 07:00 Beijing time on 1 January belongs to the new year
 * even though it is still 31 December in UTC.
 */

/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;

/** One day in milliseconds (China has no DST, so every local day has this length). */
export const DAY_MS = 86_400_000;

/** The offset of China Standard Time from UTC. */
export const CST_OFFSET_MS = 8 * HOUR_MS;

const toMs = (at: Date | number): number => (typeof at === 'number' ? at : at.getTime());

/**
 * The calendar year in China at an instant.
 * @example chinaYear(new Date('2025-12-31T17:00:00Z')) // 2026
 */
export function chinaYear(at: Date | number): number {
  return new Date(toMs(at) + CST_OFFSET_MS).getUTCFullYear();
}

/**
 * The local date in China at an instant, as `YYYY-MM-DD`.
 * @example chinaDateString(new Date('2026-03-01T16:30:00Z')) // '2026-03-02'
 */
export function chinaDateString(at: Date | number): string {
  return new Date(toMs(at) + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Adds calendar months counted in China time, keeping the local time of day; a day past the end
 * of the target month is clamped to its last day (31 January + 1 month = 28 or 29 February).
 * Months are never a fixed number of days.
 * @example addMonthsInChina(new Date('2026-01-30T16:00:00Z'), 1) // 2026-02-27T16:00:00Z (28 Feb, 00:00 in China)
 */
export function addMonthsInChina(at: Date | number, months: number): Date {
  const local = new Date(toMs(at) + CST_OFFSET_MS);
  const day = local.getUTCDate();
  local.setUTCDate(1);
  local.setUTCMonth(local.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  local.setUTCDate(Math.min(day, lastDay));
  return new Date(local.getTime() - CST_OFFSET_MS);
}

/**
 * The instant a calendar year begins in China (00:00 on 1 January, UTC+8).
 * @example startOfChinaYear(2026).toISOString() // '2025-12-31T16:00:00.000Z'
 */
export function startOfChinaYear(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - CST_OFFSET_MS);
}
