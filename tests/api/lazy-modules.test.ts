/**
 * Libraries only a few pages use are loaded when first used, not with the server: ExcelJS (imports
 * and exports, about 28 MB with its zip libraries) and bull-board (the queue dashboard).
 */
// A function declaration, so the module factories below can use it whenever the imports run.
function mockLoaded(): string[] {
  const holder = globalThis as { jzLoadedModules?: string[] };
  return (holder.jzLoadedModules ??= []);
}
jest.mock('exceljs', () => { mockLoaded().push('exceljs'); return jest.requireActual('exceljs'); });
jest.mock('@bull-board/express', () => { mockLoaded().push('@bull-board/express'); return jest.requireActual('@bull-board/express'); });
jest.mock('@bull-board/api', () => { mockLoaded().push('@bull-board/api'); return jest.requireActual('@bull-board/api'); });

import '../../server/src/api/create-app';
import '../../server/src/services';
import { loadExcel, writeSheet } from '../../server/src/api/workbook';

describe('modules loaded on first use', () => {
  it('the app and every router load neither ExcelJS nor bull-board', () => {
    expect(mockLoaded()).toEqual([]);
  });

  it('ExcelJS is loaded by the first workbook written', async () => {
    const buffer = await writeSheet('测试', [{ key: 'name', header: '姓名' }], [{ name: '曾庆华' }]);
    expect(mockLoaded()).toContain('exceljs');
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getCell('A2').value).toBe('曾庆华');
  });
});
