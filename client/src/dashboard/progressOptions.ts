import type { ProgressReport } from '@shared/contract';
import type { EChartsCoreOption } from './echarts';

/** The dashboard's messages these charts use (`useT(dashboardText)` fits); named here so this file needs no React. */
type T = (key: 'actual' | 'target' | 'share' | 'yearSeries' | 'targetLine' | 'open' | 'overdue' | 'tasks', vars?: Record<string, string | number>) => string;

/** Percent with one decimal, as the axes show it. */
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const shareToPercent = (share: number) => Math.round(share * 1000) / 10;

/**
 * County totals per target year (one report per year, oldest first): the share of registered
 * people out of poverty by the end of each year against that year's target.
 */
export function countyOption(years: ProgressReport[], t: T): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value}%` },
    legend: { top: 0, data: [t('actual'), t('target')] },
    grid: { left: 48, right: 16, bottom: 32, top: 56 },
    xAxis: { type: 'category', data: years.map((report) => String(report.year)) },
    yAxis: { type: 'value', max: 100, name: t('share') },
    series: [
      { name: t('actual'), type: 'bar', data: years.map((report) => percent(report.totals.exitedPeople, report.totals.poorPeople)), barMaxWidth: 48 },
      { name: t('target'), type: 'line', data: years.map((report) => shareToPercent(report.targetShare)), lineStyle: { type: 'dashed' } },
    ],
  };
}

/** Each town's share out of poverty at the end of each target year, with the year targets as dashed lines. */
export function townOption(years: ProgressReport[], t: T): EChartsCoreOption {
  const towns = years[years.length - 1]?.towns ?? [];
  return {
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value}%` },
    legend: { top: 0 },
    grid: { left: 48, right: 16, bottom: 64, top: 40 },
    xAxis: { type: 'category', data: towns.map((town) => town.name), axisLabel: { rotate: 45, interval: 0 } },
    yAxis: { type: 'value', max: 100, name: t('share') },
    series: years.map((report, index) => {
      const byTown = new Map(report.towns.map((town) => [town.orgUnitId, town]));
      return {
        name: t('yearSeries', { year: report.year }),
        type: 'bar',
        data: towns.map((town) => shareToPercent(byTown.get(town.orgUnitId)?.exitedShare ?? 0)),
        markLine:
          index === 0
            ? {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#cf1322' },
                label: { formatter: '{b}', position: 'insideEndTop' },
                data: years.map((line) => ({ yAxis: shareToPercent(line.targetShare), name: t('targetLine', { year: line.year, share: shareToPercent(line.targetShare) }) })),
              }
            : undefined,
      };
    }),
  };
}

/** Open tasks per town now, the overdue part stacked in red. */
export function taskLoadOption(report: ProgressReport, t: T): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('open'), t('overdue')] },
    grid: { left: 48, right: 16, bottom: 64, top: 56 },
    xAxis: { type: 'category', data: report.towns.map((town) => town.name), axisLabel: { rotate: 45, interval: 0 } },
    yAxis: { type: 'value', name: t('tasks'), minInterval: 1 },
    series: [
      { name: t('open'), type: 'bar', stack: 'tasks', data: report.towns.map((town) => Math.max(0, town.openTasks - town.overdueTasks)) },
      { name: t('overdue'), type: 'bar', stack: 'tasks', color: '#cf1322', data: report.towns.map((town) => town.overdueTasks) },
    ],
  };
}

/**
 * The towns on track for the report's year target, for the summary line, among the towns with
 * registered people (a town with none meets a target of none, which says nothing).
 */
export function onTrackCount(report: ProgressReport): { onTrack: number; towns: number } {
  const counted = report.towns.filter((town) => town.poorPeople > 0);
  return { onTrack: counted.filter((town) => town.onTrack).length, towns: counted.length };
}
