import type { Page } from 'playwright-core';
import { seedDemoCases } from '../../server/src/seed-demo-cases';
import { auditPage, describeViolations } from './support/axe';
import { describeInBrowser } from './support';

/**
 * The dashboard on the demo seed, as the county sees it: the plan's §三 indicators by town and
 * village for 2017 against the year's figures (达标 / 未达标) and the villages left by year against
 * the plan, each figure the same as the API's; at 1366 and 360 px, axe 0 critical / 0 serious.
 */
describeInBrowser('dashboard indicators', 'dashboard-indicators', (suite) => {
  beforeAll(async () => {
    expect(await seedDemoCases(suite.app.services)).toBeGreaterThan(0);
  }, 300_000);

  async function dashboardAt(width: number): Promise<Page> {
    const page = await suite.signIn('xian');
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${suite.base}/dashboard`);
    await page.getByTestId('indicator-year').waitFor();
    if ((await page.getByTestId('help-indicators').getAttribute('data-year', { timeout: 30_000 }).catch(() => null)) !== '2017') {
      await page.getByRole('combobox', { name: '年度' }).click();
      await page.locator('.ant-select-item-option[title="2017 年"]').click();
    }
    await page.locator('[data-testid="help-indicators"][data-year="2017"]').waitFor();
    return page;
  }

  for (const width of [1366, 360]) {
    it(`When the county opens the dashboard at ${width} px, then the 2017 indicators and the villages left equal the API's, with 达标 / 未达标, and axe finds nothing critical or serious`, async () => {
      const page = await dashboardAt(width);
      const api = await page.request.get(`${suite.base}/api/reports/help-indicators?year=2017`);
      expect(api.status()).toBe(200);
      const report = await api.json();
      expect(report.total.households).toBeGreaterThan(0);

      // The county's total: every indicator's figure and verdict as the API computed them.
      const total = page.getByTestId('indicators-total');
      for (const key of ['enterpriseLinkage', 'training', 'pension60', 'insurance', 'schoolAllowance']) {
        const figure = report.total[key];
        const row = total.locator(`li[data-indicator="${key}"]`);
        await expect(row.locator('.jz-indicator-figure').textContent()).resolves.toContain(`${figure.count}/${figure.of}`);
        const verdict = figure.met === true ? '达标' : figure.met === false ? '未达标' : null;
        if (verdict) await expect(row.locator('.jz-verdict').textContent()).resolves.toBe(verdict);
      }
      // A town and one of its villages.
      const town = report.towns[0];
      const linkage = town.indicators.enterpriseLinkage;
      await expect(page.getByTestId(`indicators-town-${town.orgUnitId}`).locator('li[data-indicator="enterpriseLinkage"] .jz-indicator-figure').textContent())
        .resolves.toContain(`${linkage.count}/${linkage.of}`);
      const village = report.villages.find((v: any) => v.townName === town.name && v.indicators.households > 0);
      await page.locator(`section[data-town="${town.name}"] summary`).click();
      const villageInsurance = village.indicators.insurance;
      await expect(page.getByTestId(`indicators-village-${village.orgUnitId}`).locator('li[data-indicator="insurance"] .jz-indicator-figure').textContent())
        .resolves.toContain(`${villageInsurance.count}/${villageInsurance.of}`);

      // Villages left by year against the plan.
      const exits = await (await page.request.get(`${suite.base}/api/reports/villages`)).json();
      expect(exits.years.length).toBeGreaterThan(0);
      for (const row of exits.years) {
        const shown = page.locator(`[data-testid="village-exits"] li[data-exit-year="${row.year}"]`);
        await expect(shown.getAttribute('data-cumulative')).resolves.toBe(String(row.cumulative));
        if (row.target !== null) await expect(shown.textContent()).resolves.toContain(`方案累计 ${row.target} 个`);
      }
      await suite.screenshot(page, `dashboard-indicators-${width}`);

      const audit = await auditPage(page);
      expect(describeViolations(audit)).toBe('');
      expect(audit.counts.critical + audit.counts.serious).toBe(0);
      if (width === 360) {
        // Nothing wider than the phone's screen.
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      }
    }, 180_000);
  }
});
