import { addMonthsInChina, chinaDateString, chinaYear, createManualClock, parseDelay, startOfChinaYear } from '../../server/src/kernel';
import { createWorkCalendar as engineCalendar } from '../../server/src/engine';

describe('China time', () => {
  it('counts the year and the date in UTC+8, not in UTC', () => {
    // 17:00 UTC on 31 December is 01:00 on 1 January in Beijing.
    expect(chinaYear(new Date('2025-12-31T17:00:00Z'))).toBe(2026);
    expect(chinaYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(chinaDateString(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(startOfChinaYear(2026).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(chinaYear(startOfChinaYear(2026))).toBe(2026);
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    // 31 January 10:00 in China + 1 month = 28 February 10:00 (2026 is not a leap year).
    expect(addMonthsInChina(new Date('2026-01-31T02:00:00Z'), 1).toISOString()).toBe('2026-02-28T02:00:00.000Z');
    expect(addMonthsInChina(new Date('2026-03-15T02:00:00Z'), 12).toISOString()).toBe('2027-03-15T02:00:00.000Z');
  });

  it('moves the manual clock by months exactly as the work calendar schedules a timer', () => {
    // A P1M timer and advance('P1M') must agree, or a test advancing by a month misses (or overshoots) the timer.
    const start = new Date('2026-01-31T02:00:00Z');
    const clock = createManualClock(start);
    const calendar = engineCalendar();
    for (const text of ['P1M', 'P1Y', 'P2M3DT4H']) {
      clock.set(start);
      expect(clock.advance(text).toISOString()).toBe(calendar.addDelay(start, parseDelay(text)!).toISOString());
    }
  });
});
