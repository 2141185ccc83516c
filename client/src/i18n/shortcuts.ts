import { defineCatalog } from './catalog';

/** The inbox's keyboard shortcuts, as the `?` help lists them. */
export const shortcutText = defineCatalog({
  'zh-CN': {
    title: '键盘快捷键',
    next: '下一条任务',
    previous: '上一条任务',
    open: '打开当前任务',
    search: '转到筛选/搜索',
    select: '选中或取消选中当前任务（批量办理）',
    claim: '认领当前任务',
    help: '显示本帮助',
    hint: '按 ? 查看键盘快捷键',
    close: '关闭',
  },
  en: {
    title: 'Keyboard shortcuts',
    next: 'Next task',
    previous: 'Previous task',
    open: 'Open the current task',
    search: 'Go to the filters / search',
    select: 'Select or unselect the current task (batch)',
    claim: 'Claim the current task',
    help: 'Show this help',
    hint: 'Press ? for keyboard shortcuts',
    close: 'Close',
  },
});
