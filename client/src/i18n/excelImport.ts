import { defineCatalog } from './catalog';

/** The Excel import dialog's own words; each page gives its title and what the sheet holds. */
export const excelImportText = defineCatalog({
  'zh-CN': {
    pick: '点击或拖入 .xlsx 文件',
    start: '开始导入',
    uploading: '正在上传 {n}%',
    checking: '上传完成，正在逐行校验…',
    done: '共 {total} 行：导入 {imported} 行，未导入 {failed} 行',
    row: '行号',
    result: '结果',
    ok: '已导入',
    close: '关闭',
    problems: '需要改正的问题',
  },
  en: {
    pick: 'Click or drop an .xlsx file',
    start: 'Import',
    uploading: 'Uploading {n}%',
    checking: 'Uploaded; checking each row…',
    done: '{total} rows: {imported} imported, {failed} not imported',
    row: 'Row',
    result: 'Result',
    ok: 'Imported',
    close: 'Close',
    problems: 'Problems to fix',
  },
});
