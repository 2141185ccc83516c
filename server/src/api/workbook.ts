import { pipeline, Readable, Transform } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createInflateRaw } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { HttpError } from './http-error';
import type { Locale } from './request-context';
import { CST_OFFSET_MS } from '../kernel';
import { MAX_IMPORT_ROWS } from '../domain/imports/sheet';
import type { Sheet, SheetColumn, SheetRow } from '../domain/imports/sheet';

/**
 * ExcelJS, loaded at the first import or export rather than with the server: it and its zip
 * libraries take about 28 MB of memory that a server which never reads a workbook should not hold.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}


/**
 * Caps on decompressed XML. A 20,000-row sheet of the import columns is a few MB; the caps stop a
 * small upload that inflates to gigabytes (a zip bomb, a single huge cell) long before memory does.
 */
const MAX_SHEET_XML_BYTES = 64 * 1024 * 1024;
const MAX_PART_XML_BYTES = 16 * 1024 * 1024;
/** A real workbook has a few dozen parts. */
const MAX_ZIP_ENTRIES = 2_000;
/** Rows read between two turns of the event loop, so other requests are served while a sheet is read. */
const ROWS_PER_TURN = 500;

const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

/** Options of {@link readSheet}. */
export interface ReadSheetOptions {
  maxRows?: number;
  locale?: Locale;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** Text that a spreadsheet would treat as a formula when it is typed or edited (CSV/formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Control characters other than tab, line feed and carriage return (NUL among them, which PostgreSQL refuses). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A UTF-16 surrogate without its pair: no valid UTF-8 exists for it, so PostgreSQL cannot store it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True for text a spreadsheet would evaluate as a formula: it starts with = + - @, a tab or a carriage return. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) || FORMULA_START.test(text.trimStart());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text ?? '').join('');
    return '';
  }
  return String(value);
}

function isFormulaValue(value: ExcelJS.CellValue): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value);
}

/** `1` → `A`, `28` → `AB`. */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// ---------------------------------------------------------------------------------------------
// The zip container, read from its central directory

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function notWorkbook(locale: Locale): HttpError {
  return new HttpError(400, 'invalid_workbook', say(locale, '上传的文件不是可读取的 .xlsx 工作簿', 'The upload is not a readable .xlsx workbook'));
}

/** The entries of a zip archive by name, from its central directory (zip64 included). */
function zipEntries(buffer: Buffer, locale: Locale): Map<string, ZipEntry> {
  const broken = () => notWorkbook(locale);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw broken();
  let count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buffer.readUInt32LE(locator) !== 0x07064b50) throw broken();
    const z64 = Number(buffer.readBigUInt64LE(locator + 8));
    if (z64 + 56 > buffer.length || buffer.readUInt32LE(z64) !== 0x06064b50) throw broken();
    count = Number(buffer.readBigUInt64LE(z64 + 32));
    offset = Number(buffer.readBigUInt64LE(z64 + 48));
  }
  if (count > MAX_ZIP_ENTRIES) throw broken();
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== 0x02014b50) throw broken();
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength > buffer.length) throw broken();
    const entry: ZipEntry = {
      name: buffer.toString('utf8', p + 46, p + 46 + nameLength),
      flags: buffer.readUInt16LE(p + 8),
      method: buffer.readUInt16LE(p + 10),
      compressedSize: buffer.readUInt32LE(p + 20),
      localOffset: buffer.readUInt32LE(p + 42),
    };
    const uncompressed = buffer.readUInt32LE(p + 24);
    // The zip64 extra field holds, in this order, the sizes and offset whose 32-bit fields are all ones.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
      const id = buffer.readUInt16LE(e);
      const size = buffer.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => { const v = q + 8 <= e + 4 + size ? Number(buffer.readBigUInt64LE(q)) : NaN; q += 8; return v; };
        if (uncompressed === 0xffffffff) next();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
        if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      }
      e += 4 + size;
    }
    entries.set(entry.name.replace(/^\/+/, ''), entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Counts bytes through; past `limit` it fails with `error()`. */
function byteCap(limit: number, error: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(error());
      else done(null, chunk);
    },
  });
}

/**
 * A stream of one entry's content, inflated as it is read and capped at `maxBytes`. Destroying it
 * (a reader that stops early) stops the inflation too.
 */
