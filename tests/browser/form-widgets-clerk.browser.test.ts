import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { photoWithExif } from '../support/evidence-files';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { ApiClient } from '../api/api-harness';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';

// Issue 17: the builder's widgets in a clerk's real task, not only in the builder's preview. The
// admin adds a signature (required), a date range and a photo field (one or two JPEG/PNG photos) to
// the villagers' appraisal and publishes a new version of household identification; a village
// clerk at 1366 px is told in Chinese that the range ends before it starts, that a PDF is no photo
// and that a third photo is too many, and nothing is submitted; at 360 px the clerk signs on the pad
// and submits; the step's stored data holds the two photos and the signature, a PNG of this case.

const KEY = 'household-identification';
const FORM = `${KEY}.villagerAppraisal`;

async function adminClient(base: string): Promise<ApiClient> {
  const answer = await new ApiClient(base).post('/api/auth/login', { username: 'admin', password: TEST_DEMO_PASSWORD });
  if (answer.status !== 200) throw new Error(`admin login answered ${answer.status}: ${answer.text}`);
  return new ApiClient(base, 'admin', (answer.headers.get('set-cookie') ?? '').split(';')[0], answer.body.csrfToken);
}

describeInBrowser('form widgets in a clerk\'s task', 'form-widgets-clerk', (suite) => {
  it('When a clerk fills the appraisal with a signature, a date range and photos, then wrong ranges and files are refused in Chinese and the signed step stores its files', async () => {
    // The admin's change: three fields as the builder writes them, then a new definition version.
    const admin = await adminClient(suite.base);
    const current = (await admin.get(`/api/forms/${FORM}`)).body;
    const schema = structuredClone(current.schema);
    schema.properties = {
      ...(schema.properties ?? {}),
      clerkSignature: { title: '经办人签名', 'x-title-en': 'Clerk\'s signature', type: 'string', format: 'file-ref', maxLength: 36, 'x-file': { kind: 'signature', accept: ['image/png'] } },
      noticePeriod: {
        title: '评议结果公示期', 'x-title-en': 'Notice period', type: 'object', required: ['from', 'until'],
        properties: { from: { title: '开始日期', 'x-title-en': 'From', type: 'string', format: 'date' }, until: { title: '结束日期', 'x-title-en': 'Until', type: 'string', format: 'date' } },
        dateRange: { from: 'from', until: 'until' },
      },
      sitePhotos: {
        title: '评议现场照片', 'x-title-en': 'Photos of the meeting', type: 'array', minItems: 1, maxItems: 2, uniqueItems: true,
        items: { type: 'string', format: 'file-ref', maxLength: 36, 'x-file': { kind: 'photo', accept: ['image/jpeg', 'image/png'] } },
      },
    };
    schema.required = [...(schema.required ?? []), 'clerkSignature', 'noticePeriod', 'sitePhotos'];
    delete schema.examples;
    const uiSchema = { ...current.uiSchema, clerkSignature: { 'ui:widget': 'signature' } };
    const saved = await admin.request('PUT', `/api/forms/${FORM}`, { title: current.title, schema, uiSchema });
    expect([saved.status, saved.text]).toEqual([200, expect.any(String)]);
    const draft = await admin.post(`/api/definitions/${KEY}/drafts`, {});
    expect(draft.status).toBe(201);
    expect((await admin.post(`/api/definitions/${KEY}/drafts/${draft.body.version}/publish`, {})).status).toBe(200);

    // A case of the new version up to the appraisal.
    const { services } = suite.app;
    const clerkActor = await services.actor('cun-dongyuan');
    const started = await services.runtime.startInstance({ definitionKey: KEY, actor: clerkActor });
    await services.runtime.completeTask({ taskId: started.openedTasks[0].id, outcome: 'SUBMIT', actor: clerkActor, comment: '', data: withFreshIdNumbers(exampleFor(`${KEY}.application`)) });
    const open = async () => (await services.db.pool.query(`SELECT id, state, form_key, status FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId])).rows;
    const [verification] = await open();
    const verified = await uploadEvidence(`${KEY}.verification`, exampleFor(`${KEY}.verification`), { services, actor: clerkActor, instanceId: started.instanceId });
    await services.runtime.completeTask({ taskId: verification.id, outcome: 'VERIFY', actor: clerkActor, comment: '', data: verified });
    const [task] = await open();
    expect(task).toMatchObject({ state: 'villagerAppraisal', form_key: FORM });

    const page = await suite.signIn('cun-dongyuan');
    try {
      await clerkFills(page, task.id as string);
    } catch (error) {
      await suite.screenshot(page, 'failed').catch(() => undefined);
      throw error;
    }

    // The step's stored data holds the files: two photos and the signature, each an attachment of this case.
    const { rows: [instance] } = await services.db.pool.query(`SELECT data FROM instances WHERE id = $1`, [started.instanceId]);
    const step = instance.data.villagerAppraisal;
    expect(step.noticePeriod).toEqual({ from: '2016-10-29', until: '2016-11-04' });
    expect(step.sitePhotos).toHaveLength(2);
    const ids = [step.clerkSignature, ...step.sitePhotos];
    const { rows: files } = await services.db.pool.query(`SELECT id, name, content_type, instance_id FROM attachments WHERE id = ANY($1::uuid[]) ORDER BY name`, [ids]);
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.instance_id === started.instanceId)).toBe(true);
    expect(files.find((f) => f.id === step.clerkSignature)).toMatchObject({ name: 'signature.png', content_type: 'image/png' });
    // The stroke drawn across more than half of the 360 px pad spans more than half of the stored image
    // (the pad appeared at 1366 px: its drawing buffer is wider than the pad shown at 360 px).
    const png = Buffer.from(await (await page.request.get(`${suite.base}/api/attachments/${step.clerkSignature}`)).body());
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    let left = info.width;
    let right = -1;
    for (let i = 0; i < data.length; i += info.channels) {
      if (data[i] < 128) { const x = (i / info.channels) % info.width; left = Math.min(left, x); right = Math.max(right, x); }
    }
    expect((right - left) / info.width).toBeGreaterThan(0.45);
    expect(files.filter((f) => step.sitePhotos.includes(f.id)).map((f) => f.content_type)).toEqual(['image/jpeg', 'image/jpeg']);
    expect((await open()).map((t) => t.state)).toEqual(['publicNotice.posting']);
  }, 300_000);

  async function clerkFills(page: Page, taskId: string): Promise<void> {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${suite.base}/tasks/${taskId}`);
    await page.getByRole('heading', { name: '村民民主评议', exact: true }).waitFor();
    await fillSchemaForm(page, { ...exampleFor(FORM), noticePeriod: { from: '2016-10-29', until: '2016-10-20' } });

    // A range that ends before it starts, no signature, no photo: the step is refused, in Chinese.
    await page.getByRole('button', { name: buttonName('评议通过') }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    const texts = (await summary.getByRole('listitem').allTextContents()).join('\n');
    expect(texts).toContain('不能早于开始日期');
    expect(texts).toContain('经办人签名');
    expect(texts).toContain('评议现场照片');
    expect(await page.getByRole('dialog').filter({ hasText: '确认“评议通过”？' }).count()).toBe(0);

    // A PDF in the photo field, then three photos where two are the most: each refused in Chinese.
    const input = page.locator('input[type="file"]#root_sitePhotos');
    await input.setInputFiles({ name: '会议记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nminutes\n%%EOF\n') });
    await page.getByText('会议记录.pdf 的类型不符合要求：只接受 JPEG、PNG').waitFor();
    const photos = await Promise.all(['#112233', '#223344', '#334455'].map(async (colour, i) => ({ name: `评议现场${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: await photoWithExif({ colour }) })));
    await input.setInputFiles(photos);
    await page.getByText('最多上传 2 个文件').waitFor();
    // Two of them are taken, the third is not, and the field offers no more picking.
    const cards = page.locator('.jz-attachment[data-attachment-id]').filter({ hasText: '评议现场' });
    await cards.nth(1).waitFor();
    expect(await cards.count()).toBe(2);
    await input.waitFor({ state: 'detached' });
    await suite.screenshot(page, 'refused-1366');
    // Nothing went out: the task is still open.
    expect((await suite.app.services.db.pool.query(`SELECT status FROM tasks WHERE id = $1`, [taskId])).rows[0].status).toBe('open');

    // The range is put right.
    await fillSchemaForm(page, { noticePeriod: { until: '2016-11-04' } });

    // At 360 px: the clerk signs on the pad with a finger-like stroke and confirms.
    await page.setViewportSize({ width: 360, height: 740 });
    const pad = page.getByRole('img', { name: '签名区域：用手指或鼠标在此签名' });
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 15, box.y + 30);
    await page.mouse.down();
    for (const [dx, dy] of [[50, 50], [90, 20], [130, 60], [170, 30]]) await page.mouse.move(box.x + dx, box.y + dy, { steps: 4 });
    await page.mouse.up();
    expect(await pad.getAttribute('data-strokes')).toBe('1');
    await page.getByRole('button', { name: '确认签名' }).click();
    await pad.waitFor({ state: 'detached' });
    await page.locator('.jz-attachment').filter({ hasText: 'signature.png' }).waitFor();
    await suite.screenshot(page, 'signed-360');
    const overflow = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(360);

    await page.getByRole('button', { name: buttonName('评议通过') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确认“评议通过”？').filter({ visible: true }).waitFor();
    await dialog.getByRole('button', { name: buttonName('确认') }).click();
    await page.waitForURL('**/inbox');
  }
});
