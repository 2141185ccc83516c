import { ApiClient } from '../api/api-harness';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor } from '../support/form-examples';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { idNumber } from './household-application';
import { applicationOf } from './seed-cases';
import { describeInBrowser } from './support';

// The village's 公示 (§二(三)2): the households 董源村 posts together on one sheet, printed on one A4 page.

/** Eight households of 董源村 in several 村民小组, each with its main cause of poverty. */
const HEADS = [
  { name: '曾福来', group: '第三村民小组', cause: '因病' }, { name: '黄石金', group: '第一村民小组', cause: '缺劳力' },
  { name: '张丽娟', group: '第五村民小组', cause: '因学' }, { name: '古建平', group: '第二村民小组', cause: '因残' },
  { name: '钟亚妹', group: '第一村民小组', cause: '缺技术' }, { name: '温振华', group: '第四村民小组', cause: '因病' },
  { name: '刘天生', group: '第二村民小组', cause: '缺资金' }, { name: '陈桂英', group: '第五村民小组', cause: '因灾' },
].map((h, i) => ({ ...h, id: idNumber(`44142419680315${String(10 + i)}1`) }));

describeInBrowser('the village batch notice', 'batch-notice', (suite) => {
  let noticeId: string;
  let otherBatchNoticeId: string;

  beforeAll(async () => {
    const { services } = suite.app;
    const clerk = await services.actor('cun-dongyuan');
    const posting = { ...exampleDataFor('household-identification.publicNotice'), noticeNo: '董源村公示〔2026〕第3号', noticeTitle: '董源村2026年贫困户识别评议结果公示', postedFrom: '2026-03-02', postedUntil: '2026-03-08' };
    const ids: string[] = [];
    for (const [i, head] of [...HEADS, { name: '罗志强', group: '第一村民小组', cause: '因病', id: idNumber('44142419680315991') }].entries()) {
      const application = applicationOf(head) as { household: { address: { group: string }; mainCause: string } };
      application.household.address.group = head.group;
      application.household.mainCause = head.cause;
      const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
      let taskId = started.openedTasks[0].id;
      for (const [outcome, form] of [['SUBMIT', null], ['VERIFY', 'verification'], ['PASS', 'villagerAppraisal']] as const) {
        const data = form ? await uploadEvidence(`household-identification.${form}`, exampleDataFor(`household-identification.${form}`), { services, actor: clerk, instanceId: started.instanceId }) : application;
        taskId = (await services.runtime.completeTask({ taskId, outcome, actor: clerk, data, comment: '' }).catch((e: { fields?: unknown }) => { throw new Error(`${outcome}: ${JSON.stringify(e.fields)}`); })).openedTasks[0].id;
      }
      ids.push(taskId);
      // The ninth household is posted later under another number: it is not on the first sheet.
      if (i === HEADS.length) {
        const data = await uploadEvidence('household-identification.publicNotice', { ...posting, noticeNo: '董源村公示〔2026〕第4号' }, { services, actor: clerk, instanceId: started.instanceId });
        await services.runtime.completeTask({ taskId, outcome: 'POSTED', actor: clerk, data, comment: '' });
      }
    }
    // The roster step: the clerk posts the eight households together, one form for all (batch: shared).
    const login = await new ApiClient(suite.app.base).post('/api/auth/login', { username: 'cun-dongyuan', password: TEST_DEMO_PASSWORD });
    const clerkApi = new ApiClient(suite.app.base, 'cun-dongyuan', (login.headers.get('set-cookie') ?? '').split(';')[0], login.body.csrfToken);
    // The photos of the one posted notice, uploaded once for no case: each case of the batch binds its own copy.
    const shared = await uploadEvidence('household-identification.publicNotice', posting, { client: clerkApi });
    const answer = await clerkApi.post('/api/tasks/batch-complete', { taskIds: ids.slice(0, HEADS.length), outcome: 'POSTED', data: shared, comment: '' });
    expect(answer.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    const { rows } = await services.db.pool.query(
      `SELECT n.id, i.data->'posting'->>'noticeNo' AS no FROM notices n JOIN instances i ON i.id = n.instance_id WHERE n.kind = 'identification' ORDER BY n.starts_at`);
    noticeId = rows.find((r) => r.no === posting.noticeNo).id;
    otherBatchNoticeId = rows.find((r) => r.no === '董源村公示〔2026〕第4号').id;
  });

  it('When anyone opens one household\'s notice, then the sheet lists the village\'s whole batch by 村民小组 with number, dates, contacts, stamp area and a QR code, and prints on one A4 page', async () => {
    const page = await suite.openPage(`/notices/${noticeId}`);
    await page.setViewportSize({ width: 1366, height: 1000 });
    const sheet = page.getByTestId('notice-sheet');
    await sheet.getByRole('heading', { name: '董源村2026年贫困户识别评议结果公示' }).waitFor();
    await sheet.getByTestId('notice-no').getByText('董源村公示〔2026〕第3号').waitFor();
    await sheet.getByText('华城镇董源村', { exact: true }).waitFor();
    const rows = sheet.getByTestId('notice-households').locator('tbody tr');
    expect(await rows.count()).toBe(HEADS.length);
    const table: string[][] = [];
    for (let i = 0; i < HEADS.length; i++) table.push(await rows.nth(i).locator('td').allTextContents());
    expect(table.map((r) => r[1])).toEqual(['第一村民小组', '第一村民小组', '第二村民小组', '第二村民小组', '第三村民小组', '第四村民小组', '第五村民小组', '第五村民小组']);
    expect(table.map((r) => r[2]).sort()).toEqual(HEADS.map((h) => h.name).sort());
    expect(table.map((r) => r[2])).not.toContain('罗志强');
    for (const row of table) {
      const head = HEADS.find((h) => h.name === row[2])!;
      expect(row[3]).toBe(`441424********${head.id.slice(-4)}`);
      expect(row[4]).toMatch(/^\d+ 人$/);
      expect(row[5]).toBe('一般贫困户');
      expect(row[6]).toBe(head.cause);
    }
    await sheet.getByText('公示期：2026年3月2日 至 2026年3月8日').waitFor();
    await sheet.getByText('对公示有异议的，可向县扶贫开发局反映：电话 0753-4432100，地址 五华县扶贫开发局（水寨镇）').waitFor();
    await sheet.getByTestId('notice-stamp').getByText('（盖章）').waitFor();
    const qr = sheet.getByTestId('notice-qr');
    expect(await qr.getAttribute('data-url')).toBe(`${new URL(page.url()).origin}/notices/${noticeId}`);
    await qr.getByRole('img', { name: '扫码查看网上公示或提出异议' }).waitFor();
    expect(await qr.locator('img').evaluate((img) => { const image = img as unknown as { complete: boolean; naturalWidth: number }; return image.complete && image.naturalWidth > 0; })).toBe(true);
    await suite.screenshot(page, 'batch-notice-screen');

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await suite.screenshot(page, 'batch-notice-print-a4');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    const [, , width, height] = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!.slice(1).map(Number);
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    await page.emulateMedia({ media: 'screen' });
  });

  it('When the household posted under another number is opened, then its sheet lists only its own batch', async () => {
    const page = await suite.openPage(`/notices/${otherBatchNoticeId}`);
    const rows = page.getByTestId('notice-households').locator('tbody tr');
    await page.getByTestId('notice-no').getByText('董源村公示〔2026〕第4号').waitFor();
    expect(await rows.count()).toBe(1);
    await rows.first().getByText('罗志强').waitFor();
  });
});