function openEntry(buffer: Buffer, entry: ZipEntry, maxBytes: number, locale: Locale): Readable {
  const p = entry.localOffset;
  if (entry.flags & 0x1) {
    throw new HttpError(400, 'invalid_workbook', say(locale, '工作簿已加密，请取消密码保护后再导入', 'The workbook is encrypted: remove its password and import it again'));
  }
  if (!Number.isSafeInteger(p) || p + 30 > buffer.length || buffer.readUInt32LE(p) !== 0x04034b50) throw notWorkbook(locale);
  const start = p + 30 + buffer.readUInt16LE(p + 26) + buffer.readUInt16LE(p + 28);
  if (!Number.isSafeInteger(entry.compressedSize) || start + entry.compressedSize > buffer.length) throw notWorkbook(locale);
  if (entry.method !== 0 && entry.method !== 8) throw notWorkbook(locale);
  const data = buffer.subarray(start, start + entry.compressedSize);
  const cap = byteCap(maxBytes, () => new HttpError(413, 'too_large', say(locale,
    `工作表内容过大（解压后超过 ${Math.round(maxBytes / 1024 / 1024)} MB），请拆分后再导入`,
    `The sheet is too large (over ${Math.round(maxBytes / 1024 / 1024)} MB uncompressed): split it and import the parts`)));
  const source = Readable.from([data], { objectMode: false });
  // pipeline destroys every stage when one fails or the reader stops; the reader sees the error itself.
  const done = () => undefined;
  return entry.method === 8 ? pipeline(source, createInflateRaw(), cap, done) : pipeline(source, cap, done);
}

// ---------------------------------------------------------------------------------------------
// The sheet, streamed

/** Row and workbook parts as ExcelJS's streaming reader parses them (its entry helpers; see readSheet). */
interface StreamReaderParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ rId?: string }> };
  sharedStrings?: unknown[];
}

/** The zip path of the workbook's first sheet. */
function firstSheetPath(reader: StreamReaderParts, entries: Map<string, ZipEntry>): string | undefined {
  const rId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((r) => r.Id === rId)?.Target;
  if (target) {
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    if (entries.has(path)) return path;
  }
  const sheets = [...entries.keys()].filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  return sheets.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))[0];
}

/**
 * The first sheet of an .xlsx workbook as rows keyed by the header row's text, with `aliases`
 * mapping each accepted header (zh or en) to a field name. Empty rows are skipped.
 *
 * The sheet is streamed row by row with ExcelJS's streaming reader and reading stops at the first
 * row past `maxRows` (413), so a 2-million-row upload costs what 20,000 rows cost. The reader is
 * given the workbook's parts in the order it can stream: ExcelJS's own entry loop takes the zip
 * in file order and, for a sheet stored before the shared strings (as Excel and ExcelJS write
 * them), first inflates the whole sheet to a temporary file. Inflated bytes are capped, and the
 * event loop gets a turn every few hundred rows so other requests keep being answered.
 */
