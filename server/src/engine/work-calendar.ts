import { addMonthsInChina, chinaDateString, DAY_MS, HOUR_MS } from '../kernel';
import type { WorkCalendar } from '../kernel';

/**
 * Public holidays and make-up workdays (调休) as local dates `YYYY-MM-DD`, published each year by
 * the State Council. Passed in as configuration, never hard-coded in the engine.
 */
export interface HolidayCalendar {
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
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
          if (isWorkday(chinaDateString(ms))) left -= 1;
        }
        return new Date(ms);
      }
      ms = addMonthsInChina(ms, spec.years * 12 + spec.months).getTime();
      ms += spec.days * DAY_MS + spec.hours * HOUR_MS + spec.minutes * 60_000 + spec.seconds * 1000;
      return new Date(ms);
    },
  };
}
