import type { Page } from 'playwright-core';
import { uploadEvidence } from '../support/evidence-uploads';
import sharp from 'sharp';
import { uploadAttachment } from '../../server/src/runtime/upload-attachment';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { photoWithExif } from '../support/evidence-files';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';
import type { BrowserSuite } from './support';

// Evidence uploads as the clerk does them: a photo chosen in the application's 附件 field is
// compressed in the browser (EXIF kept), uploaded with progress and shown with its EXIF time and
// place; the next step's task page shows the earlier step's photo as a thumbnail with the same
// facts. At 1366 px and 360 px.

const TAKEN = '拍摄时间 2026-11-20 10:31';
const PLACE = '北纬 23.94000° 东经 115.64167°';

async function openApplication(suite: BrowserSuite) {
  const page = await suite.signIn('cun-dongyuan');
  await page.getByRole('navigation').getByRole('link', { name: '贫困户申请', exact: true }).click();
  await page.getByRole('heading', { name: '贫困户申请' }).waitFor();
  return page;
}

/** A submitted application whose 申请书 is a photo the clerk uploaded, through the runtime: the case at verification. */
async function caseWithScan(suite: BrowserSuite) {
  const { services } = suite.app;
  const clerk = await services.actor('cun-dongyuan');
  const scan = await uploadAttachment({ db: services.db, tenantId: services.config.tenantId, ids: services.ids, clock: services.clock, blobs: services.blobs },
    { actor: clerk, name: '曾庆华申请书.jpg', content: await photoWithExif({ colour: '#5b4a8a' }) });
  const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
  await services.runtime.completeTask({
    taskId: started.openedTasks[0].id, outcome: 'SUBMIT', actor: clerk, comment: '',
    data: { ...withFreshIdNumbers(exampleFor('household-identification.application')), applicationRef: scan.id },
  });
  const { rows } = await services.db.pool.query(`SELECT id FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
  return { taskId: rows[0].id as string, scanId: scan.id };
}

/** Waits until the card's thumbnail has loaded from the server (a broken image has no width). */
async function thumbnailShown(page: Page, attachmentId: string) {
  const img = page.locator(`[data-attachment-id="${attachmentId}"] img`).first();
  await img.waitFor();
  // Thumbnails load lazily: as the clerk scrolls to them.
  await img.scrollIntoViewIfNeeded();
  await img.page().waitForFunction((el) => (el as unknown as { complete: boolean; naturalWidth: number }).complete
    && (el as unknown as { naturalWidth: number }).naturalWidth > 0, await img.elementHandle(), { timeout: 15_000 });
}

/** A submitted and verified case, through the runtime: its open task is the villagers' appraisal. */
async function caseAtAppraisal(suite: BrowserSuite) {
  const { services } = suite.app;
  const clerk = await services.actor('cun-dongyuan');
  const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
  await services.runtime.completeTask({
    taskId: started.openedTasks[0].id, outcome: 'SUBMIT', actor: clerk, comment: '', data: withFreshIdNumbers(exampleFor('household-identification.application')),
  });
  const { rows } = await services.db.pool.query(`SELECT id FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
  const verified = await services.runtime.completeTask({
    taskId: rows[0].id, outcome: 'VERIFY', actor: clerk, comment: '',
    data: await uploadEvidence('household-identification.verification', exampleFor('household-identification.verification'), { services, actor: clerk, instanceId: started.instanceId }),
  });
  return verified.openedTasks[0].id;
}

describeInBrowser('evidence uploads', 'attachments', (suite) => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 360, height: 740 }]) {
    it(`When the clerk picks two meeting photos at once at ${viewport.width} px, then both upload and the appraisal completes with them`, async () => {
      const taskId = await caseAtAppraisal(suite);
      const page = await suite.signIn('cun-dongyuan');
      await page.setViewportSize(viewport);
      await page.goto(`${suite.base}/tasks/${taskId}`);
      await page.getByRole('heading', { name: '村民民主评议', exact: true }).waitFor();
      const input = page.locator('input[type="file"]#root_photoRefs');
      await input.waitFor({ state: 'attached' });
      expect(await input.getAttribute('multiple')).not.toBeNull();
      await input.setInputFiles([
        { name: '评议会现场1.jpg', mimeType: 'image/jpeg', buffer: await photoWithExif({ colour: '#6b8e23' }) },
        { name: '评议会现场2.jpg', mimeType: 'image/jpeg', buffer: await photoWithExif({ colour: '#8e236b' }) },
      ]);
      for (const name of ['评议会现场1.jpg', '评议会现场2.jpg']) {
        await page.locator('.jz-attachment').filter({ hasText: name }).getByText(PLACE).waitFor();
      }
      await page.locator('.jz-attachment').first().scrollIntoViewIfNeeded();
      await suite.screenshot(page, `meeting-photos-${viewport.width}`);
      const ids = await page.locator('.jz-upload .jz-attachment').evaluateAll((cards) => cards.map((c) => (c as unknown as { dataset: { attachmentId: string } }).dataset.attachmentId));
      expect(ids).toHaveLength(2);
      // Uploaded, not yet bound: the submission binds them to the case.
      const unbound = await suite.app.services.db.pool.query('SELECT count(*)::int AS n FROM attachments WHERE id = ANY($1::uuid[]) AND instance_id IS NULL', [ids]);
      expect(unbound.rows[0].n).toBe(2);

      await fillSchemaForm(page, exampleFor('household-identification.villagerAppraisal'));
      await page.getByRole('button', { name: buttonName('评议通过') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('确认“评议通过”？').filter({ visible: true }).waitFor();
      await dialog.getByRole('button', { name: buttonName('确认') }).click();
      await page.waitForURL('**/inbox');
      const { rows } = await suite.app.services.db.pool.query(
        `SELECT count(*)::int AS n FROM attachments a JOIN tasks t ON t.instance_id = a.instance_id WHERE a.id = ANY($1::uuid[]) AND t.id = $2`, [ids, taskId]);
      expect(rows[0].n).toBe(2);
    });

    it(`When the clerk picks a 2400 px photo for the application at ${viewport.width} px, then it is compressed, uploaded and shown with its EXIF time and place`, async () => {
      const page = await openApplication(suite);
      await page.setViewportSize(viewport);
      const original = await photoWithExif({ width: 2400, height: 1800, colour: viewport.width > 1000 ? '#7a5230' : '#30527a' });
      const input = page.locator('input[type="file"]#root_applicationRef');
      await input.waitFor({ state: 'attached' });
      // What may be uploaded is said once, under the buttons: the field repeats it in no description of its own.
      expect(await page.getByText(/10 MB/).count()).toBe(await page.locator('.jz-upload-hint').count());
      // The camera button is there for phones.
      expect(await page.locator('input[type="file"][capture="environment"]').count()).toBeGreaterThan(0);
      await input.setInputFiles({ name: '入户照片.jpg', mimeType: 'image/jpeg', buffer: original });

      const card = page.locator('.jz-attachment').filter({ hasText: '入户照片.jpg' });
      await card.getByText(TAKEN).waitFor();
      await card.getByText(PLACE).waitFor();
      const id = await card.getAttribute('data-attachment-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      // The thumbnail came from the server.
      await thumbnailShown(page, id!);
      await card.scrollIntoViewIfNeeded();
      await suite.screenshot(page, `uploaded-${viewport.width}`);

      // What reached the server is the compressed photo, with the original's EXIF.
      const { rows } = await suite.app.services.db.pool.query(
        'SELECT a.name, a.size, a.taken_at, b.content FROM attachments a JOIN attachment_blobs b USING (tenant_id, sha256) WHERE a.id = $1', [id]);
      expect(rows[0].name).toBe('入户照片.jpg');
      expect(rows[0].size).toBeLessThan(original.length);
      const stored = await sharp(rows[0].content as Buffer).metadata();
      expect(Math.max(stored.width!, stored.height!)).toBe(1600);
      expect((rows[0].taken_at as Date).toISOString()).toBe('2026-11-20T02:31:05.000Z');

      // 移除 empties the field; the file stays the clerk's own upload, bound to no case.
      await card.getByRole('button', { name: '移除' }).click();
      await card.waitFor({ state: 'detached' });
    });

    it(`When the clerk opens the verification at ${viewport.width} px, then the application's photo shows as a thumbnail with its EXIF time and place`, async () => {
      const { taskId, scanId } = await caseWithScan(suite);
      const page = await suite.signIn('cun-dongyuan');
      await page.setViewportSize(viewport);
      await page.goto(`${suite.base}/tasks/${taskId}`);
      await page.getByRole('heading', { name: '入户核实', exact: true }).waitFor();
      const card = page.locator(`.jz-attachment[data-attachment-id="${scanId}"]`).first();
      await card.getByText('曾庆华申请书.jpg').waitFor();
      await card.getByText(TAKEN).waitFor();
      await card.getByText(PLACE).waitFor();
      await thumbnailShown(page, scanId);
      await card.scrollIntoViewIfNeeded();
      await suite.screenshot(page, `prior-step-${viewport.width}`);
    });
  }
});
