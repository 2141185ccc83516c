import { defineCatalog } from './catalog';

export const dashboardText = defineCatalog({
  'zh-CN': {
    title: '脱贫攻坚进度',
    countyProgress: '全县脱贫进度与目标',
    townProgress: '各乡镇累计脱贫比例',
    taskLoad: '各乡镇在办与逾期任务',
    actual: '实际累计脱贫',
    target: '目标',
    targetLine: '{year} 年目标 {share}%',
    yearSeries: '{year} 年底',
    open: '在办（未逾期）',
    overdue: '已逾期',
    share: '脱贫比例（%）',
    tasks: '任务数',
    empty: '暂无统计数据',
  },
  en: {
    title: 'Progress',
    countyProgress: 'County: people out of poverty vs target',
    townProgress: 'Share of poor people out of poverty, by town',
    taskLoad: 'Open and overdue tasks by town',
    actual: 'Out of poverty',
    target: 'Target',
    targetLine: '{year} target {share}%',
    yearSeries: 'End of {year}',
    open: 'Open (in time)',
    overdue: 'Overdue',
    share: 'Share (%)',
    tasks: 'Tasks',
    empty: 'No figures yet',
  },
});
