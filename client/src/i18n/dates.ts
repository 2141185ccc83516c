import type { Locale } from './LocaleContext';

/** Dates are China's (the county's), whatever zone the device is set to. */
const CHINA = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: CHINA, ...options });
    formats.set(key, format);
  }
  return format;
}

/** A day as the reader's language writes it, in China time: `2026年12月9日` / `9 December 2026`; without the year, `12月9日` / `9 December`. */
export function formatDay(iso: string, locale: Locale, { year = true }: { year?: boolean } = {}): string {
  return formatter(locale, { ...(year ? { year: 'numeric' } : {}), month: 'long', day: 'numeric' }).format(new Date(iso));
}

/** A moment to the minute, in China time: `2026年12月9日 19:56` / `9 December 2026, 19:56`. */
export function formatDayTime(iso: string, locale: Locale): string {
  const time = formatter(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${formatDay(iso, locale)}${locale === 'en' ? ', ' : ' '}${time}`;
}

const numeric = new Intl.DateTimeFormat('en-CA', {
  timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** The China-time fields of a moment, two digits each (the year four); null for no valid moment. */
function chinaFieldsOf(at: string | Date | null | undefined): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> | null {
  if (at === null || at === undefined) return null;
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return null;
  const fields = Object.fromEntries(numeric.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second };
}

/** A day in lists and tables, in China time, the same in both languages: `2026-12-09` (— for none). */
export function isoDay(at: string | Date | null | undefined): string {
  const f = chinaFieldsOf(at);
  return f ? `${f.year}-${f.month}-${f.day}` : '—';
}

/** A moment in lists and tables, in China time: `2026-12-09 19:56`, or `2026-12-09 19:56:07` with seconds (— for none). */
export function isoMinute(at: string | Date | null | undefined, { seconds = false }: { seconds?: boolean } = {}): string {
  const f = chinaFieldsOf(at);
  return f ? `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}${seconds ? `:${f.second}` : ''}` : '—';
}

/** A moment of this year in a tight place, in China time: `12-09 19:56` (— for none). */
export function shortMinute(at: string | Date | null | undefined): string {
  const f = chinaFieldsOf(at);
  return f ? `${f.month}-${f.day} ${f.hour}:${f.minute}` : '—';
}

/** Whole days from one `YYYY-MM-DD` day to another (negative when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
