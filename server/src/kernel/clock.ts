import { addMonthsInChina, DAY_MS, HOUR_MS } from './china-time';
import { parseDelay } from './duration';
import type { Clock } from './ports';

/** The wall clock, for production. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock the test mode moves (`POST /api/test/clock`). `advance` may go through shared storage
 * (the database, so that every node of a deployment sees the same time) and then answers a promise;
 * `sync`, when present, reads that storage again before a request or a timer delivery.
 */
export interface AdjustableClock extends Clock {
  advance(by: string | number): Date | Promise<Date>;
  sync?(): Promise<void>;
}

/** A clock tests and the test-mode HTTP endpoint move by hand. */
export interface ManualClock extends AdjustableClock {
  /** Moves forward by an ISO 8601 duration (`P7D`, `PT1H`) or milliseconds. */
  advance(by: string | number): Date;
  set(to: Date): void;
}

/**
 * `from` moved forward by an ISO 8601 duration or milliseconds. Years and months advance by
 * calendar months in China time, as the work calendar schedules timers, so moving by `P1M` reaches
 * a timer set for `P1M`.
 */
export function advanceTime(from: number, by: string | number): number {
  if (typeof by === 'number') return from + by;
  const spec = parseDelay(by);
  if (!spec) throw new Error(`"${by}" is not an ISO 8601 duration such as P7D or PT2H`);
  return addMonthsInChina(from, spec.years * 12 + spec.months).getTime()
    + spec.days * DAY_MS + spec.hours * HOUR_MS + spec.minutes * 60_000 + spec.seconds * 1000;
}

/** A clock that stands still until moved. */
export function createManualClock(start = new Date('2026-03-02T01:00:00Z')): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(by) {
      current = advanceTime(current, by);
      return new Date(current);
    },
    set(to) { current = to.getTime(); },
  };
}

/**
 * The wall clock moved forward by an offset, which only grows: a late answer carrying an older
 * offset never turns time back. The shared test clock keeps the offset in the database.
 */
export interface OffsetClock extends Clock {
  readonly offsetMs: number;
  /** Takes `offsetMs` when it is ahead of the current offset. */
  catchUp(offsetMs: number): void;
}

export function createOffsetClock(wall: () => number = Date.now): OffsetClock {
  let offset = 0;
  return {
    now: () => new Date(wall() + offset),
    get offsetMs() { return offset; },
    catchUp(offsetMs) { if (offsetMs > offset) offset = offsetMs; },
  };
}
