import type { HolidayCalendar } from '../engine';

/** The county's year-indexed configuration (thresholds, targets, notice periods, calendar). */
export interface CountyConfig {
  tenantId: string;
  name: { zh: string; en?: string };
  /** Per year, only what changes: a year inherits every earlier year's values. */
  years: Record<string, Record<string, unknown>>;
  calendar: HolidayCalendar;
}

/**
 * Resolves the configuration in force in `year`: the earliest year's values overlaid by every
 * later year up to `year`. Years before the first configured one get the first year's values.
 * @example configForYear(cfg, 2017).exitTargetShare // 0.7
 */
export function resolveConfigForYear(config: CountyConfig, year: number): Record<string, unknown> {
  const years = Object.keys(config.years).map(Number).sort((a, b) => a - b);
  const resolved: Record<string, unknown> = { year };
  for (const y of years) {
    if (y > year && y !== years[0]) break;
    Object.assign(resolved, config.years[String(y)]);
  }
  resolved.year = year;
  return resolved;
}

/** A memoising resolver, the shape the engine takes. */
export function createConfigResolver(config: CountyConfig): (year: number) => Record<string, unknown> {
  const cache = new Map<number, Record<string, unknown>>();
  return (year) => {
    let value = cache.get(year);
    if (!value) cache.set(year, (value = Object.freeze(resolveConfigForYear(config, year)) as Record<string, unknown>));
    return value;
  };
}
