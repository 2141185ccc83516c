import { DAY_MS, HOUR_MS } from '../kernel';
import type { DelaySpec } from '../kernel';

/**
 * A nominal length in milliseconds (a month as 30 days, a year as 365): only for ordering and
 * XState's own bookkeeping. When a timer fires is decided by the work calendar, which counts real
 * calendar months in China time (`addMonthsInChina`).
 */
export function nominalDelayMs(spec: DelaySpec): number {
  return ((spec.years * 365 + spec.months * 30 + spec.days) * DAY_MS) + spec.hours * HOUR_MS + spec.minutes * 60_000 + spec.seconds * 1000;
}
