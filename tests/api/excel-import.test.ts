import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { idCardCheckCharacter } from '../../server/src/forms';
import { startApiHarness } from './api-harness';
import type { ApiAnswer, ApiClient, ApiHarness } from './api-harness';

/**
 * Excel import of households and org units: rows held to the form's rules, formula cells refused,
 * all or nothing, the row limit enforced while the sheet streams — and an export that never
 * hands Excel a formula. The last block uploads a workbook of close to 2 million rows and measures
 * time, memory and the health endpoint's latency while it is refused.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOUSEHOLD_HEADER = ['镇', '村', '户主姓名', '身份证号', '类别', '状态', '人口数', '主要致贫原因', '银行账号', '联系电话'];
const ORG_HEADER = ['代码', '名称', '上级代码', '级别', '相对贫困村'];

let harness: ApiHarness;
let county: ApiClient;
let admin: ApiClient;
let idSeq = 0;

/** A valid 18-digit ID number of 五华县, different on each call (a new birth date every 900 numbers). */
function newIdNumber(): string {
  const seq = idSeq++;
  const born = new Date(Date.UTC(1950, 0, 1) + Math.floor(seq / 900) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `441424${born}${String(100 + (seq % 900))}`;
  return body + idCardCheckCharacter(body);
}

/** A household row in HOUSEHOLD_HEADER order; `patch` overrides columns by header. */
function householdRow(patch: Record<string, ExcelJS.CellValue> = {}): ExcelJS.CellValue[] {
  const row: Record<string, ExcelJS.CellValue> = {
    镇: '华城镇', 村: '董源村', 户主姓名: '曾庆华', 身份证号: newIdNumber(), 类别: '一般贫困户', 状态: '未脱贫', 人口数: 4,
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

/** A zip of deflated entries, written by hand so a test can hold parts ExcelJS would never write. */
function zipOf(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = deflateRawSync(content, { level: 9 });
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(content.length, 22); local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(content), 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(content.length, 24); central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const upload = (client: ApiClient, path: string, body: Buffer, headers: Record<string, string> = {}) =>
  client.request('POST', path, body, { 'content-type': XLSX, ...headers });

async function householdCount(idNumbers: string[]): Promise<number> {
  const { rows } = await harness.services.db.pool.query('SELECT count(*)::int AS n FROM households WHERE head_id_number = ANY($1::text[])', [idNumbers]);
  return rows[0].n;
}

async function orgUnitCount(ids: string[]): Promise<number> {
  const { rows } = await harness.services.db.pool.query('SELECT count(*)::int AS n FROM org_units WHERE id = ANY($1::text[])', [ids]);
  return rows[0].n;
}

/** Every message of a 400 answer, and the one at `/rows/<row>/<field>`. */
function refusal(answer: ApiAnswer, row: number, field: string): string {
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('invalid');
  const messages = answer.body.error.fields?.[`/rows/${row}/${field}`];
  if (!messages) throw new Error(`no message for row ${row} ${field}: ${answer.text.slice(0, 2000)}`);
  return messages.join(' | ');
}

beforeAll(async () => {
  harness = await startApiHarness();
  county = await harness.login('xian');
  admin = await harness.login('admin');
});
afterAll(async () => { await harness.close(); });

// First, while the process holds little else, so its memory reads as the app's.
describe('a workbook of close to 2 million rows', () => {
  /** Rows that ExcelJS's streaming writer fits under the 10 MiB upload limit (2 million come to 11 MB). */
  const ROWS = 1_880_000;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jz-excel-'));
    file = join(dir, 'huge.xlsx');
    // Written in a child process, so the writer's own memory does not count as the app's.
    const script = `
      const ExcelJS = require(${JSON.stringify(require.resolve('exceljs'))});
      (async () => {
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: process.argv[1], useSharedStrings: true, useStyles: false, zip: { zlib: { level: 9 } } });
        const sheet = workbook.addWorksheet('建档立卡');
        sheet.addRow(${JSON.stringify(HOUSEHOLD_HEADER)}).commit();
        for (let i = 0; i < ${ROWS}; i++) sheet.addRow(['华城镇']).commit();
        sheet.commit();
        await workbook.commit();
      })();`;
    await promisify(execFile)(process.execPath, ['-e', script, file], { timeout: 170_000 });
  }, 180_000);
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('When it is uploaded, then it is refused within 10 s, memory stays under 800 MB and /api/health answers within 2 s throughout', async () => {
    const body = readFileSync(file);
    expect(body.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect(statSync(file).size).toBeGreaterThan(9 * 1024 * 1024);

    // RSS sampled from a worker thread, so a blocked main event loop cannot hide a peak.
    const peak = new Float64Array(new SharedArrayBuffer(8));
    const sampler = new Worker(`
      const { workerData, parentPort } = require('node:worker_threads');
      const peak = new Float64Array(workerData);
      let stop = false;
      parentPort.on('message', () => { stop = true; });
      const tick = () => { peak[0] = Math.max(peak[0], process.memoryUsage.rss()); if (!stop) setTimeout(tick, 5); else parentPort.close(); };
      tick();`, { eval: true, workerData: peak.buffer });
    const before = process.memoryUsage.rss();
    peak[0] = before;

    const latencies: number[] = [];
    const healthFailures: string[] = [];
    let uploading = true;
    const health = (async () => {
      while (uploading) {
        const started = performance.now();
        try {
          const answer = await fetch(`${harness.base}/api/health`);
          await answer.arrayBuffer();
          if (answer.status !== 200) healthFailures.push(`status ${answer.status}`);
        } catch (err) {
          healthFailures.push(String((err as Error).cause ?? err));
        }
        latencies.push(performance.now() - started);
        await new Promise((done) => setTimeout(done, 50));
      }
    })();
    const started = performance.now();
    const answer = await upload(county, '/api/households/import', body);
    const elapsed = performance.now() - started;
    uploading = false;
    await health;
    sampler.postMessage('stop');
    await new Promise((done) => sampler.once('exit', done));

    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    console.log(`2M-row abuse: ${ROWS} rows, ${(body.length / 1024 / 1024).toFixed(1)} MB upload; refused (${answer.status}) in ${Math.round(elapsed)} ms; `
      + `peak RSS ${mb(peak[0])} MB (${mb(peak[0] - before)} MB above the ${mb(before)} MB before); `
      + `/api/health ${latencies.length} calls, max ${Math.round(Math.max(...latencies))} ms, ${healthFailures.length} failed`);
    expect(healthFailures).toEqual([]);
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toMatch(/每次最多导入 20000 行/);
    expect(elapsed).toBeLessThan(10_000);
    // What the upload adds: the test worker's own RSS before it depends on the suites it ran earlier
    // (819 MB once in a clean-clone run), so the bound is on the growth, far below 800 MB.
    expect(peak[0] - before).toBeLessThan(200 * 1024 * 1024);
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(2_000);
  }, 60_000);
});

/** The audit rows of `action`, oldest first: who and what. */
async function auditRows(action: string): Promise<Array<{ by: string; details: Record<string, unknown> }>> {
  return (await harness.services.db.pool.query(`SELECT actor->>'username' AS by, details FROM audit_events WHERE action = $1 ORDER BY at, id`, [action])).rows;
}

describe('household import', () => {
  it('When every row is valid, then all rows are registered with their values, the report lists each row and the import is audited with it', async () => {
    const rows = [householdRow(), householdRow({ 户主姓名: '李秀英', 类别: '五保户', 人口数: 1, 主要致贫原因: '缺劳力' }), householdRow({ 村: '河子口村', 联系电话: '0753-4432100' })];
    const auditedBefore = (await auditRows('households.import')).length;
    const answer = await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, rows));
    expect(answer.status).toBe(200);
    expect((await auditRows('households.import')).slice(auditedBefore)).toEqual([{ by: 'xian', details: { total: 3, imported: 3 } }]);
    expect(answer.body).toEqual(expect.objectContaining({ total: 3, imported: 3, failed: 0 }));
    expect(answer.body.rows.map((r: any) => r.row)).toEqual([2, 3, 4]);
    const { rows: saved } = await harness.services.db.pool.query(
      `SELECT head_name, category, status, data, org_unit_id FROM households WHERE head_id_number = ANY($1::text[]) ORDER BY head_name`, [rows.map((r) => r[3])]);
    expect(saved.map((r) => r.head_name).sort()).toEqual(['李秀英', '曾庆华', '曾庆华'].sort());
    const li = saved.find((r) => r.head_name === '李秀英');
    expect(li).toEqual(expect.objectContaining({ category: '五保户', status: '未脱贫', org_unit_id: '441424130201' }));
    expect(li.data).toEqual(expect.objectContaining({ mainCause: '缺劳力', size: 1, bankAccount: '6217975800012345678' }));
  });

  const badValues: Array<[string, Record<string, ExcelJS.CellValue>, string, string, RegExp]> = [
    ['a formula written as text (=HYPERLINK)', { 户主姓名: '=HYPERLINK("http://evil.example/x","点我")' }, 'headName', 'C', /公式/],
    ['markup in the name (<img onerror>)', { 户主姓名: '<img src=x onerror=alert(1)>' }, 'headName', 'C', /姓名不能含数字或符号/],
    ['a 5,000-character cause', { 主要致贫原因: '因病'.repeat(2_500) }, 'mainCause', 'H', /可选：因病、因残/],
    ['a 500-digit bank account', { 银行账号: '6'.repeat(500) }, 'bankAccount', 'I', /银行账号应为 12–25 位数字/],
    ['an ID number with a wrong check character', { 身份证号: '441424198001011231' }, 'idNumber', 'D', /身份证号校验码不正确/],
    ['a 17-character ID number', { 身份证号: '44142419800101123' }, 'idNumber', 'D', /身份证号应为 18 位/],
    ['a category not on the list', { 类别: '特困户' }, 'category', 'E', /一般贫困户、扶贫低保户、低保户、五保户$/],
    ['a household size that is no number', { 人口数: '四口' }, 'size', 'G', /整数/],
    ['a phone number that is no phone number', { 联系电话: '12345' }, 'phone', 'J', /应为手机号或带区号的固定电话/],
    ['an unknown village', { 村: '不存在村' }, 'village', 'B', /华城镇没有「不存在村」/],
    ['a real formula cell', { 人口数: { formula: '2+2', result: 4 } }, 'size', 'G', /不接受公式/],
    ['text starting with +', { 联系电话: '+8613800138000' }, 'phone', 'J', /以 = \+ - @ 开头/],
    ['text starting with -', { 户主姓名: '-2+3+cmd' }, 'headName', 'C', /公式/],
    ['text starting with @', { 主要致贫原因: '@SUM(1+1)' }, 'mainCause', 'H', /公式/],
  ];

  it.each(badValues)('When a row has %s, then the import is a 400 naming row and column and nothing is written', async (_what, patch, field, letter, message) => {
    const good = householdRow();
    const bad = householdRow(patch);
    const auditedBefore = (await auditRows('households.import')).length;
    const answer = await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [good, bad]));
    expect(await auditRows('households.import')).toHaveLength(auditedBefore);
    const text = refusal(answer, 3, field);
    expect(text).toMatch(new RegExp(`^第 3 行 ${letter} 列（${HOUSEHOLD_HEADER[letter.charCodeAt(0) - 65]}）：`));
    expect(text).toMatch(message);
    expect(answer.body.error.message).toMatch(/^导入失败，未写入任何数据/);
    expect(Object.keys(answer.body.error.fields)).toEqual([`/rows/3/${field}`]);
    expect(await householdCount([good[3] as string, bad[3] as string])).toBe(0);
  });

  it('When the workbook comes as multipart/form-data (the browser\'s upload), then it is imported the same way', async () => {
    const row = householdRow();
    const boundary = 'jz-excel-import-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="households.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`),
      await workbookOf(HOUSEHOLD_HEADER, [row]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const answer = await county.request('POST', '/api/households/import', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(answer.status).toBe(200);
    expect(await householdCount([row[3] as string])).toBe(1);
  });

  it('When the request asks for English, then the messages are in English and still name row and column', async () => {
    const answer = await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [householdRow({ 户主姓名: '=1+1' })]), { 'accept-language': 'en' });
    expect(refusal(answer, 2, 'headName')).toMatch(/^Row 2, column C \(户主姓名\): formulas/);
    expect(answer.body.error.message).toMatch(/^Nothing was imported/);
  });

  it('When a household in the sheet is registered already or repeats an earlier row, then nothing of the sheet is written', async () => {
    const first = householdRow();
    expect((await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [first]))).status).toBe(200);
    const fresh = householdRow();
    const again = await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [fresh, householdRow({ 身份证号: first[3] })]));
    expect(refusal(again, 3, 'idNumber')).toMatch(/已在建档立卡名单或在办申请中/);
    const repeated = await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [fresh, householdRow({ 身份证号: fresh[3] })]));
    expect(refusal(repeated, 3, 'idNumber')).toMatch(/与第 2 行重复/);
    expect(await householdCount([fresh[3] as string])).toBe(0);
    // Refused in the registry's transaction (after the rows were inserted): its audit row went with them.
    expect((await auditRows('households.import')).filter((r) => r.details.total === 2)).toEqual([]);
  });

  it('When a head in the sheet is in an open application, then the import is refused and the application keeps its number', async () => {
    const held = newIdNumber();
    const pool = harness.services.db.pool;
    const { rows: [clerk] } = await pool.query(`SELECT u.org_unit_id, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username = 'cun-dongyuan'`);
    const instanceId = (await pool.query(`SELECT id FROM instances LIMIT 1`)).rows[0]?.id ?? '00000000-0000-4000-8000-000000000001';
    await pool.query(`INSERT INTO id_number_claims (tenant_id, id_number, instance_id, household_id, org_unit_id, org_path, claimed_at) VALUES ('441424', $1, $2, NULL, $3, $4, now())`,
      [held, instanceId, clerk.org_unit_id, clerk.path]);
    const answer = await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [householdRow(), householdRow({ 身份证号: held })]));
    expect(refusal(answer, 3, 'idNumber')).toMatch(/已在建档立卡名单或在办申请中/);
    expect(await householdCount([held])).toBe(0);
    expect((await pool.query('SELECT instance_id FROM id_number_claims WHERE id_number = $1', [held])).rows).toEqual([{ instance_id: instanceId }]);
  });

  it('When an import registers a household, then its head number is claimed and a later application with it is refused', async () => {
    const row = householdRow();
    expect((await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, [row]))).status).toBe(200);
    const { rows } = await harness.services.db.pool.query('SELECT c.household_id, h.id FROM id_number_claims c JOIN households h ON h.head_id_number = c.id_number WHERE c.id_number = $1', [row[3]]);
    expect(rows).toHaveLength(1);
    expect(rows[0].household_id).toBe(rows[0].id);
  });

  it('When the header lacks a required column, then the answer names the column', async () => {
    const answer = await upload(county, '/api/households/import', await workbookOf(['镇', '村', '户主姓名'], [['华城镇', '董源村', '张三']]));
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields['/columns/idNumber']).toEqual(['缺少「身份证号」列']);
  });

  it('When the sheet has more than 20,000 data rows, then it is refused with 413 and nothing is written', async () => {
    const rows = Array.from({ length: 20_001 }, () => householdRow());
    const answer = await upload(county, '/api/households/import', await workbookOf(HOUSEHOLD_HEADER, rows));
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toMatch(/每次最多导入 20000 行/);
    expect(await householdCount([rows[0][3] as string, rows[20_000][3] as string])).toBe(0);
  }, 120_000);

  it('When a small upload inflates to a sheet of more than 64 MB (a zip bomb), then it is refused with 413 without reading it all', async () => {
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const sheet = Buffer.concat([
      Buffer.from(`<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>镇</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>`),
      Buffer.alloc(70 * 1024 * 1024, 'a'),
      Buffer.from('</t></is></c></row></sheetData></worksheet>'),
    ]);
    const bomb = zipOf({
      'xl/workbook.xml': Buffer.from(`<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': sheet,
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const answer = await upload(county, '/api/households/import', bomb);
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toMatch(/工作表内容过大/);
  });

  it('When the upload is not a workbook, then it is a 400 in Chinese', async () => {
    const answer = await upload(county, '/api/households/import', Buffer.from('镇,村\n华城镇,董源村\n'));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe('上传的文件不是可读取的 .xlsx 工作簿');
  });
});

describe('household export', () => {
  it('When registry text starts like a formula, then the exported workbook holds it as text with a leading apostrophe and no formula cell', async () => {
    const { pool } = harness.services.db;
    const hostile = { name: '=HYPERLINK("http://evil.example","点我")', cause: '@SUM(1+1)', bank: '+1-2' };
    const idNumber = newIdNumber();
    await pool.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       VALUES (gen_random_uuid(), '441424', '441424130201', '441424/441424130/441424130201', $1, $2, '-1', '未脱贫', $3, now(), now())`,
      [hostile.name, idNumber, JSON.stringify({ mainCause: hostile.cause, bankAccount: hostile.bank })]);
    const exported = await county.get(`/api/households/export.xlsx?unmask=1&reason=${encodeURIComponent('核对导出')}`);
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    let texts = 0;
    sheet.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      if (typeof cell.value === 'string') {
        texts += 1;
        expect(cell.value).not.toMatch(/^[=+\-@]/);
      }
    }));
    expect(texts).toBeGreaterThan(10);
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(4).value === idNumber)!;
    expect(row.getCell(3).value).toBe(`'${hostile.name}`);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(5).value).toBe("'-1");
    expect(row.getCell(8).value).toBe(`'${hostile.cause}`);
    expect(row.getCell(10).value).toBe(`'${hostile.bank}`);
  });
});

