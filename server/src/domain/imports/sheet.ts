import { ValidationError } from '../../kernel';

/**
 * An import sheet as the importers check it (the rows of the first sheet of a workbook, read by
 * api/workbook.ts), and what is wrong with it by row and column: the 400 that refuses a sheet, and
 * the list the error workbook marks. Nothing here reads or writes Excel.
 */

/** The language of an import's messages. */
export type ImportLocale = 'zh-CN' | 'en';

const say = (locale: ImportLocale, zh: string, en: string) => (locale === 'en' ? en : zh);

/** Most data rows one import takes; a longer sheet is refused (413) as soon as the reader passes it. */
export const MAX_IMPORT_ROWS = 20_000;

/** One column the sheet has: the field it maps to, its 1-based number, letter and header text. */
export interface SheetColumn {
  field: string;
  col: number;
  letter: string;
  header: string;
}

/** One data row of a sheet: its 1-based row number and its cells by field. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
  /**
   * Fields whose cell Excel would run or that PostgreSQL cannot store: a formula, text starting
   * with = + - @ (or a tab / carriage return), control characters, broken UTF-16. Their values are
   * not in `cells`; the importer refuses the row with {@link unsafeCellMessage}.
   */
  unsafe: Record<string, 'formula' | 'control'>;
}

/** The first sheet of a workbook: the columns its header row maps, and its non-empty data rows. */
export interface Sheet {
  columns: Record<string, SheetColumn>;
  rows: SheetRow[];
}

/** The message for a cell {@link SheetRow.unsafe} names. */
export function unsafeCellMessage(kind: 'formula' | 'control', locale: ImportLocale): string {
  return kind === 'formula'
    ? say(locale, '不接受公式，也不接受以 = + - @ 开头的内容', 'formulas, and text starting with = + - @, are not accepted')
    : say(locale, '含有控制字符或无效字符', 'contains control or invalid characters');
}

/** One problem of an import: the sheet row, the field, and the message without the row (`C 列（户主姓名）：必填`). */
export interface ImportProblem {
  row: number;
  field: string;
  /** The column's letter in the uploaded sheet, when the sheet has the column. */
  letter?: string;
  label: string;
  message: string;
}

/**
 * Collects what is wrong with an import, by row and column, and turns it into one 400 answer:
 * `fields` maps `/rows/<row>/<field>` to messages such as `第 5 行 C 列（户主姓名）：…`, and the
 * message lists the first few. Nothing is written when there is any. {@link all} keeps every
 * problem (up to {@link KEPT}) for the error workbook.
 */
export class ImportProblems {
  private readonly fields: Record<string, string[]> = {};
  private readonly messages: string[] = [];
  private readonly kept: ImportProblem[] = [];
  private total = 0;

  constructor(private readonly columns: Record<string, SheetColumn>, private readonly labels: Record<string, { zh: string; en: string }>, readonly locale: ImportLocale) {}

  /** Most messages one answer lists; the rest are counted. */
  static readonly LISTED = 200;
  /** Most problems the error workbook lists (ten per row of the largest sheet is far more than any real one has). */
  static readonly KEPT = 200_000;

  get size(): number { return this.total; }

  /** Every problem recorded, in the order found (rows in sheet order). */
  get all(): readonly ImportProblem[] { return this.kept; }

  /** Records `message` (already in the request's language) for `field` of sheet row `row`. */
  add(row: number, field: string, message: string): void {
    this.total += 1;
    const column = this.columns[field];
    const label = column?.header ?? say(this.locale, this.labels[field]?.zh ?? field, this.labels[field]?.en ?? field);
    if (this.kept.length < ImportProblems.KEPT) this.kept.push({ row, field, letter: column?.letter, label, message });
    if (this.messages.length >= ImportProblems.LISTED) return;
    const where = column
      ? say(this.locale, `第 ${row} 行 ${column.letter} 列（${label}）`, `Row ${row}, column ${column.letter} (${label})`)
      : say(this.locale, `第 ${row} 行（${label}）`, `Row ${row} (${label})`);
    const text = `${where}${say(this.locale, '：', ': ')}${message}`;
    (this.fields[`/rows/${row}/${field}`] ??= []).push(text);
    this.messages.push(text);
  }

  /** Throws the 400 when anything was recorded. */
  throwIfAny(): void {
    if (this.total === 0) return;
    const shown = this.messages.slice(0, 3).join(say(this.locale, '；', '; '));
    const more = this.total > 3 ? say(this.locale, `；另有 ${this.total - 3} 处`, `; and ${this.total - 3} more`) : '';
    throw new ValidationError(say(this.locale,
      `导入失败，未写入任何数据：共 ${this.total} 处错误。${shown}${more}`,
      `Nothing was imported: ${this.total} problem${this.total === 1 ? '' : 's'}. ${shown}${more}`), this.fields);
  }
}

/** Refuses (400) a sheet whose header row lacks a required column, naming the columns in the request's language. */
export function requireColumns(sheet: Sheet, required: string[], labels: Record<string, { zh: string; en: string }>, locale: ImportLocale): void {
  const missing = required.filter((field) => !sheet.columns[field]);
  if (!missing.length) return;
  const names = missing.map((field) => say(locale, labels[field]?.zh ?? field, labels[field]?.en ?? field));
  throw new ValidationError(say(locale, `表头缺少以下列：${names.join('、')}`, `The header row lacks the columns: ${names.join(', ')}`),
    Object.fromEntries(missing.map((field, i) => [`/columns/${field}`, [say(locale, `缺少「${names[i]}」列`, `column "${names[i]}" is missing`)]])));
}

/** Refuses (400) a sheet with a header but no data row. */
export function requireRows(sheet: Sheet, locale: ImportLocale): void {
  if (sheet.rows.length) return;
  const message = say(locale, '表中没有数据行：第一行为表头，数据从第二行起', 'The sheet has no data rows: the first row is the header, data starts below it');
  throw new ValidationError(message, { '/rows': [message] });
}

/** Shortens a cell's text for quoting in a message. */
export function quote(text: string, max = 20): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A column of an import template: the header the importer reads, whether it must be filled, and what goes in it. */
export interface TemplateColumn {
  header: string;
  required: boolean;
  /** What to write, in the words of the person who fills it in. */
  hint: string;
  width?: number;
  /** The accepted values, offered as a drop-down list in the sheet. */
  choices?: string[];
  /** Kept as text, so Excel does not turn an 18-digit ID number into 4.41424E+17 or drop a leading 0. */
  text?: boolean;
  /** A whole number within bounds (人口数). */
  whole?: { min: number; max: number };
}
