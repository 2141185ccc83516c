import { randomUUID } from 'node:crypto';
import { insertAuditEvent } from '../../server/src/store/audit-events.repository';
import { describeInBrowser } from './support';

const KEY = 'household-identification';
/** Runs in the page: how many states of the graph are drawn as passed by the simulation. */
const VISITED = `document.querySelectorAll('[data-testid="statechart"] .jz-admin-visited').length`;

describeInBrowser('the admin checks: simulation and history verification', 'admin-checks', (suite) => {
  it('When the admin opens the simulation of a definition, then it starts at the first task by itself, a step adds to the path in the graph, and opened again it starts afresh', async () => {
    const admin = await suite.signIn('admin');
    await admin.setViewportSize({ width: 1366, height: 768 });
    await admin.goto(`${suite.base}/admin/definitions/${KEY}/versions/1`);
    const graph = admin.getByTestId('statechart');
    await graph.locator('.react-flow__node').filter({ hasText: '乡镇审核' }).first().waitFor();
    expect(await graph.locator('.jz-admin-visited').count()).toBe(0);

    await admin.getByRole('tab', { name: '模拟运行' }).click();
    const panel = admin.getByTestId('simulate-panel');
    // The first run is the panel's own, on opening: the applicant's task, with its form's example as data.
    const firstTask = panel.getByTestId('sim-task').first();
    await firstTask.waitFor();
    expect(await firstTask.textContent()).toContain('填写贫困户申请');
    await graph.locator('.jz-admin-visited').first().waitFor();
    const visitedAtStart = await graph.locator('.jz-admin-visited').count();
    await suite.screenshot(admin, 'simulation-start');

    // One step by the user: the outcome that sends the application on; the path now has it.
    await firstTask.getByRole('button', { name: /SUBMIT/ }).click();
    await admin.waitForFunction(`${VISITED} > ${visitedAtStart}`);
    expect(await panel.getByTestId('sim-task').first().textContent()).not.toContain('填写贫困户申请');
    await suite.screenshot(admin, 'simulation-step');

    // The panel closes with its tab (destroyed when hidden); opened again, it starts afresh by itself.
    await admin.getByRole('tab', { name: '属性' }).click();
    await panel.waitFor({ state: 'detached' });
    await admin.getByRole('tab', { name: '模拟运行' }).click();
    await admin.getByTestId('simulate-panel').getByTestId('sim-task').filter({ hasText: '填写贫困户申请' }).waitFor();
    expect(await graph.locator('.jz-admin-visited').count()).toBe(visitedAtStart);
  }, 120_000);

  it('When the admin checks a case from the audit trail, then the case id fills the box and the chain is reported whole; a text that is no case id is refused in Chinese', async () => {
    const { services } = suite.app;
    const clerk = await services.actor('cun-dongyuan');
    const started = await services.runtime.startInstance({ definitionKey: KEY, actor: clerk });
    const admin = await services.actor('admin');
    await insertAuditEvent(services.db.pool, {
      id: randomUUID(),
      tenantId: services.config.tenantId,
      at: services.clock.now(),
      actor: { userId: admin.userId ?? '', username: admin.username, roles: admin.roles, orgUnitId: admin.orgUnitId },
      action: 'instance.checked',
      target: started.instanceId,
      reason: '浏览器测试：校验历史记录',
    });

    const page = await suite.signIn('admin');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${suite.base}/admin/audit`);
    const verify = page.getByTestId('verify-history');
    const box = verify.getByRole('textbox', { name: '案件编号（UUID）' });

    await box.fill('不是编号');
    await verify.getByRole('button', { name: /校\s*验/ }).click();
    await verify.getByText('请输入案件编号（UUID 格式）').waitFor();

    const row = page.locator('tr').filter({ hasText: 'instance.checked' });
    await row.getByRole('button', { name: /校\s*验/ }).click();
    const report = verify.getByRole('status');
    await report.waitFor();
    expect(await box.inputValue()).toBe(started.instanceId);
    expect(await report.textContent()).toMatch(/校验通过：共 \d+ 条历史记录/);
    // The refusal of the earlier text is gone with the new check.
    expect(await verify.getByText('请输入案件编号（UUID 格式）').count()).toBe(0);
    await suite.screenshot(page, 'verified-from-trail');

    // The same row again is a new check: the answer is cleared and comes back.
    await box.fill('');
    await row.getByRole('button', { name: /校\s*验/ }).click();
    await report.waitFor();
    expect(await box.inputValue()).toBe(started.instanceId);
  }, 120_000);
});
