import ExcelJS from 'exceljs';
import { idCardCheckCharacter } from '../../server/src/forms';
import { startApiHarness } from './api-harness';
import type { ApiAnswer, ApiClient, ApiHarness } from './api-harness';

/**
 * The workbooks around an Excel import and export, each read back with ExcelJS: the template to
 * fill in, the error workbook of a refused import (which imports as it is once corrected), and the
 * export's local dates, frozen header, filters and 人口数.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOUSEHOLD_HEADER = ['镇', '村', '户主姓名', '身份证号', '类别', '状态', '人口数', '主要致贫原因', '银行账号', '联系电话'];
const ORG_HEADER = ['代码', '名称', '上级代码', '级别', '相对贫困村'];

let harness: ApiHarness;
let county: ApiClient;
let admin: ApiClient;
let clerk: ApiClient;
let idSeq = 0;

/** A valid 18-digit ID number of 五华县 not used by the other suites (born in 1941). */
function newIdNumber(): string {
  const seq = idSeq++;
  const born = new Date(Date.UTC(1941, 0, 1) + Math.floor(seq / 900) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `441424${born}${String(100 + (seq % 900))}`;
  return body + idCardCheckCharacter(body);
}

function householdRow(patch: Record<string, ExcelJS.CellValue> = {}): ExcelJS.CellValue[] {
  const row: Record<string, ExcelJS.CellValue> = {
    镇: '华城镇', 村: '董源村', 户主姓名: '钟少芳', 身份证号: newIdNumber(), 类别: '一般贫困户', 状态: '未脱贫', 人口数: 4,
    主要致贫原因: '因病', 银行账号: '6217975800012345678', 联系电话: '13800138000', ...patch,
  };
  return HOUSEHOLD_HEADER.map((h) => row[h]);
}

async function workbookOf(header: string[], rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readWorkbook(answer: ApiAnswer): Promise<ExcelJS.Workbook> {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toContain(XLSX);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(answer.body as ArrayBuffer);
  return workbook;
}

const upload = (client: ApiClient, path: string, body: Buffer) => client.request('POST', path, body, { 'content-type': XLSX });

function headerOf(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
}

/** The header row is frozen and every column has a filter button. */
function expectFrozenAndFiltered(sheet: ExcelJS.Worksheet, columns: number) {
  expect(sheet.views[0]).toEqual(expect.objectContaining({ state: 'frozen', ySplit: 1 }));
  const filter = sheet.autoFilter as unknown;
  const letter = String.fromCharCode(64 + columns);
  // ExcelJS reads the filter back as its range text.
  expect(filter).toBe(`A1:${letter}1`);
}

async function householdCount(idNumbers: string[]): Promise<number> {
  const { rows } = await harness.services.db.pool.query('SELECT count(*)::int AS n FROM households WHERE head_id_number = ANY($1::text[])', [idNumbers]);
  return rows[0].n;
}

beforeAll(async () => {
  harness = await startApiHarness();
  county = await harness.login('xian');
  admin = await harness.login('admin');
  clerk = await harness.login('cun-dongyuan');
});
afterAll(async () => { await harness.close(); });

describe('import templates', () => {
  it('When the county downloads the household template, then it has the import\'s headers frozen with filters, notes, drop-down lists, text ID columns and a 填写说明 sheet — and a row typed into it imports', async () => {
    const workbook = await readWorkbook(await county.get('/api/households/import/template.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['建档立卡导入', '填写说明']);
    const sheet = workbook.worksheets[0];
    expect(headerOf(sheet)).toEqual(HOUSEHOLD_HEADER);
    expectFrozenAndFiltered(sheet, HOUSEHOLD_HEADER.length);
    expect(noteText(sheet.getCell('C1'))).toMatch(/^必填。/);
    expect(noteText(sheet.getCell('E1'))).toMatch(/^选填。/);
    // Drop-down lists of what the import accepts, on every data row.
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations.E2).toEqual(expect.objectContaining({ type: 'list', formulae: ['"一般贫困户,扶贫低保户,低保户,五保户"'] }));
    expect(validations.E20001).toEqual(validations.E2);
    expect(validations.A2.formulae[0]).toContain('华城镇');
    expect(validations.F2.formulae[0]).toBe('"未脱贫,预脱贫,已脱贫,返贫"');
    expect(validations.G2).toEqual(expect.objectContaining({ type: 'whole', formulae: [1, expect.any(Number)] }));
    expect(validations.H2.formulae[0]).toContain('因病');
    // ID, bank and phone columns are text, so Excel keeps all 18 digits.
    expect(sheet.getColumn(4).numFmt).toBe('@');
    expect(sheet.getColumn(9).numFmt).toBe('@');
    const help = workbook.getWorksheet('填写说明')!;
    expect(help.getRow(2).values).toEqual([undefined, '镇', '必填', '乡镇名称，如“华城镇”。', expect.stringContaining('华城镇')]);
    expect(help.getColumn(1).values).toEqual(expect.arrayContaining([expect.stringMatching(/整表都不写入/)]));

    // Filled in as a clerk would (one row under the header) and sent back, it imports.
    const row = householdRow();
    sheet.addRow(row);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await upload(county, '/api/households/import', filled);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual(expect.objectContaining({ imported: 1, failed: 0 }));
    expect(await householdCount([row[3] as string])).toBe(1);
  });

  it('When the admin downloads the org-unit template, then it has the import\'s headers, the 级别 list and a 填写说明 sheet; a village clerk gets a 403 in Chinese', async () => {
    const workbook = await readWorkbook(await admin.get('/api/org-units/import/template.xlsx'));
    const sheet = workbook.worksheets[0];
    expect(headerOf(sheet)).toEqual(ORG_HEADER);
    expectFrozenAndFiltered(sheet, ORG_HEADER.length);
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations.D2.formulae).toEqual(['"镇,村,村民小组"']);
    expect(workbook.getWorksheet('填写说明')!.getRow(5).getCell(1).value).toBe('级别');

    const refused = await clerk.get('/api/org-units/import/template.xlsx');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('只有管理员可以导入组织机构');
    expect((await clerk.get('/api/households/import/template.xlsx')).status).toBe(403);
  });
});

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | { texts?: Array<{ text: string }> } | undefined;
  if (!note) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
}

describe('the error workbook of a refused import', () => {
  it('When an import is refused, then the error workbook holds every row, marks the cells at fault with their messages, lists them by row and column, writes nothing — and once corrected imports as it is', async () => {
    const rows = [
      householdRow({ 户主姓名: '钟伟' }),
      householdRow({ 户主姓名: '=HYPERLINK("http://evil.example","x")', 类别: '特困户' }),
      householdRow({ 户主姓名: '钟秀兰', 村: '不存在村' }),
      householdRow({ 户主姓名: '钟国强' }),
    ];
    const upload1 = await workbookOf(HOUSEHOLD_HEADER, rows);
    const refused = await upload(county, '/api/households/import', upload1);
    expect(refused.status).toBe(400);

    const workbook = await readWorkbook(await upload(county, '/api/households/import/errors.xlsx', upload1));
    expect(await householdCount(rows.map((r) => r[3] as string))).toBe(0);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['建档立卡导入', '错误清单']);
    const sheet = workbook.worksheets[0];
    expect(headerOf(sheet)).toEqual([...HOUSEHOLD_HEADER, '错误说明', '原行号']);
    expectFrozenAndFiltered(sheet, HOUSEHOLD_HEADER.length + 2);
    expect(sheet.rowCount).toBe(5);
    const errorsOf = (n: number) => sheet.getRow(n).getCell(11).value;
    expect(errorsOf(2)).toBeNull();
    expect(errorsOf(3)).toMatch(/^户主姓名：不接受公式[^；]*；类别：应为以下选项之一：一般贫困户、扶贫低保户、低保户、五保户$/);
    expect(errorsOf(4)).toBe('村：华城镇没有「不存在村」');
    expect(errorsOf(5)).toBeNull();
    expect(sheet.getRow(4).getCell(12).value).toBe(4);
    // The cells at fault are filled red and carry the message; the formula comes back empty, never as a formula.
    const cause = sheet.getRow(3).getCell(5);
    expect(cause.value).toBe('特困户');
    expect((cause.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFD6D6');
    expect(noteText(cause)).toMatch(/^应为以下选项之一：/);
    expect(sheet.getRow(3).getCell(3).value).toBeNull();
    expect((sheet.getRow(2).getCell(3).fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    expect(sheet.getRow(2).getCell(4).value).toBe(rows[0][3]);
    const list = workbook.getWorksheet('错误清单')!;
    expect(headerOf(list)).toEqual(['行号', '列', '列名', '错误']);
    expect(list.getRow(2).values).toEqual([undefined, 3, 'C', '户主姓名', expect.stringMatching(/公式/)]);
    expect(list.rowCount).toBe(4);

    // The clerk corrects the marked cells in the error workbook and imports it as it is.
    sheet.getRow(3).getCell(3).value = '钟志明';
    sheet.getRow(3).getCell(5).value = '五保户';
    sheet.getRow(4).getCell(2).value = '河子口村';
    const corrected = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await upload(county, '/api/households/import', corrected);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual(expect.objectContaining({ total: 4, imported: 4 }));
    expect(await householdCount(rows.map((r) => r[3] as string))).toBe(4);
  });

  it('When a row repeats a registered household, then the error workbook names it (the registry is checked too) and nothing is written', async () => {
    const registered = householdRow({ 户主姓名: '钟海' });
    expect((await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [registered]))).status).toBe(200);
    const fresh = householdRow({ 户主姓名: '钟河' });
    const sheetWithDuplicate = await workbookOf(HOUSEHOLD_HEADER, [fresh, householdRow({ 户主姓名: '钟海', 身份证号: registered[3] })]);
    const workbook = await readWorkbook(await upload(county, '/api/households/import/errors.xlsx', sheetWithDuplicate));
    expect(workbook.worksheets[0].getRow(3).getCell(11).value).toBe('身份证号：该身份证号已在建档立卡名单或在办申请中');
    expect(await householdCount([fresh[3] as string])).toBe(0);
  });

  it('When an org-unit import is refused, then its error workbook marks the rows; a clerk may not ask for one, and a non-workbook is a 400 in Chinese', async () => {
    const rows = [['441424191', '测试二镇', '441424', '镇', ''], ['44142419120', '测试二村', '441424191', '县', '']];
    const body = await workbookOf(ORG_HEADER, rows);
    const workbook = await readWorkbook(await upload(admin, '/api/org-units/import/errors.xlsx', body));
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).getCell(6).value).toBeNull();
    expect(sheet.getRow(3).getCell(6).value).toBe('级别：应为 镇、村 或 村民小组');
    const { rows: created } = await harness.services.db.pool.query(`SELECT id FROM org_units WHERE id = '441424191'`);
    expect(created).toHaveLength(0);
    expect((await upload(clerk, '/api/org-units/import/errors.xlsx', body)).status).toBe(403);
    const notWorkbook = await upload(county, '/api/households/import/errors.xlsx', Buffer.from('镇,村\n'));
    expect(notWorkbook.status).toBe(400);
    expect(notWorkbook.body.error.message).toBe('上传的文件不是可读取的 .xlsx 工作簿');
  });
});

