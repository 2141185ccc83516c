import { exampleDataFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { auditPage, describeViolations } from './support/axe';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';

// 回头看 in the browser: 华城镇's reviewer starts the year's review of 董源村; the village clerk opens
// the roster step on a 360 px phone, finds the village's registered households filled in from the
// registry, types only the conclusions and one reason, and submits; the household to correct gets
// its household change case in the clerk's inbox.

describeInBrowser('registry review', 'registry-review', (suite) => {
  it('When the clerk reviews the roster on a 360 px phone, then every household is listed from the registry, only the decisions are typed, and a correction opens a household change', async () => {
    const { services } = suite.app;
    const { rows: [village] } = await services.db.pool.query("SELECT id, path FROM org_units WHERE name = '董源村'");
    for (const name of ['钟玉兰', '钟玉梅']) {
      const household = withFreshIdNumbers(exampleDataFor('household-identification.application').household);
      await services.db.pool.query(
        `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
         VALUES ($1, '441424', $2, $3, $4, $5, $6, '未脱贫', $7, $8, $8)`,
        [services.ids.uuid(), village.id, village.path, name, household.head.idNumber, household.category, JSON.stringify(household), services.clock.now()]);
    }
    const started = await services.runtime.startRegistryReview({ actor: await services.actor('zhen-huacheng'), year: 2018, villageIds: [village.id] });
    const instanceId = started.started[0].instanceId;
    const { rows: [instance] } = await services.db.pool.query('SELECT data FROM instances WHERE id = $1', [instanceId]);
    const lines = instance.data.start.households as Array<{ householdId: string; headName: string; idNumber: string }>;
    const corrected = lines.findIndex((l) => l.headName === '钟玉梅');
    expect(corrected).toBeGreaterThanOrEqual(0);

    const clerk = await suite.signIn('cun-dongyuan');
    await clerk.setViewportSize({ width: 360, height: 740 });
    const link = clerk.getByRole('link', { name: '回头看：逐户复核名册', exact: true }).first();
    await link.waitFor();
    await link.click();
    await clerk.getByRole('heading', { name: '回头看：逐户复核名册', exact: true }).waitFor();
    // Each line comes from the registry: the head's name and masked number are there, not to be typed.
    for (const [i, line] of lines.entries()) {
      await clerk.locator(`#root_households_${i}_headName`).waitFor({ state: 'attached' });
      expect(await clerk.locator(`#root_households_${i}_headName`).inputValue()).toBe(line.headName);
      expect(await clerk.locator(`#root_households_${i}_headName`).isEditable()).toBe(false);
    }
    await suite.screenshot(clerk, 'roster-360');
    const report = await auditPage(clerk);
    expect(describeViolations(report)).toBe('');
    expect(report.counts.critical + report.counts.serious).toBe(0);
    expect(await clerk.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await fillSchemaForm(clerk, {
      households: lines.map((_, i) => (i === corrected ? { decision: '需更正', reason: '户主之母2018年3月去世，须减员。' } : { decision: '确认无误' })),
    });
    await suite.screenshot(clerk, 'roster-decided-360');
    await clerk.getByRole('button', { name: buttonName('提交复核结果') }).click();
    await clerk.getByRole('dialog').getByRole('button', { name: buttonName('确认') }).click();
    await clerk.waitForURL('**/inbox');
    await clerk.getByText('已办理：提交复核结果').waitFor();
    await clerk.getByRole('link', { name: '申报户情变更', exact: true }).first().waitFor();
    await suite.screenshot(clerk, 'inbox-change-360');
    const { rows: changes } = await services.db.pool.query(
      `SELECT data->'start' AS start FROM instances WHERE definition_key = 'household-change' AND data->'start'->>'reviewInstanceId' = $1`, [instanceId]);
    expect(changes.map((c) => c.start)).toEqual([{ householdId: lines[corrected].householdId, headName: '钟玉梅', origin: '回头看', reviewInstanceId: instanceId }]);
  });
});
