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
