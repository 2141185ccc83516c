import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { idCardCheckCharacter } from '../../server/src/forms';
import { describeInBrowser } from './support';

// The county reviewer's Excel work on the registry page: the import template downloaded, a refused
// sheet's error workbook downloaded and corrected, and the export — each download read back.

const HEADER = ['镇', '村', '户主姓名', '身份证号', '类别', '状态', '人口数', '主要致贫原因', '银行账号', '联系电话'];
let idSeq = 0;

/** A valid ID number of 五华县 no other suite uses (born in 1939). */
function newIdNumber(): string {
  const seq = idSeq++;
  const body = `44142419390${String(101 + Math.floor(seq / 900)).padStart(3, '0')}${String(100 + (seq % 900))}`;
  return body + idCardCheckCharacter(body);
}

async function readDownload(download: Download): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  return workbook;
}

async function download(page: Page, click: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return file;
}

const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);

describeInBrowser('Excel import and export', 'excel', (suite) => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 360, height: 740 }]) {
    it(`When the county reviewer imports at ${viewport.width} px, then the template, the error workbook of a refused sheet and the export download and read back as Excel`, async () => {
      const page = await suite.signIn('xian');
      await page.setViewportSize(viewport);
      await page.goto(`${suite.base}/households`);
      await page.getByRole('heading', { name: '建档立卡' }).first().waitFor();
      await page.getByRole('button', { name: /导\s*入/ }).click();
      const dialog = page.getByRole('dialog');

      // The template: the import's headers, with its notes sheet.
      const template = await download(page, () => dialog.getByRole('link', { name: /下载导入模板/ }).click());
      expect(template.suggestedFilename()).toBe('建档立卡导入模板.xlsx');
      const workbook = await readDownload(template);
      const sheet = workbook.worksheets[0];
      expect(headerOf(sheet)).toEqual(HEADER);
      expect(workbook.getWorksheet('填写说明')).toBeDefined();
      await suite.screenshot(page, `dialog-${viewport.width}`);

      // Filled with one good and one bad row, it is refused, and the error workbook marks the bad one.
      const good = newIdNumber();
      const bad = newIdNumber();
      sheet.addRow(['华城镇', '董源村', '温志坚', good, '一般贫困户', '未脱贫', 3, '因病', '', '']);
      sheet.addRow(['华城镇', '董源村', '温雪梅', bad, '特困户', '未脱贫', 2, '因病', '', '']);
      const filled = Buffer.from(await workbook.xlsx.writeBuffer());
      const input = dialog.locator('input[type=file]');
      await input.setInputFiles({ name: '导入.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
      await dialog.getByRole('button', { name: /开始导入/ }).click();
      await dialog.getByText(/^第 3 行 E 列（类别）：/).waitFor();
      const errorsButton = dialog.getByRole('button', { name: /下载错误表/ });
      const box = await errorsButton.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      await suite.screenshot(page, `refused-${viewport.width}`);
      const errors = await download(page, () => errorsButton.click());
      expect(errors.suggestedFilename()).toBe('建档立卡导入错误表.xlsx');
      const errorBook = await readDownload(errors);
      const marked = errorBook.worksheets[0];
      expect(headerOf(marked)).toEqual([...HEADER, '错误说明', '原行号']);
      expect(marked.getRow(2).getCell(11).value).toBeNull();
      expect(marked.getRow(3).getCell(11).value).toMatch(/^类别：应为以下选项之一：一般贫困户/);
      expect((await suite.app.services.db.pool.query('SELECT 1 FROM households WHERE head_id_number = ANY($1)', [[good, bad]])).rowCount).toBe(0);

      // Corrected in the error workbook and imported as it is.
      marked.getRow(3).getCell(5).value = '低保户';
      await input.setInputFiles({ name: '错误表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await errorBook.xlsx.writeBuffer()) });
      await dialog.getByRole('button', { name: /开始导入/ }).click();
      await dialog.getByText('共 2 行：导入 2 行，未导入 0 行').waitFor();
      // The footer's button: the dialog's × is also named 关闭 once antd's Chinese texts have loaded.
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭', exact: true }).click();

      // The export: local dates, a frozen header with filters, 人口数 as imported.
      const exported = await download(page, () => page.getByRole('link', { name: /导出 Excel/ }).click());
      const registry = (await readDownload(exported)).worksheets[0];
      expect(registry.views[0]).toEqual(expect.objectContaining({ state: 'frozen', ySplit: 1 }));
      expect(registry.autoFilter).toBeTruthy();
      const header = headerOf(registry);
      const row = registry.getRows(2, registry.rowCount - 1)!.find((r) => r.getCell(3).value === '温志坚' && String(r.getCell(4).value).endsWith(good.slice(-4)))!;
      expect(row.getCell(header.indexOf('人口数') + 1).value).toBe(3);
      const registeredAt = row.getCell(header.indexOf('登记时间') + 1);
      expect(registeredAt.value).toBeInstanceOf(Date);
      // The cell reads China's wall-clock time of the server's clock.
      const chinaNow = new Date(suite.app.services.clock.now().getTime() + 8 * 3_600_000);
      expect(Math.abs((registeredAt.value as Date).getTime() - chinaNow.getTime())).toBeLessThan(10 * 60_000);
      await suite.screenshot(page, `registry-${viewport.width}`);
    });
  }
});
