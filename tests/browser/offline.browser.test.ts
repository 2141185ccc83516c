import type { Page } from 'playwright-core';
import { APPLICATION, idNumber } from './household-application';
import { seedCases } from './seed-cases';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';
import type { BrowserSuite } from './support';

const BANNER = /网络已断开/;

async function count(suite: BrowserSuite, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await suite.app.services.db.pool.query<{ n: string }>(sql, params);
  return Number(rows[0].n);
}

/** Household cases started, whoever filed them. */
const householdCases = (suite: BrowserSuite) => count(suite, `SELECT count(*) AS n FROM instances WHERE definition_key = 'household-identification'`);
/** Completed application tasks naming this household head. */
const applicationsOf = (suite: BrowserSuite, head: string) => count(suite,
  `SELECT count(*) AS n FROM history WHERE type = 'task_completed' AND payload->>'state' = 'application' AND payload #>> '{data,household,head,name}' = $1`, [head]);
const completionsOf = (suite: BrowserSuite, taskId: string) =>
  count(suite, `SELECT count(*) AS n FROM history WHERE type = 'task_completed' AND payload->>'taskId' = $1`, [taskId]);

/** The open task of a seeded case. */
async function openTaskOf(suite: BrowserSuite, instanceId: string): Promise<string> {
  const { rows } = await suite.app.services.db.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [instanceId]);
  return rows[0].id;
}

