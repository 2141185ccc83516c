import type { HolidayCalendar } from '../engine';
import { parseDelay } from '../kernel';

/** One year's public holidays and make-up workdays as the State Council publishes them (`source`: its circular). */
export interface CalendarYear extends HolidayCalendar {
  source: string;
}

/** The county's year-indexed configuration (thresholds, targets, notice periods, calendar). */
export interface CountyConfig {
  tenantId: string;
  name: { zh: string; en?: string };
  /** Per year, only what changes: a year inherits every earlier year's values. */
  years: Record<string, Record<string, unknown>>;
  /** Every published year's holidays together, the shape the work calendar takes. */
  calendar: HolidayCalendar;
  /** The circular each year's holidays come from, by year. */
  calendarSources: Record<string, string>;
  /** How public notices show households, and where objections go. */
  publicNotice: PublicNoticeSettings;
  /**
   * Settings of the `practice` block (not in the plan) as configuration values every year starts
   * from, e.g. `overdueRectificationInterview`, `overdueRectificationAfter`; a year may override them.
   */
  practice?: Record<string, unknown>;
}

/** The practice block's overdue-rectification entry: whether an unreported rectification leads to an 约谈, and after how long. */
export interface OverdueRectificationPractice {
  source?: string;
  interview?: unknown;
  after?: unknown;
}

/** The county's settings for public notices (公示). */
export interface PublicNoticeSettings {
  /** Show only the first and last character of the head's name (ID numbers are always masked). */
  maskNames: boolean;
  objectionHotline?: string;
  objectionAddress?: string;
}

/** The county configuration file as written: the calendar by year. */
export interface CountyConfigFile {
  tenantId: string;
  name: { zh: string; en?: string };
  years: Record<string, Record<string, unknown>>;
  calendar: Record<string, CalendarYear>;
  publicNotice?: Partial<PublicNoticeSettings>;
  practice?: { overdueRectification?: OverdueRectificationPractice; [key: string]: unknown };
  [key: string]: unknown;
}

