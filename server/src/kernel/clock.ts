import { addMonthsInChina, DAY_MS, HOUR_MS } from './china-time';
import { parseDelay } from './duration';
import type { Clock } from './ports';

/** The wall clock, for production. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests and the test-mode HTTP endpoint move by hand. */
export interface ManualClock extends Clock {
  /** Moves forward by an ISO 8601 duration (`P7D`, `PT1H`) or milliseconds. */
  advance(by: string | number): Date;
  set(to: Date): void;
}

/**
 * A clock that stands still until moved. Years and months advance by calendar months in China
 * time, as the work calendar schedules timers, so `advance('P1M')` reaches a timer set for `P1M`.
 */
export function createManualClock(start = new Date('2026-03-02T01:00:00Z')): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(by) {
      if (typeof by === 'number') current += by;
      else {
        const spec = parseDelay(by);
        if (!spec) throw new Error(`"${by}" is not an ISO 8601 duration such as P7D or PT2H`);
        current = addMonthsInChina(current, spec.years * 12 + spec.months).getTime()
          + spec.days * DAY_MS + spec.hours * HOUR_MS + spec.minutes * 60_000 + spec.seconds * 1000;
      }
      return new Date(current);
    },
    set(to) { current = to.getTime(); },
  };
}
