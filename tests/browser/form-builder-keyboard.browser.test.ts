import { describeInBrowser } from './support';
import { addBuilderField, addVoteChoice, openNewForm, treeOrder } from './support/form-builder';

// Issue 17: the builder without a mouse, and in English — a field moved in the tree with the
// keyboard alone (focus its drag handle, Space, arrows, Space: dnd-kit's keyboard sensor, WCAG 2.1.1),
// the tree and the preview in the new order; then the page switched to English, where the choice
// field's options show their English labels.

const FORM = 'project-tendering.keyboardCheck';


describeInBrowser('form builder: keyboard ordering and English labels', 'form-builder-keyboard', (suite) => {
  it('When the admin moves a field with Space and the arrow keys, then the tree and the preview take the new order, and in English the choice shows its English labels', async () => {
    const admin = await suite.signIn('admin');
    try {
      await openNewForm(admin, suite.base, FORM, '键盘检查');

      await addVoteChoice(admin);
      await addBuilderField(admin, 'text', 'place', '会议地点', { wholeForm: true });
      await addBuilderField(admin, 'date', 'held', '会议日期', { wholeForm: true });
      expect(await treeOrder(admin)).toEqual(['result', 'place', 'held']);

      // Keyboard only: the date's handle focused, Space picks it up, two ArrowUps, Space drops it first.
      // Each key waits for dnd-kit's spoken answer (our Chinese announcements in its live region), as a
      // screen-reader user would: the sensor listens for the arrows only once the pick-up is done.
      const live = admin.locator('[id^="DndLiveRegion"]');
      const spoken = (text: string) => live.filter({ hasText: text }).waitFor({ state: 'attached', timeout: 10_000 })
        .catch(async (error: unknown) => { throw new Error(`Not announced: "${text}"; the live region says "${(await live.allTextContents()).join(' | ')}"`, { cause: error }); });
      const handle = admin.getByRole('button', { name: '拖动 会议日期 调整顺序' });
      await handle.focus();
      await admin.keyboard.press('Space');
      await spoken('已拿起 held');
      await admin.keyboard.press('ArrowUp');
      await spoken('held 移到 place 的位置');
      await admin.keyboard.press('ArrowUp');
      await spoken('held 移到 result 的位置');
      await admin.keyboard.press('Space');
      await spoken('held 已放到 result 的位置');
      await admin.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { dataset: { path: string } } | null } }).document.querySelector('[data-testid="tree-field"]')?.dataset.path === 'held');
      expect(await treeOrder(admin)).toEqual(['held', 'result', 'place']);
      const preview = admin.getByTestId('form-preview');
      const top = async (label: string) => (await preview.getByText(label, { exact: true }).first().boundingBox())!.y;
      await preview.getByText('会议日期', { exact: true }).first().waitFor();
      expect(await top('会议日期')).toBeLessThan(await top('表决结果'));
      expect(await top('表决结果')).toBeLessThan(await top('会议地点'));
      // And one down again, still without the mouse: Space, ArrowDown, Space.
      await handle.focus();
      await admin.keyboard.press('Space');
      await spoken('已拿起 held');
      await admin.keyboard.press('ArrowDown');
      await spoken('held 移到 result 的位置');
      await admin.keyboard.press('Space');
      await spoken('held 已放到 result 的位置');
      await admin.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { dataset: { path: string } } | null } }).document.querySelector('[data-testid="tree-field"]')?.dataset.path === 'result');
      expect(await treeOrder(admin)).toEqual(['result', 'held', 'place']);
      expect(await top('表决结果')).toBeLessThan(await top('会议日期'));
      await suite.screenshot(admin, 'keyboard-moved');

      // The preview in Chinese, then in English: the options' own labels in each language.
      const optionTexts = async () => (await preview.locator('#root_result option').allTextContents()).map((text) => text.trim()).filter(Boolean);
      expect(await optionTexts()).toEqual(['请选择', '通过', '不通过']);
      await admin.getByRole('button', { name: 'English' }).click();
      await preview.locator('#root_result option', { hasText: 'Rejected' }).waitFor({ state: 'attached' });
      expect((await optionTexts()).slice(-2)).toEqual(['Passed', 'Rejected']);
      await suite.screenshot(admin, 'preview-english');
    } catch (error) {
      await suite.screenshot(admin, 'failed').catch(() => undefined);
      throw error;
    }
  }, 240_000);
});