/** What the practice block sets, as the configuration values guards (`config.…`) and delays (`$…`) read. */
function practiceValues(file: CountyConfigFile): Record<string, unknown> {
  const overdue = file.practice?.overdueRectification;
  if (!overdue) return {};
  return { overdueRectificationInterview: overdue.interview === true, overdueRectificationAfter: overdue.after };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with a county configuration file, as messages naming the year and the fix; empty
 * when it is usable. Every year from the first configured year to the last needs its holiday
 * calendar (working-day periods would otherwise count holidays as workdays), and every exclusion
 * rule a year configures must be one the verification form lets the work team answer.
 */
export function findCountyConfigProblems(file: CountyConfigFile, options: { exclusionRuleIdsInForm?: readonly string[] } = {}): string[] {
  const problems: string[] = [];
  const years = Object.keys(file.years ?? {}).map(Number).filter(Number.isInteger).sort((a, b) => a - b);
  if (!years.length) problems.push('county-config.json: "years" configures no year; add at least { "2016": { "householdEntryIncome": 4000, … } }');
  const calendar = file.calendar ?? {};
  for (let year = years[0]; years.length && year <= years[years.length - 1]; year++) {
    const entry = calendar[String(year)];
    if (!entry) {
      problems.push(`county-config.json: ${year} 年没有节假日安排（calendar.${year}）：请按国务院办公厅当年的通知填写 holidays、makeupWorkdays 和 source（the configuration covers ${year} but has no holiday calendar for it）`);
      continue;
    }
    const bad = [...(entry.holidays ?? []), ...(entry.makeupWorkdays ?? [])].filter((d) => !DATE.test(d) || Number.isNaN(Date.parse(d)));
    if (!Array.isArray(entry.holidays) || entry.holidays.length === 0) problems.push(`county-config.json: calendar.${year}.holidays 为空：请填写当年的法定节假日`);
    if (!Array.isArray(entry.makeupWorkdays)) problems.push(`county-config.json: calendar.${year}.makeupWorkdays 应为日期列表（可为空）`);
    if (typeof entry.source !== 'string' || !entry.source) problems.push(`county-config.json: calendar.${year}.source 应写明节假日安排的通知文号`);
    if (bad.length) problems.push(`county-config.json: calendar.${year} 有无效日期：${bad.join('、')}（应为 YYYY-MM-DD）`);
  }
  const overdue = file.practice?.overdueRectification;
  if (overdue !== undefined) {
    if (typeof overdue.interview !== 'boolean') problems.push('county-config.json: practice.overdueRectification.interview 应为 true（整改逾期转约谈）或 false（逾期只催办）');
    if (typeof overdue.after !== 'string' || !parseDelay(overdue.after)) problems.push(`county-config.json: practice.overdueRectification.after 应为 ISO 8601 时长，如 "P2M"（found ${JSON.stringify(overdue.after ?? null)}）`);
  }
  if (options.exclusionRuleIdsInForm) {
    const known = new Set(options.exclusionRuleIdsInForm);
    for (const year of years) {
      const rules = file.years[String(year)].exclusionRules;
      if (rules === undefined) continue;
      if (!Array.isArray(rules)) {
        problems.push(`county-config.json: years.${year}.exclusionRules 应为规则列表`);
        continue;
      }
      for (const rule of rules as Array<{ id?: unknown }>) {
        if (typeof rule?.id !== 'string' || !known.has(rule.id)) {
          problems.push(`county-config.json: years.${year}.exclusionRules 中的规则“${String(rule?.id)}”不在入户核实表单（household-identification.verification 的 exclusionChecks.rule）中：请在表单中加入该规则，或从配置中删去（known: ${[...known].join(', ')}）`);
        }
      }
    }
  }
  return problems;
}

/**
 * Reads the configuration file into the shape the app uses, refusing one with problems (see
 * {@link findCountyConfigProblems}) with every message at once.
 * @example parseCountyConfig(JSON.parse(text)).calendar.holidays.includes('2016-10-01') // true
 */
export function parseCountyConfig(file: CountyConfigFile, options: { exclusionRuleIdsInForm?: readonly string[] } = {}): CountyConfig {
  const problems = findCountyConfigProblems(file, options);
  if (problems.length) throw new Error(`县配置有误，无法启动 (the county configuration cannot be used):\n- ${problems.join('\n- ')}`);
  const years = Object.values(file.calendar);
  return {
    tenantId: file.tenantId,
    name: file.name,
    years: file.years,
    calendar: { holidays: years.flatMap((y) => y.holidays), makeupWorkdays: years.flatMap((y) => y.makeupWorkdays) },
    calendarSources: Object.fromEntries(Object.entries(file.calendar).map(([year, y]) => [year, y.source])),
    // Without a setting names stay masked, the cautious default; the shipped file shows them for public scrutiny.
    publicNotice: {
      maskNames: file.publicNotice?.maskNames !== false,
      objectionHotline: file.publicNotice?.objectionHotline,
      objectionAddress: file.publicNotice?.objectionAddress,
    },
    practice: practiceValues(file),
  };
}

/**
 * Resolves the configuration in force in `year`: the practice block's values, overlaid by the
 * earliest year's values and every later year up to `year`. Years before the first configured one get the first year's values.
 * @example configForYear(cfg, 2017).exitTargetShare // 0.7
 */
export function resolveConfigForYear(config: Pick<CountyConfig, 'years' | 'practice'>, year: number): Record<string, unknown> {
  const years = Object.keys(config.years).map(Number).sort((a, b) => a - b);
  const resolved: Record<string, unknown> = { ...config.practice, year };
  for (const y of years) {
    if (y > year && y !== years[0]) break;
    Object.assign(resolved, config.years[String(y)]);
  }
  resolved.year = year;
  return resolved;
}

/** A memoising resolver, the shape the engine takes. */
export function createConfigResolver(config: Pick<CountyConfig, 'years' | 'practice'>): (year: number) => Record<string, unknown> {
  const cache = new Map<number, Record<string, unknown>>();
  return (year) => {
    let value = cache.get(year);
    if (!value) cache.set(year, (value = Object.freeze(resolveConfigForYear(config, year)) as Record<string, unknown>));
    return value;
  };
}
