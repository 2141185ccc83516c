import type { Locator, Page } from 'playwright-core';

/** A field's row in the builder's tree, at the top or inside a section (its path ends with the name). */
export function treeRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="tree-field"][data-path$="/${name}"], [data-testid="tree-field"][data-path="${name}"]`);
}

/**
 * Adds a field of `type` from the builder's palette where fields are being added, names and labels
 * it, and answers its settings panel. With `wholeForm`, fields are then added to the whole form again
 * (not inside this one) and this field is selected.
 */
export async function addBuilderField(page: Page, type: string, name: string, label: string, options: { wholeForm?: boolean } = {}): Promise<Locator> {
  await page.getByTestId('palette').locator(`[data-type="${type}"]`).click();
  const settings = page.getByTestId('field-settings');
  await settings.waitFor();
  const nameInput = settings.getByLabel('字段名', { exact: true });
  await nameInput.fill(name);
  await nameInput.press('Enter');
  await treeRow(page, name).waitFor();
  await settings.getByLabel('标题（中文）').fill(label);
  await treeRow(page, name).filter({ hasText: label }).waitFor();
  if (options.wholeForm) {
    await page.getByRole('button', { name: '改为添加到整个表单' }).click();
    await treeRow(page, name).click();
  }
  return page.getByTestId('field-settings');
}

/** Opens the builder on a form key that has no form yet, at 1366 px, and names the new form. */
export async function openNewForm(page: Page, base: string, key: string, title: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${base}/admin/forms/${key}`);
  await page.getByText('这是一个新表单').waitFor();
  await page.getByLabel('中文名').fill(title);
}

/** Adds the choice field `result` (表决结果) with two options, 通过 / Passed and 不通过 / Rejected; answers its settings panel. */
export async function addVoteChoice(page: Page): Promise<Locator> {
  const choice = await addBuilderField(page, 'choice', 'result', '表决结果', { wholeForm: true });
  const options = choice.getByTestId('options-editor');
  for (const [index, [value, zh, en]] of [['passed', '通过', 'Passed'], ['rejected', '不通过', 'Rejected']].entries()) {
    await options.getByLabel('值').nth(index).fill(value);
    await options.getByLabel('中文标签').nth(index).fill(zh);
    await options.getByLabel('英文标签').nth(index).fill(en);
  }
  return choice;
}

/** The tree's field paths in the order shown. */
export function treeOrder(page: Page): Promise<string[]> {
  return page.locator('[data-testid="tree-field"]').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { path: string } }).dataset.path));
}
