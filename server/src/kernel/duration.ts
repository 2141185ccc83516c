/**
 * ISO 8601 durations for delays (`P7D`, `PT48H`, `P2M`), optionally counted in working days
 * (`P5D@workdays`). Days and months are counted in China Standard Time (UTC+8, no DST).
 */
export interface DelaySpec {
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  workdays: boolean;
  text: string;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?(@workdays)?$/;

/**
 * Parses a delay key. Returns undefined when the text is not a duration this engine understands.
 * @example parseDelay('P7D')?.days // 7
 */
export function parseDelay(text: string): DelaySpec | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text === 'PT' || /T(@workdays)?$/.test(text)) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const spec: DelaySpec = {
    years: n(1), months: n(2), days: n(4) + 7 * n(3), hours: n(5), minutes: n(6), seconds: n(7),
    workdays: Boolean(m[8]), text,
  };
  if (spec.workdays && (spec.years || spec.months || spec.hours || spec.minutes || spec.seconds)) return undefined;
  if (!spec.years && !spec.months && !spec.days && !spec.hours && !spec.minutes && !spec.seconds) return undefined;
  return spec;
}

