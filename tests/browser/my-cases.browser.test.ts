import { idNumber } from './household-application';
import { seedCases } from './seed-cases';
import type { SeededCase } from './seed-cases';
import { describeInBrowser } from './support';
import { auditPage, describeViolations } from './support/axe';

// The clerk follows the cases that have left the village: 我发起的 and 已办 in the navigation,
// each case with its subject, 受理编号, current step and status, and a status timeline of who did
// what and when — a table at 1366 px, cards at 360 px.

const AT_VERIFICATION = { name: '丘木生', id: idNumber('44142419680315481') };
const AT_TOWN = { name: '丘石生', id: idNumber('44142419680315483') };
const REFUSED = { name: '丘火生', id: idNumber('44142419680315485') };

describeInBrowser('我发起的 and 已办 with a status timeline', 'my-cases', (suite) => {
  let cases: Map<string, SeededCase & { subject: string }>;

  beforeAll(async () => {
    const first = await seedCases(suite, [AT_VERIFICATION]);
    const second = await seedCases(suite, [AT_TOWN], ['VERIFY', 'PASS', 'POSTED']);
    const third = await seedCases(suite, [REFUSED], ['REJECT']);
    const { pool } = suite.app.services.db;
    // Someone objects to the second household's notice: the town investigates.
    const { rows } = await pool.query(`SELECT id FROM notices WHERE instance_id = $1 AND status = 'open'`, [second.get(AT_TOWN.name)!.instanceId]);
    const res = await fetch(`${suite.base}/api/notices/${rows[0].id}/objections`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: '请核实该户收入。' }) });
    expect(res.status).toBe(201);
    cases = new Map();
    for (const [name, seeded] of [...first, ...second, ...third]) {
      const { rows: [row] } = await pool.query(`SELECT subject->>'text' AS text FROM instances WHERE id = $1`, [seeded.instanceId]);
      cases.set(name, { ...seeded, subject: row.text });
    }
  });

  it('When the clerk opens 我发起的 at 1366 px, then each case shows subject, 受理编号, where it waits and its status, and its timeline says who did what and when', async () => {
    const page = await suite.signIn('cun-dongyuan');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('navigation', { name: '主导航' }).or(page.locator('nav.jz-nav')).getByRole('link', { name: '我发起的', exact: true }).click();
    await page.getByRole('heading', { name: '我发起的', level: 1 }).waitFor();
    const town = cases.get(AT_TOWN.name)!;
    const verification = cases.get(AT_VERIFICATION.name)!;
    const rowOf = (subject: string) => page.getByRole('row').filter({ hasText: subject });
    await rowOf(town.subject).getByText(town.receiptNo).waitFor();
    await rowOf(town.subject).getByText('异议调查核实 · 华城镇').waitFor();
    await rowOf(town.subject).getByText('办理中').waitFor();
    await rowOf(verification.subject).getByText('入户核实 · 董源村').waitFor();
    // A finished case says how it ended, as its process names the end: refused at verification, 不予纳入.
    const refused = cases.get(REFUSED.name)!;
    await rowOf(refused.subject).getByTestId('case-end').getByText('不予纳入', { exact: true }).waitFor();
    // Every status tag reads at AA contrast, the refusal's red included.
    expect(describeViolations(await auditPage(page))).toBe('');
    await suite.screenshot(page, 'mine-1366');

    // Search by the ID tail narrows the list to one case.
    await page.getByRole('searchbox', { name: /按户主姓名/ }).fill(AT_TOWN.id.slice(-4));
    await page.getByRole('searchbox', { name: /按户主姓名/ }).press('Enter');
    await page.waitForURL(/q=/);
    await rowOf(verification.subject).waitFor({ state: 'detached' });
    await rowOf(town.subject).getByRole('link', { name: town.subject }).click();

    await page.getByRole('heading', { name: town.subject, level: 1 }).waitFor();
    await page.getByText(town.receiptNo).waitFor();
    const steps = page.getByTestId('timeline-step');
    await steps.first().getByText('发起').waitFor();
    const texts = await steps.allTextContents();
    expect(texts.some((text) => /入户核实：.*董源村文书/.test(text))).toBe(true);
    expect(texts.some((text) => /收到公示异议.*系统|收到公示异议/.test(text))).toBe(true);
    await page.getByTestId('timeline-pending').getByText('待办理：异议调查核实').waitFor();
    await page.getByTestId('timeline-pending').getByText(/由 华城镇 办理 · 期限 \d{4}-\d{2}-\d{2}/).waitFor();
    await suite.screenshot(page, 'timeline-1366');

    // 已办 lists what the clerk worked on.
    await page.locator('nav.jz-nav').getByRole('link', { name: '已办', exact: true }).click();
    await page.getByRole('heading', { name: '已办', level: 1 }).waitFor();
    await rowOf(town.subject).waitFor();
  });

  it('When the clerk taps 我的办件 at 360 px, then the cases are cards that open the timeline, and 已办 is one tap away', async () => {
    const page = await suite.signIn('cun-dongyuan');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator('nav.jz-tabbar').getByRole('link', { name: '我的办件' }).click();
    await page.waitForURL(/\/cases\/mine$/);
    const town = cases.get(AT_TOWN.name)!;
    const card = page.getByTestId('case-card').filter({ hasText: town.subject });
    await card.getByText(town.receiptNo).waitFor();
    await card.getByText('办理中').waitFor();
    await card.getByText(/异议调查核实 · 华城镇/).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(360);
    await suite.screenshot(page, 'mine-360');

    await page.locator('.jz-case-switch').getByRole('link', { name: '已办' }).click();
    await page.getByRole('heading', { name: '已办', level: 1 }).waitFor();
    await page.getByTestId('case-card').filter({ hasText: town.subject }).getByRole('link', { name: town.subject }).click();
    await page.getByTestId('timeline-pending').getByText('待办理：异议调查核实').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await suite.screenshot(page, 'timeline-360');
  });
});
