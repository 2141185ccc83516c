import ExcelJS from 'exceljs';
import { HttpError } from './http-error';

/** One data row of a sheet: its 1-based row number and its cells by header. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

/**
 * The first sheet of a workbook as rows keyed by the header row's text, with `aliases` mapping
 * each accepted header (zh or en) to a field name. Empty rows are skipped.
 */
export async function readSheet(buffer: Buffer, aliases: Record<string, string>, maxRows = 20_000): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new HttpError(400, 'invalid_workbook', 'The upload is not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new HttpError(400, 'invalid_workbook', 'The workbook has no sheet');
  if (sheet.rowCount > maxRows + 1) throw new HttpError(413, 'too_large', `At most ${maxRows} rows per import`);
  const headers: Array<string | undefined> = [];
  sheet.getRow(1).eachCell((cell, col) => { headers[col] = aliases[cellText(cell.value)]; });
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells: Record<string, string> = {};
    row.eachCell((cell, col) => { if (headers[col]) cells[headers[col]!] = cellText(cell.value); });
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: number, cells });
  });
  return rows;
}

/** A workbook of one sheet from column definitions and rows, as a buffer. */
export async function writeSheet(name: string, columns: Array<{ header: string; key: string; width?: number }>, rows: Array<Record<string, unknown>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
