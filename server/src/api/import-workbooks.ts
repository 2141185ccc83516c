import type { Response } from 'express';
import type ExcelJS from 'exceljs';
import { XLSX_TYPES } from './upload';
import { MAX_IMPORT_ROWS } from '../domain/imports/sheet';
import type { ImportProblem, Sheet, TemplateColumn } from '../domain/imports/sheet';
import { columnLetter, loadExcel, safeCellValue, styleHeader } from './workbook';

/** Excel accepts a drop-down list written inline up to 255 characters; a longer one is described in the notes only. */
const INLINE_LIST_MAX = 250;
/** Header text of required columns: dark red, 7:1 against white. */
const REQUIRED_COLOUR = 'FF9E1C1C';
/** Cells at fault in an error workbook: a light red fill. */
const FAULT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD6D6' } };

/**
 * An empty import sheet to fill in: the headers the importer reads (required ones in dark red, each
 * with a note saying what goes there), frozen with filters; text format on number-like text
 * columns; drop-down lists and number checks where the import has a fixed set; and a second sheet
 * 填写说明 that lists every column's rules. The importer reads only the first sheet.
 */
export async function writeImportTemplate(sheetName: string, columns: TemplateColumn[], notes: string[]): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 4), ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  styleHeader(sheet, columns.length);
  const lastRow = MAX_IMPORT_ROWS + 1;
  // ExcelJS 4.4 writes range validations (one <dataValidation sqref="E2:E20001">) but its types omit the collection.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const header = sheet.getCell(`${letter}1`);
    header.numFmt = 'General';
    header.font = { bold: true, ...(c.required ? { color: { argb: REQUIRED_COLOUR } } : {}) };
    header.note = `${c.required ? '必填。' : '选填。'}${c.hint}`;
    const range = `${letter}2:${letter}${lastRow}`;
    const list = c.choices?.join(',');
    if (list && list.length <= INLINE_LIST_MAX) {
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [`"${list}"`], showErrorMessage: true, errorStyle: 'stop',
        errorTitle: c.header, error: `请从列表中选择：${c.choices!.join('、')}`,
      });
    } else if (c.whole) {
      validations.add(range, {
        type: 'whole', operator: 'between', allowBlank: true, formulae: [c.whole.min, c.whole.max], showErrorMessage: true, errorStyle: 'stop',
        errorTitle: c.header, error: `请填写 ${c.whole.min} 到 ${c.whole.max} 之间的整数`,
      });
    }
  });

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 14 }, { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'hint', width: 60 }, { header: '可选值', key: 'choices', width: 60 },
  ];
  styleHeader(help, 4);
  for (const c of columns) {
    help.addRow({ header: c.header, required: c.required ? '必填' : '选填', hint: c.hint, choices: c.choices?.join('、') ?? '' });
  }
  help.addRow({});
  for (const note of notes) help.addRow({ header: note });
  help.getColumn('hint').alignment = { wrapText: true, vertical: 'top' };
  help.getColumn('choices').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The sheet that was refused, back to the person who sent it with its problems marked: every row
 * as read (so the corrected sheet can be imported again as it is), each cell at fault filled red
 * with its message as a note, the row's messages in a last column 错误说明 and its row number in
 * the upload in 原行号 (the importer ignores both); a second sheet 错误清单 lists each problem by
 * row and column of the upload. Cells refused as formulas or control characters come back empty.
 */
export async function writeErrorWorkbook(sheetName: string, sheet: Sheet, problems: readonly ImportProblem[]): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const data = workbook.addWorksheet(sheetName);
  const columns = Object.values(sheet.columns).sort((a, b) => a.col - b.col);
  data.columns = [
    ...columns.map((c) => ({ header: c.header, key: c.field, width: Math.max(12, c.header.length * 2 + 4), style: { numFmt: '@' } })),
    { header: '错误说明', key: '__errors', width: 60 },
    { header: '原行号', key: '__row', width: 8 },
  ];
  styleHeader(data, columns.length + 2);
  data.getRow(1).eachCell((cell) => { cell.numFmt = 'General'; });

  const byRow = new Map<number, ImportProblem[]>();
  for (const p of problems) {
    const list = byRow.get(p.row);
    if (list) list.push(p);
    else byRow.set(p.row, [p]);
  }
  for (const { row, cells } of sheet.rows) {
    const found = byRow.get(row) ?? [];
    const written = data.addRow({
      ...Object.fromEntries(columns.map((c) => [c.field, safeCellValue(cells[c.field])])),
      __errors: found.map((p) => `${p.label}：${p.message}`).join('；') || null,
      __row: row,
    });
    if (!found.length) continue;
    written.getCell('__errors').font = { color: { argb: REQUIRED_COLOUR } };
    for (const [field, messages] of groupByField(found)) {
      if (!sheet.columns[field]) continue;
      const cell = written.getCell(field);
      cell.fill = FAULT_FILL;
      cell.note = messages.join('\n');
    }
  }

  const list = workbook.addWorksheet('错误清单');
  list.columns = [
    { header: '行号', key: 'row', width: 8 }, { header: '列', key: 'letter', width: 6 },
    { header: '列名', key: 'label', width: 16 }, { header: '错误', key: 'message', width: 70 },
  ];
  styleHeader(list, 4);
  for (const p of problems) list.addRow({ row: p.row, letter: p.letter ?? '', label: p.label, message: safeCellValue(p.message) });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function groupByField(problems: ImportProblem[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const p of problems) grouped.set(p.field, [...(grouped.get(p.field) ?? []), p.message]);
  return grouped;
}

/** Answers a workbook as a download named `name` (ASCII, for old clients) and `zhName` (what browsers show). */
export function sendWorkbook(res: Response, buffer: Buffer, name: string, zhName: string): void {
  res.set('Content-Type', XLSX_TYPES[0]);
  res.set('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(zhName)}`);
  res.set('Cache-Control', 'no-store');
  res.send(buffer);
}