/** Waits until the service worker controls the page: from then on the shell and the opened forms load offline. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, { timeout: 30_000 });
}

/** On a task page: the reject outcome of the villagers' appraisal, with its comment, confirmed. */
async function failAppraisal(page: Page, comment: string): Promise<void> {
  await page.getByRole('heading', { name: '村民民主评议', exact: true }).waitFor();
  await page.locator('#task-comment').fill(comment);
  await page.getByRole('button', { name: buttonName('评议未通过') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('确认“评议未通过”？').filter({ visible: true }).waitFor();
  await dialog.getByRole('button', { name: buttonName('确认') }).click();
}

describeInBrowser('a weak or lost connection in the browser', 'offline', (suite) => {
  it('When the connection drops, then every page says so, and the banner goes when it is back', async () => {
    const clerk = await suite.signIn('cun-dongyuan');
    expect(await clerk.getByText(BANNER).count()).toBe(0);
    await clerk.context().setOffline(true);
    await clerk.getByRole('status').filter({ hasText: BANNER }).waitFor();
    await suite.screenshot(clerk, 'inbox-offline');
    await clerk.context().setOffline(false);
    await clerk.getByText(BANNER).waitFor({ state: 'hidden' });

    const citizen = await suite.openPage('/notices');
    await citizen.getByRole('heading', { name: '公示公告栏' }).waitFor();
    await citizen.context().setOffline(true);
    await citizen.getByRole('status').filter({ hasText: BANNER }).waitFor();
    await suite.screenshot(citizen, 'notices-offline');
  });

  it('When the app has loaded once, then it can be installed: a zh-CN manifest with icons (one maskable) and a service worker in control', async () => {
    const clerk = await suite.signIn('cun-dongyuan');
    await waitForServiceWorker(clerk);
    const href = await clerk.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const manifest = await (await fetch(`${suite.base}${href}`)).json() as { name: string; short_name: string; lang: string; start_url: string; display: string; icons: Array<{ src: string; sizes: string; purpose: string }> };
    expect(manifest).toMatchObject({ name: '精准扶贫 · 五华县', short_name: '精准扶贫', lang: 'zh-CN', start_url: '/inbox', display: 'standalone' });
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of manifest.icons) {
      const answer = await fetch(`${suite.base}${icon.src}`);
      expect([icon.src, answer.status, answer.headers.get('content-type')]).toEqual([icon.src, 200, 'image/png']);
    }
    const worker = await fetch(`${suite.base}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
  });

  it('When a clerk submits an application and completes a task offline, then both wait in a visible list, survive a reload, and after reconnecting each arrives exactly once', async () => {
    const head = '邓桂英';
    const seeded = await seedCases(suite, [{ name: '温秀梅', id: idNumber('44142419680315451') }], ['VERIFY']);
    const appraisal = await openTaskOf(suite, seeded.get('温秀梅')!.instanceId);
    // The 户主 is typed once, as the first member; the head block copies the name.
    const [first, ...others] = APPLICATION.household.members;
    const application = { ...APPLICATION, household: { ...APPLICATION.household, head: { ...APPLICATION.household.head, name: head }, members: [{ ...first, name: head }, ...others] } };

    const casesBefore = await householdCases(suite);
    const clerk = await suite.signIn('cun-dongyuan');
    await waitForServiceWorker(clerk);
    // Opened once with a network: the form and the task are then at hand offline.
    await clerk.goto(`${suite.base}/applications/new`);
    await clerk.getByRole('button', { name: buttonName('提交申请') }).waitFor();
    await clerk.goto(`${suite.base}/tasks/${appraisal}`);
    await clerk.getByRole('heading', { name: '村民民主评议', exact: true }).waitFor();

    await clerk.context().setOffline(true);
    await failAppraisal(clerk, '评议代表认为该户有稳定务工收入，不予纳入。');
    await clerk.getByText(/办理结果已保存到本机“待发送”列表/).waitFor();

    await clerk.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '贫困户申请', exact: true }).click();
    // The form comes from the service worker's cache: its submit button shows once it is there.
    await clerk.getByRole('button', { name: buttonName('提交申请') }).waitFor();
    await fillSchemaForm(clerk, application);
    await clerk.getByRole('button', { name: buttonName('提交申请') }).click();
    await clerk.getByText('已保存，等待网络').waitFor();

    // A reload without a network: the service worker serves the app, IndexedDB still holds both.
    await clerk.reload();
    const outbox = clerk.getByTestId('outbox');
    await outbox.getByRole('heading', { name: '待发送的提交（2）' }).waitFor();
    await outbox.getByText(`贫困户申请 · ${head}`).waitFor();
    await outbox.getByText(/村民民主评议（温秀梅.*） · 评议未通过/).waitFor();
    expect(await outbox.getByText('等待网络').count()).toBe(2);
    await suite.screenshot(clerk, 'outbox-waiting');
    expect(await householdCases(suite)).toBe(casesBefore);
    expect(await applicationsOf(suite, head)).toBe(0);
    expect(await completionsOf(suite, appraisal)).toBe(0);

    await clerk.context().setOffline(false);
    await clerk.getByText('2 份离线保存的提交已发送成功').waitFor();
    await outbox.waitFor({ state: 'detached' });
    await suite.screenshot(clerk, 'outbox-sent');
    expect(await householdCases(suite)).toBe(casesBefore + 1);
    expect(await applicationsOf(suite, head)).toBe(1);
    expect(await completionsOf(suite, appraisal)).toBe(1);

    // Back online, the app sends nothing again: a reload and another "online" leave the counts as they are.
    await clerk.reload();
    await clerk.getByRole('button', { name: buttonName('提交申请') }).waitFor();
    expect(await householdCases(suite)).toBe(casesBefore + 1);
    expect(await applicationsOf(suite, head)).toBe(1);
    expect(await completionsOf(suite, appraisal)).toBe(1);
  });

  it('When someone else completed the task meanwhile, then the queued completion is refused with a Chinese reason and its typed comment comes back as a draft', async () => {
    const seeded = await seedCases(suite, [{ name: '钟丽芳', id: idNumber('44142419680315463') }], ['VERIFY']);
    const appraisal = await openTaskOf(suite, seeded.get('钟丽芳')!.instanceId);
    const clerk = await suite.signIn('cun-dongyuan');
    await waitForServiceWorker(clerk);
    await clerk.goto(`${suite.base}/tasks/${appraisal}`);
    await clerk.getByRole('heading', { name: '村民民主评议', exact: true }).waitFor();
    await clerk.context().setOffline(true);
    const comment = '该户已享受其他帮扶政策，评议未通过。';
    await failAppraisal(clerk, comment);
    await clerk.getByText(/办理结果已保存到本机“待发送”列表/).waitFor();

    // Meanwhile another device of the village passes the appraisal.
    const services = suite.app.services;
    await services.runtime.completeTask({ taskId: appraisal, outcome: 'FAIL', actor: await services.actor('cun-dongyuan'), comment: '村民代表大会表决未通过' });

    await clerk.context().setOffline(false);
    const outbox = clerk.getByTestId('outbox');
    await outbox.getByRole('alert').filter({ hasText: '这项任务在您离线期间已由他人办理或认领' }).waitFor();
    await suite.screenshot(clerk, 'outbox-refused');
    expect(await completionsOf(suite, appraisal)).toBe(1);

    await outbox.getByRole('button', { name: '打开草稿重新提交' }).click();
    await clerk.waitForURL(`**/tasks/${appraisal}`);
    const draft = await clerk.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(`jz.draft.task.${appraisal}`)})`);
    expect(JSON.parse(draft ?? '{}').value.comment).toBe(comment);
    await outbox.waitFor({ state: 'detached' });
  });
});