describe('the registry export', () => {
  it('When the registry is exported, then 登记时间 is a date in China time, the header is frozen with filters, and an imported 人口数 is kept', async () => {
    const { pool } = harness.services.db;
    const idNumber = newIdNumber();
    // 16:30 UTC on 1 March is 00:30 on 2 March in China.
    await pool.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       VALUES (gen_random_uuid(), '441424', '441424130201', '441424/441424130/441424130201', '钟时区', $1, '一般贫困户', '未脱贫', '{}', '2026-03-01T16:30:00Z', now())`, [idNumber]);
    const imported = householdRow({ 户主姓名: '钟五口', 人口数: 5 });
    expect((await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [imported]))).status).toBe(200);

    const workbook = await readWorkbook(await county.get(`/api/households/export.xlsx?unmask=1&reason=${encodeURIComponent('核对导出')}`));
    const sheet = workbook.worksheets[0];
    const header = headerOf(sheet);
    expectFrozenAndFiltered(sheet, header.length);
    const rowOf = (id: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(4).value === id)!;
    const registeredAt = rowOf(idNumber).getCell(header.indexOf('登记时间') + 1);
    expect(registeredAt.value).toBeInstanceOf(Date);
    // Excel holds wall-clock time: the cell reads 2026-03-02 00:30, China's local time, not 16:30 the day before.
    expect((registeredAt.value as Date).toISOString()).toBe('2026-03-02T00:30:00.000Z');
    expect(registeredAt.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(rowOf(imported[3] as string).getCell(header.indexOf('人口数') + 1).value).toBe(5);

    // The list shows the same 人口数.
    const listed = await county.get(`/api/households?q=${encodeURIComponent('钟五口')}`);
    expect(listed.body.items.map((h: { size: number }) => h.size)).toEqual([5]);
  });
});
