import type { ProgressReport } from '../api';
import type { Translate } from '../i18n';
import type { dashboardText } from '../i18n/dashboard';
import type { EChartsCoreOption } from './echarts';

type T = Translate<keyof (typeof dashboardText)['zh-CN']>;

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** County totals per year, actual against the 30% / 70% / 100% targets of the report. */
export function countyOption(report: ProgressReport, t: T): EChartsCoreOption {
  const years = report.targets.map((target) => target.year);
  const poor = report.towns.reduce((sum, town) => sum + town.poorPeople, 0);
  const exited = years.map((year) => report.towns.reduce((sum, town) => sum + (town.exitedByYear[year] ?? 0), 0));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value}%` },
    legend: { top: 0, data: [t('actual'), t('target')] },
    grid: { left: 48, right: 16, bottom: 32, top: 56 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', max: 100, name: t('share') },
    series: [
      { name: t('actual'), type: 'bar', data: exited.map((n) => percent(n, poor)), barMaxWidth: 48 },
      { name: t('target'), type: 'line', data: report.targets.map((target) => target.share * 100), lineStyle: { type: 'dashed' } },
    ],
  };
}

/** Each town's cumulative share by year, with the year targets as dashed lines. */
export function townOption(report: ProgressReport, t: T): EChartsCoreOption {
  const names = report.towns.map((town) => town.name);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value}%` },
    legend: { top: 0 },
    grid: { left: 48, right: 16, bottom: 64, top: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 45, interval: 0 } },
    yAxis: { type: 'value', max: 100, name: t('share') },
    series: report.targets.map((target, index) => ({
      name: t('yearSeries', { year: target.year }),
      type: 'bar',
      data: report.towns.map((town) => percent(town.exitedByYear[target.year] ?? 0, town.poorPeople)),
      markLine:
        index === 0
          ? {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#cf1322' },
              label: { formatter: '{b}', position: 'insideEndTop' },
              data: report.targets.map((line) => ({ yAxis: line.share * 100, name: t('targetLine', { year: line.year, share: line.share * 100 }) })),
            }
          : undefined,
    })),
  };
}

/** Open tasks per town, the overdue part stacked in red. */
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