export async function readSheet(buffer: Buffer, aliases: Record<string, string>, options: ReadSheetOptions = {}): Promise<Sheet> {
  const locale = options.locale ?? 'zh-CN';
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const entries = zipEntries(buffer, locale);
  const excel = await loadExcel();
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore',
  }) as unknown as StreamReaderParts;
  const part = (name: string) => {
    const entry = entries.get(name);
    return entry ? openEntry(buffer, entry, MAX_PART_XML_BYTES, locale) : undefined;
  };
  const columns: Record<string, SheetColumn> = {};
  const rows: SheetRow[] = [];
  try {
    const workbook = part('xl/workbook.xml');
    if (!workbook) throw notWorkbook(locale);
    await reader._parseWorkbook(workbook);
    const rels = part('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const strings = part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) { /* cached on the reader */ }
    reader.sharedStrings ??= [];
    const sheetPath = firstSheetPath(reader, entries);
    if (!sheetPath) throw new HttpError(400, 'invalid_workbook', say(locale, '工作簿中没有工作表', 'The workbook has no sheet'));
    const sheetStream = openEntry(buffer, entries.get(sheetPath)!, MAX_SHEET_XML_BYTES, locale);
    const [emitted] = [...reader._parseWorksheet(sheetStream, /\d+/.exec(sheetPath.split('/').pop()!)?.[0] ?? '1')];
    if (!emitted) throw notWorkbook(locale);

    let fieldOfColumn: Map<number, string> | undefined;
    let seen = 0;
    let dataRows = 0;
    for await (const row of emitted.value) {
      if (++seen % ROWS_PER_TURN === 0) await nextTurn();
      if (!fieldOfColumn) {
        // The header is the first row with any text in it.
        let headerSeen = false;
        row.eachCell((cell, col) => {
          const header = cellText(cell.value).trim();
          const field = aliases[header];
          if (header) headerSeen = true;
          if (field && !columns[field]) columns[field] = { field, col, letter: columnLetter(col), header };
        });
        if (headerSeen) fieldOfColumn = new Map(Object.values(columns).map((c) => [c.col, c.field]));
        continue;
      }
      const cells: Record<string, string> = {};
      const unsafe: SheetRow['unsafe'] = {};
      let filled = false;
      let mapped = false;
      row.eachCell((cell, col) => {
        const raw = cellText(cell.value);
        const present = raw.trim() !== '' || isFormulaValue(cell.value);
        if (present) filled = true;
        const field = fieldOfColumn!.get(col);
        if (!field || !present) return;
        mapped = true;
        // A number cell (-3) is a number, not a formula; only text can carry one.
        const text = typeof cell.value === 'string' || (typeof cell.value === 'object' && cell.value !== null && !(cell.value instanceof Date));
        if (isFormulaValue(cell.value) || (text && looksLikeFormula(raw))) unsafe[field] = 'formula';
        else if (CONTROL.test(raw) || LONE_SURROGATE.test(raw)) unsafe[field] = 'control';
        else cells[field] = raw.trim();
      });
      if (!filled) continue;
      // Every row with content counts towards the limit, also one whose content is in no known column.
      if (++dataRows > maxRows) {
        throw new HttpError(413, 'too_large', say(locale,
          `每次最多导入 ${maxRows} 行数据，本表第 ${row.number} 行已超出，请拆分后分批导入`,
          `At most ${maxRows} data rows per import; row ${row.number} is past it: split the sheet and import the parts`));
      }
      if (mapped) rows.push({ row: row.number, cells, unsafe });
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // Inflate and XML errors: the content is not a workbook, whatever its name says.
    throw notWorkbook(locale);
  }
  return { columns, rows };
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * A cell value that a spreadsheet shows as stored and never runs: text that would start a
 * formula gets a leading `'` (Excel's own text marker), and only plain strings, numbers, booleans
 * and dates pass; any other object (ExcelJS reads `{ formula }` or `{ hyperlink }` as active
 * content) is written as its JSON text.
 */
export function safeCellValue(value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value instanceof Date) return value;
  const text = typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** A column of a written sheet. `date` and `datetime` columns take ISO strings or dates and show China's local time. */
export interface WrittenColumn {
  header: string;
  key: string;
  width?: number;
  type?: 'text' | 'date' | 'datetime';
}

/** Excel's number formats for the date columns: the local date and time as people in China read them. */
const DATE_FORMATS = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' } as const;

/**
 * An instant as Excel should show it in China. Excel has no time zones: a cell holds a wall-clock
 * serial number, so the instant moves by China's offset (UTC+8, no daylight saving) before it is
 * written, and 2026-03-01T16:30Z shows as 2026-03-02 00:30.
 */
export function chinaWallClock(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const at = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(at.getTime()) ? null : new Date(at.getTime() + CST_OFFSET_MS);
}

/**
 * The header row of a sheet as every export and template has it: bold, frozen while the rows
 * scroll, with a filter button on each column.
 */
export function styleHeader(sheet: ExcelJS.Worksheet, columnCount: number): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columnCount) } };
}

/**
 * A workbook of one sheet from column definitions and rows, as a buffer; every value goes through
 * {@link safeCellValue}, date columns show China's local time, the header is frozen and filterable.
 */
export async function writeSheet(name: string, columns: WrittenColumn[], rows: Array<Record<string, unknown>>): Promise<Buffer> {
  return writeSheets([{ name, columns, rows }]);
}

/** A workbook of several sheets, each written as {@link writeSheet} writes its one. */
export async function writeSheets(sheets: ReadonlyArray<{ name: string; columns: WrittenColumn[]; rows: Array<Record<string, unknown>> }>): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  for (const { name, columns, rows } of sheets) await addSheet(workbook, name, columns, rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function addSheet(workbook: ExcelJS.Workbook, name: string, columns: WrittenColumn[], rows: Array<Record<string, unknown>>): Promise<void> {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c) => {
    const format = c.type && c.type !== 'text' ? DATE_FORMATS[c.type] : undefined;
    return { header: c.header, key: c.key, width: c.width ?? (c.type === 'datetime' ? 18 : 16), ...(format ? { style: { numFmt: format } } : {}) };
  });
  styleHeader(sheet, columns.length);
  for (const [i, row] of rows.entries()) {
    sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.type === 'date' || c.type === 'datetime' ? chinaWallClock(row[c.key]) : safeCellValue(row[c.key])])));
    // Building a large sheet is synchronous work: give other requests a turn now and then.
    if (i % 2_000 === 1_999) await nextTurn();
  }
  // The header keeps its own look, not the date format of its column.
  sheet.getRow(1).eachCell((cell) => { cell.numFmt = 'General'; });
}
