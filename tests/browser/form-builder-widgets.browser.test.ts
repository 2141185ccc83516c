import { photoWithExif } from '../support/evidence-files';
import { describeInBrowser } from './support';
import { addBuilderField, addVoteChoice, openNewForm, treeOrder } from './support/form-builder';

// Issue 17: the widgets in the builder — choice options edited with zh/en labels and shown in the
// preview, fields put in order by dragging with the mouse, the signature pad drawn with the
// mouse and saved as a PNG, required until signed, and the photo field's limits (a PDF and a third
// photo refused with a Chinese message) — at 1366 and 360 px.

const FORM = 'project-tendering.widgetCheck';


describeInBrowser('form builder: widgets in the preview', 'form-builder-widgets', (suite) => {
  it('When the admin edits choice options, reorders fields with the mouse, signs on the pad and picks files beyond the photo field\'s limits, then the preview shows and refuses as the clerk\'s form does', async () => {
    const admin = await suite.signIn('admin');
    try {
      await openNewForm(admin, suite.base, FORM, '控件检查');

      // Choice options with zh / en labels, shown in the preview.
      await addVoteChoice(admin);
      const preview = admin.getByTestId('form-preview');
      await preview.locator('#root_result option', { hasText: '不通过' }).waitFor({ state: 'attached' });
      expect((await preview.locator('#root_result option').allTextContents()).filter((text) => text.trim())).toEqual(['请选择', '通过', '不通过']);

      const photos = await addBuilderField(admin, 'photos', 'photos', '现场照片', { wholeForm: true });
      await photos.getByLabel('最少文件数').fill('1');
      await photos.getByLabel('最多文件数').fill('2');
      const signature = await addBuilderField(admin, 'signature', 'sign', '经办人签名', { wholeForm: true });
      await signature.getByRole('checkbox', { name: '必填' }).check();
      expect(await treeOrder(admin)).toEqual(['result', 'photos', 'sign']);

      // Reordering: the signature dragged first with the mouse.
      const handle = (name: string) => admin.getByRole('button', { name: `拖动 ${name} 调整顺序` });
      const from = (await handle('经办人签名').boundingBox())!;
      const to = (await handle('表决结果').boundingBox())!;
      await admin.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await admin.mouse.down();
      await admin.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
      await admin.mouse.move(to.x + to.width / 2, to.y + 2, { steps: 10 });
      await admin.mouse.up();
      await admin.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { dataset: { path: string } } | null } }).document.querySelector('[data-testid="tree-field"]')?.dataset.path === 'sign');
      expect(await treeOrder(admin)).toEqual(['sign', 'result', 'photos']);
      // The preview follows the new order.
      const top = async (label: string) => (await preview.getByText(label, { exact: true }).first().boundingBox())!.y;
      expect(await top('经办人签名')).toBeLessThan(await top('表决结果'));
      expect(await top('表决结果')).toBeLessThan(await top('现场照片'));

      // Required until signed: the check says so; drawn with the mouse and confirmed, it is a PNG upload.
      await preview.getByTestId('preview-check').click();
      await preview.getByText('请填写经办人签名').first().waitFor();
      const pad = preview.getByRole('img', { name: '签名区域：用手指或鼠标在此签名' });
      const box = (await pad.boundingBox())!;
      await admin.mouse.move(box.x + 20, box.y + 30);
      await admin.mouse.down();
      for (const [dx, dy] of [[60, 50], [100, 20], [150, 60], [200, 30]]) await admin.mouse.move(box.x + dx, box.y + dy, { steps: 4 });
      await admin.mouse.up();
      expect(await pad.getAttribute('data-strokes')).toBe('1');
      await preview.getByRole('button', { name: '确认签名' }).click();
      await pad.waitFor({ state: 'detached' });
      const stored = await suite.app.services.db.pool.query(`SELECT name, content_type FROM attachments WHERE name = 'signature.png'`);
      expect(stored.rows).toEqual([{ name: 'signature.png', content_type: 'image/png' }]);
      await preview.getByTestId('preview-check').click();
      expect(await preview.getByText('请填写经办人签名').count()).toBe(0);
      // The signed card names the file and says nothing of camera time or place.
      const signed = preview.locator('.jz-attachment').filter({ hasText: 'signature.png' });
      await signed.waitFor();
      expect(await signed.locator('.jz-attachment-exif').count()).toBe(0);

      // The photo field takes JPEG and PNG, two at most: a PDF is refused, a third photo too.
      const input = preview.locator('#root_photos');
      await input.setInputFiles({ name: '会议记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nminutes\n%%EOF\n') });
      await preview.getByText('会议记录.pdf 的类型不符合要求：只接受 JPEG、PNG').waitFor();
      const jpegs = await Promise.all(['#112233', '#223344', '#334455'].map(async (colour, i) => ({ name: `现场${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: await photoWithExif({ colour }) })));
      await input.setInputFiles(jpegs);
      await preview.getByText('最多上传 2 个文件').waitFor();
      await suite.screenshot(admin, 'widgets-desktop');
      await preview.getByText('手机 360px').click();
      await preview.getByText('最多上传 2 个文件').waitFor();
      await suite.screenshot(admin, 'widgets-phone');
    } catch (error) {
      await suite.screenshot(admin, 'failed').catch(() => undefined);
      throw error;
    }
  }, 240_000);
});
