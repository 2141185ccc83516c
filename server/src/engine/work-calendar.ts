import type { DelaySpec } from './duration';

/** China Standard Time offset; China has kept UTC+8 without DST since 1991. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Public holidays and make-up workdays (调休) as local dates `YYYY-MM-DD`, published each year by
 * the State Council. Passed in as configuration, never hard-coded in the engine.
 */
export interface HolidayCalendar {
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
}

/** Adds delays to instants, counting calendar or working days in China Standard Time. */
export interface WorkCalendar {
  addDelay(from: Date, spec: DelaySpec): Date;
  isWorkday(localDate: string): boolean;
}

function localDateOf(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

function addMonthsLocal(ms: number, months: number): number {
  const local = new Date(ms + CST_OFFSET_MS);
  const day = local.getUTCDate();
  local.setUTCDate(1);
  local.setUTCMonth(local.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  local.setUTCDate(Math.min(day, lastDay));
  return local.getTime() - CST_OFFSET_MS;
}

/**
 * Builds the calendar. A working-day delay of n days ends at the same local time on the n-th
 * following working day (weekends and holidays skipped, make-up Saturdays and Sundays counted).
 */
export function createWorkCalendar(calendar: HolidayCalendar = { holidays: [], makeupWorkdays: [] }): WorkCalendar {
  const holidays = new Set(calendar.holidays);
  const makeup = new Set(calendar.makeupWorkdays);
  const isWorkday = (localDate: string): boolean => {
    if (makeup.has(localDate)) return true;
    if (holidays.has(localDate)) return false;
    const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  return {
    isWorkday,
    addDelay(from, spec) {
      let ms = from.getTime();
      if (spec.workdays) {
        let left = spec.days;
        while (left > 0) {
          ms += DAY_MS;
          if (isWorkday(localDateOf(ms))) left -= 1;
        }
        return new Date(ms);
      }
      ms = addMonthsLocal(ms, spec.years * 12 + spec.months);
      ms += spec.days * DAY_MS + spec.hours * 3_600_000 + spec.minutes * 60_000 + spec.seconds * 1000;
      return new Date(ms);
    },
  };
}
