import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { seedDemoCases } from '../../server/src/seed-demo-cases';
import { auditPage, describeViolations } from './support/axe';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';

/**
 * What a fresh `npm start` shows after registration, in the browser: the village register with
 * the demo villages (designated by the rule, 河子口村 left in 2017, 董源村 ready), a village exit
 * started from it by the village's clerk, the fund report (figures equal the API's, totals add up,
 * the year filter, the Excel download) and the printed 帮扶记录卡 (A4 landscape). Each page at 1366
 * and 360 px, axe 0 critical / 0 serious, nothing wider than a phone's screen.
 */
describeInBrowser('villages, funds and the printed card', 'villages-funds', (suite) => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    expect(await seedDemoCases(suite.app.services)).toBeGreaterThan(0);
    const { rows } = await suite.app.services.db.pool.query<{ name: string; id: string }>(
      `SELECT name, id FROM org_units WHERE level = 'village' AND name IN ('董源村', '河子口村')
       UNION ALL SELECT head_name, id::text FROM households WHERE head_name = '刘德胜'
       UNION ALL SELECT 'exitNotice', id::text FROM notices WHERE kind = 'village-exit'`);
    for (const r of rows) ids[r.name] = r.id;
  }, 300_000);

  async function check(page: Page, width: number, step: string) {
    await suite.screenshot(page, step);
    const audit = await auditPage(page);
    expect(describeViolations(audit)).toBe('');
    expect(audit.counts.critical + audit.counts.serious).toBe(0);
    if (width === 360) expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  }

  for (const width of [1366, 360]) {
    it(`When the county opens the village register at ${width} px, then every village shows its status and latest indicators as the API answers, and a village shows its years and its exit case`, async () => {
      const page = await suite.signIn('xian');
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${suite.base}/villages`);
      const summary = page.getByTestId('villages-summary');
      await summary.waitFor();
      const api = (await (await page.request.get(`${suite.base}/api/villages`)).json()).items as any[];
      expect(api.length).toBe(6);
      expect(await summary.getAttribute('data-total')).toBe(String(api.length));
      expect(await summary.getAttribute('data-designated')).toBe(String(api.filter((v) => v.designated).length));
      expect(await summary.getAttribute('data-exited')).toBe('1');
      for (const village of api) {
        const card = page.getByTestId(`village-${village.id}`);
        const status = village.exitedYear !== null ? 'exited' : village.designated ? 'poor' : 'notDesignated';
        expect(await card.locator('[data-status]').getAttribute('data-status')).toBe(status);
        expect(await card.locator('[data-field="perCapitaIncome"]').getAttribute('data-value')).toBe(String(village.latest.perCapitaIncome));
        expect(await card.locator('[data-field="collectiveIncome"]').getAttribute('data-value')).toBe(String(village.latest.collectiveIncome));
      }
      await expect(page.getByTestId(`village-${ids['河子口村']}`).textContent()).resolves.toContain('已出列（2017年出列）');
      await check(page, width, `village-register-${width}`);

      await page.getByRole('link', { name: '华城镇 河子口村' }).click();
      await page.getByTestId('village-page').waitFor();
      const detail = await (await page.request.get(`${suite.base}/api/villages/${ids['河子口村']}`)).json();
      const years = page.getByTestId('village-years').locator('[data-year]');
      await years.first().waitFor();
      expect(await years.evaluateAll((nodes) => nodes.map((n) => Number((n as unknown as { getAttribute(name: string): string | null }).getAttribute('data-year'))))).toEqual(detail.years.map((y: any) => y.year).reverse());
      const exitCase = page.getByTestId('village-cases').locator('[data-definition="village-exit"]');
      await expect(exitCase.textContent()).resolves.toContain('已出列');
      expect(await page.getByTestId('start-village-exit').count()).toBe(0);
      await check(page, width, `village-detail-${width}`);
    }, 180_000);
  }

  it('When 董源村\'s clerk opens the village from the phone\'s tab bar at 360 px and proposes its exit, then the proposal task opens, is submitted for 2018 and waits at the town', async () => {
    const page = await suite.signIn('cun-dongyuan');
    await page.setViewportSize({ width: 360, height: 740 });
    // The phone's tab bar reaches the village register; the clerk's scope lists their own village.
    await page.locator('nav.jz-tabbar').getByRole('link', { name: '贫困村' }).click();
    await page.waitForURL(/\/villages$/);
    await page.getByRole('link', { name: /董源村/ }).first().click();
    await page.waitForURL(`**/villages/${ids['董源村']}`);
    const exit = page.getByTestId('village-exit');
    await exit.getByText('最新年度指标已达到出列标准').waitFor();
    await check(page, 360, 'village-ready-360');
    await page.getByTestId('start-village-exit').click();
    await page.waitForURL('**/tasks/**');
    await page.getByRole('heading', { name: '申报贫困村出列' }).first().waitFor();
    await fillSchemaForm(page, { year: 2018, summary: '村集体光伏电站投产，集体收入12.6万元；卫生站和宽带网络建成，人均可支配收入10350元。' });
    await suite.screenshot(page, 'village-exit-proposal-360');
    await page.getByRole('button', { name: buttonName('提交申报') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确认“提交申报”？').filter({ visible: true }).waitFor();
    await dialog.getByRole('button', { name: buttonName('确认') }).click();
    await page.waitForURL('**/inbox');

    const village = await (await page.request.get(`${suite.base}/api/villages/${ids['董源村']}`)).json();
    expect(village.openExitCaseId).toEqual(expect.any(String));
    const instance = await (await page.request.get(`${suite.base}/api/instances/${village.openExitCaseId}`)).json();
    expect(instance.state).toBe('townReview');
    expect(instance.data.candidate.year).toBe(2018);
    await page.goto(`${suite.base}/villages/${ids['董源村']}`);
    await page.getByTestId('village-exit').getByText('出列申报办理中').waitFor();
    await suite.screenshot(page, 'village-exit-running-360');
  }, 180_000);

  it('When the public opens 河子口村\'s exit notice at 360 px, then it shows the village, its 2017 indicators against 9,820 元 and the county\'s decision', async () => {
    const page = await suite.openPage(`/notices/${ids.exitNotice}`);
    await page.setViewportSize({ width: 360, height: 740 });
    const village = page.getByTestId('notice-village');
    await village.waitFor();
    await expect(village.textContent()).resolves.toContain('华城镇河子口村');
    await expect(village.getByTestId('village-income').textContent()).resolves.toBe('10,120 元（出列标准 9,820 元，达标）');
    await expect(village.textContent()).resolves.toContain('五扶办〔2017〕91号');
    await check(page, 360, 'village-exit-notice-360');
  }, 120_000);

  for (const width of [1366, 360]) {
    it(`When the county opens the fund report at ${width} px, then its figures equal the API's, the totals add up, the year filter narrows it and the Excel carries the same totals`, async () => {
      const page = await suite.signIn('xian');
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${suite.base}/funds`);
      const report = page.locator('[data-testid="fund-report"][data-year="all"]');
      await report.waitFor();
      const api = await (await page.request.get(`${suite.base}/api/reports/funds`)).json();
      const shown = async (scope: string, field: string) => Number(await page.getByTestId(scope).locator(`[data-field="${field}"]`).first().getAttribute('data-value'));
      for (const field of ['received', 'allocated', 'disbursed', 'balance']) expect(await shown('fund-totals', field)).toBe(api.totals[field]);
      expect(api.totals.received).toBeCloseTo(api.totals.allocated + api.totals.balance, 2);
      expect(api.totals.received).toBeCloseTo(api.sources.reduce((sum: number, s: any) => sum + s.received, 0), 2);
      expect(await page.getByTestId('fund-sources').locator('li').count()).toBe(api.sources.length);
      for (const s of api.sources) {
        const card = page.getByTestId('fund-sources').locator(`li[data-year="${s.year}"][data-source="${s.source}"]`);
        expect(Number(await card.locator('[data-field="received"]').getAttribute('data-value'))).toBe(s.received);
        expect(Number(await card.locator('[data-field="interestSubsidies"]').getAttribute('data-value'))).toBe(s.interestSubsidies);
        expect(s.received).toBeCloseTo(s.allocated + s.balance, 2);
        // A source that allocated more than it received says so in words, with the amount.
        const overspent = card.getByTestId('fund-overspent');
        if (s.balance < 0) {
          expect(Number(await overspent.getAttribute('data-value'))).toBe(-s.balance);
          expect(await overspent.textContent()).toContain(`已安排超过到位资金 ${(-s.balance).toLocaleString('zh-CN')} 元`);
        } else {
          expect(await overspent.count()).toBe(0);
        }
      }
      // The demo's loans taken in 2018 are subsidised in 2019 and 2020 from special funds the county config books for 2016–2018 only.
      expect(api.sources.filter((s: any) => s.balance < 0).map((s: any) => s.year)).toEqual(expect.arrayContaining([2019, 2020]));
      expect(await page.getByTestId('fund-towns').locator('li').count()).toBe(api.towns.length);
      const huacheng = api.towns.find((t: any) => t.townName === '华城镇');
      expect(huacheng.interestSubsidies).toBe(3915);
      expect(Number(await page.getByTestId('fund-towns').locator('li[data-town="华城镇"] [data-field="interestSubsidies"]').getAttribute('data-value'))).toBe(3915);
      expect(api.projects.length).toBe(1);
      for (const p of api.projects) {
        const card = page.getByTestId('fund-projects').locator(`li[data-project="${p.projectId}"]`);
        expect(Number(await card.locator('[data-field="allocated"]').getAttribute('data-value'))).toBe(p.allocated);
        expect(Number(await card.locator('[data-field="unpaid"]').getAttribute('data-value'))).toBe(p.unpaid);
        expect(p.sources.reduce((sum: number, s: any) => sum + s.amount, 0)).toBeCloseTo(p.allocated, 2);
      }
      await check(page, width, `fund-report-${width}`);

      await page.getByRole('combobox', { name: '年度' }).click();
      await page.locator('.ant-select-item-option[title="2018 年"]').click();
      await page.locator('[data-testid="fund-report"][data-year="2018"]').waitFor();
      const year = await (await page.request.get(`${suite.base}/api/reports/funds?year=2018`)).json();
      for (const field of ['received', 'allocated', 'disbursed', 'balance']) expect(await shown('fund-totals', field)).toBe(year.totals[field]);
      expect(year.sources.every((s: any) => s.year === 2018)).toBe(true);
      await suite.screenshot(page, `fund-report-2018-${width}`);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fund-download').click()]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const sheet = workbook.getWorksheet('资金来源')!;
      const total = sheet.getRow(sheet.rowCount);
      expect(total.getCell(2).value).toBe('合计');
      expect(total.getCell(3).value).toBe(year.totals.received);
      expect(total.getCell(8).value).toBe(year.totals.balance);
    }, 180_000);
  }

  for (const width of [1366, 360]) {
    it(`When the county opens 刘德胜's printed card at ${width} px, then every entry of the 帮扶记录卡 shows, and in print it is one A4 landscape card with the entries`, async () => {
      const page = await suite.signIn('xian');
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${suite.base}/households/${ids['刘德胜']}/card`);
      const rows = page.getByTestId('help-card-rows').locator('tbody tr');
      await rows.first().waitFor();
      const household = await (await page.request.get(`${suite.base}/api/households/${ids['刘德胜']}`)).json();
      expect(household.helpRecords.length).toBeGreaterThanOrEqual(4);
      expect(await rows.count()).toBe(household.helpRecords.length);
      const contents = await rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { children: ArrayLike<{ textContent: string | null }> }).children[3]?.textContent ?? ''));
      expect(contents).toEqual(household.helpRecords.map((r: any) => r.content));
      await expect(page.locator('.jz-help-card-head').textContent()).resolves.toContain('李志强（县教育局）');
      await check(page, width, `help-card-${width}`);

      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 1123, height: 794 }); // A4 landscape at 96 dpi
      expect(await rows.last().isVisible()).toBe(true);
      await suite.screenshot(page, `help-card-print-a4-${width}`);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      const [, , w, h] = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!.slice(1).map(Number);
      expect([Math.round(w), Math.round(h)]).toEqual([842, 595]);
      await page.emulateMedia({ media: 'screen' });
    }, 180_000);
  }
});
