import { parseDelay } from '../engine';
import type { Clock, IdGenerator, Logger } from './ports';
import { randomUUID } from 'node:crypto';

export const systemClock: Clock = { now: () => new Date() };

export const randomIds: IdGenerator = { uuid: () => randomUUID() };

/** A clock tests and the test-mode HTTP endpoint move by hand. */
export interface ManualClock extends Clock {
  /** Moves forward by an ISO 8601 duration (`P7D`, `PT1H`) or milliseconds. */
  advance(by: string | number): Date;
  set(to: Date): void;
}

export function createManualClock(start = new Date('2026-03-02T01:00:00Z')): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(by) {
      if (typeof by === 'number') current += by;
      else {
        const spec = parseDelay(by);
        if (!spec) throw new Error(`"${by}" is not an ISO 8601 duration such as P7D or PT2H`);
        current += ((spec.years * 365 + spec.months * 31 + spec.days) * 86_400_000) + spec.hours * 3_600_000 + spec.minutes * 60_000 + spec.seconds * 1000;
      }
      return new Date(current);
    },
    set(to) { current = to.getTime(); },
  };
}

/** One JSON line per event on stdout/stderr. */
export function createJsonLogger(minimal = false): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    if (minimal && level === 'info') return;
    const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return { info: (m, f) => write('info', m, f), warn: (m, f) => write('warn', m, f), error: (m, f) => write('error', m, f) };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