describe('org-unit import', () => {
  it('When the rows are valid, then a town, its village and a 村民小组 are created together, with the import\'s audit row', async () => {
    const rows = [['441424190', '测试镇', '441424', '镇', ''], ['441424190201', '测试村', '441424190', '村', '是'], ['441424190201001', '第一村民小组', '441424190201', '村民小组', '']];
    const auditedBefore = (await auditRows('org-units.import')).length;
    const answer = await upload(admin, '/api/org-units/import', await workbookOf(ORG_HEADER, rows));
    expect(answer.status).toBe(200);
    expect((await auditRows('org-units.import')).slice(auditedBefore)).toEqual([{ by: 'admin', details: { total: 3, imported: 3 } }]);
    expect(answer.body).toEqual(expect.objectContaining({ total: 3, imported: 3, failed: 0 }));
    const { rows: saved } = await harness.services.db.pool.query(`SELECT id, level, name, path, flags FROM org_units WHERE id LIKE '441424190%' ORDER BY id`);
    expect(saved).toEqual([
      expect.objectContaining({ id: '441424190', level: 'town', name: '测试镇', path: '441424/441424190' }),
      expect.objectContaining({ id: '441424190201', level: 'village', name: '测试村', flags: { relativelyPoor: true } }),
      expect.objectContaining({ id: '441424190201001', level: 'group', path: '441424/441424190/441424190201/441424190201001' }),
    ]);
  });

  const badRows: Array<[string, ExcelJS.CellValue[], string, string, RegExp]> = [
    ['a formula as the name', ['441424130299', '=cmd|\' /C calc\'!A0', '441424130', '村', ''], 'name', 'B', /公式/],
    ['a real formula cell as the code', [{ formula: '441424130200+99', result: 441424130299 }, '新村', '441424130', '村', ''], 'id', 'A', /不接受公式/],
    ['markup in the name', ['441424130299', '<img src=x onerror=alert(1)>村', '441424130', '村', ''], 'name', 'B', /不能包含 < 或 >/],
    ['a 101-character name', ['441424130299', '村'.repeat(101), '441424130', '村', ''], 'name', 'B', /不能超过 100 个字符/],
    ['a code that is not digits', ['ABC123', '新村', '441424130', '村', ''], 'id', 'A', /6 到 15 位数字/],
    ['a code that exists', ['441424130201', '董源村', '441424130', '村', ''], 'id', 'A', /已存在/],
    ['an unknown parent', ['441424130299', '新村', '999999999', '村', ''], 'parentId', 'C', /未知的上级/],
    ['a level that does not fit the parent', ['441424130299', '新村', '441424130', '村民小组', ''], 'level', 'D', /不能直属于镇级单位/],
    ['text starting with @ in the flag', ['441424130299', '新村', '441424130', '村', '@1'], 'poorVillage', 'E', /公式/],
  ];

  it.each(badRows)('When a row has %s, then the import is a 400 naming row and column and nothing is written', async (_what, bad, field, letter, message) => {
    const good = ['441424130298', '新建村', '441424130', '村', ''];
    const answer = await upload(admin, '/api/org-units/import', await workbookOf(ORG_HEADER, [good, bad]));
    const text = refusal(answer, 3, field);
    expect(text).toMatch(new RegExp(`^第 3 行 ${letter} 列（${ORG_HEADER[letter.charCodeAt(0) - 65]}）：`));
    expect(text).toMatch(message);
    expect(await orgUnitCount(['441424130298', '441424130299'])).toBe(0);
  });

  it('When the sheet has more than 20,000 data rows, then it is refused with 413', async () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => [`441424199${String(i).padStart(6, '0')}`, `组${i}`, '441424', '镇', '']);
    const answer = await upload(admin, '/api/org-units/import', await workbookOf(ORG_HEADER, rows));
    expect(answer.status).toBe(413);
    expect(await orgUnitCount(['441424199000000'])).toBe(0);
  }, 120_000);

  it('When a village clerk tries, then the answer is 403 in Chinese', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const answer = await upload(clerk, '/api/org-units/import', await workbookOf(ORG_HEADER, [['441424130298', '新建村', '441424130', '村', '']]));
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toBe('只有管理员可以导入组织机构');
  });
});
