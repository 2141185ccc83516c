import { daysBetween, formatDay, formatDayTime, isoDay, isoMinute, shortMinute } from '../../client/src/i18n/dates';

// 2026-12-09 16:30 UTC is 00:30 on 10 December in China: the county's day, whatever the device's zone.
const LATE_EVENING_UTC = '2026-12-09T16:30:00Z';

describe('dates as the reader\'s language writes them, in China time', () => {
  it('writes a day in Chinese and in English', () => {
    expect(formatDay(LATE_EVENING_UTC, 'zh-CN')).toBe('2026年12月10日');
    expect(formatDay(LATE_EVENING_UTC, 'en')).toBe('10 December 2026');
  });

  it('leaves the year out when asked (a due date this year)', () => {
    expect(formatDay(LATE_EVENING_UTC, 'zh-CN', { year: false })).toBe('12月10日');
    expect(formatDay(LATE_EVENING_UTC, 'en', { year: false })).toBe('10 December');
  });

  it('writes a moment to the minute on the 24-hour clock', () => {
    expect(formatDayTime(LATE_EVENING_UTC, 'zh-CN')).toBe('2026年12月10日 00:30');
    expect(formatDayTime('2026-12-10T11:56:00Z', 'en')).toBe('10 December 2026, 19:56');
  });

  it('writes the numeric stamps of lists and tables in China time, whatever the device\'s zone', () => {
    expect(isoDay(LATE_EVENING_UTC)).toBe('2026-12-10');
    expect(isoMinute(LATE_EVENING_UTC)).toBe('2026-12-10 00:30');
    expect(isoMinute('2026-12-10T11:56:07Z', { seconds: true })).toBe('2026-12-10 19:56:07');
    expect(shortMinute(new Date(LATE_EVENING_UTC))).toBe('12-10 00:30');
    expect(isoDay('not a date')).toBe('—');
  });

  it('counts whole days between two days, across a month\'s and a year\'s end', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect(daysBetween(isoDay(LATE_EVENING_UTC), '2026-12-17')).toBe(7);
  });
});
