import { idCardCheckCharacter } from '../../server/src/forms/id-card';

let counter = 0;

/** A new valid ID number with the same region, birth date and sex as `original`, distinct on every call. */
export function freshIdNumber(original: string): string {
  for (;;) {
    const n = counter++;
    const sexParity = Number(original[16]) % 2;
    const seq = `${String(n % 100).padStart(2, '0')}${(Math.floor(n / 100) % 5) * 2 + sexParity}`;
    const first17 = `${original.slice(0, 14)}${seq}`;
    const id = first17 + idCardCheckCharacter(first17);
    if (id !== original) return id;
  }
}

/**
 * A copy of form data in which every ID number (each `idNumber` field, and the same number inside
 * other strings such as a disability certificate) is replaced by a fresh one, consistently within
 * the copy: the head and the first member still share one number. An ID number may belong to one
 * household or open case only, so tests that file several applications from one example need this.
 */
export function withFreshIdNumbers<T>(data: T): T {
  const replacements = new Map<string, string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collect);
    if (!value || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      if (key === 'idNumber' && typeof v === 'string' && /^\d{17}[\dX]$/.test(v) && !replacements.has(v)) replacements.set(v, freshIdNumber(v));
      else collect(v);
    }
  };
  collect(data);
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let text = value;
      for (const [from, to] of replacements) text = text.split(from).join(to);
      return text;
    }
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
  };
  return rewrite(data) as T;
}
