import type { Page } from 'playwright-core';
import { evidenceFileFor } from '../../../server/src/demo-evidence';
import { isExampleFileRef } from '../../../server/src/forms';

/** `#id` for an rjsf id (ids are made of letters, digits, `_` and `-`, but may start with a digit after `_`). */
const byId = (id: string) => `[id="${id}"]`;

interface FieldKind {
  /** The element with the id: a control to fill, or a container (fieldset, radio or checkbox group); null when absent. */
  element: { tag: string; type: string; editable: boolean } | null;
  /** How many `<id>-<n>` option inputs (radio or checkbox group) the page has. */
  options: number;
}

/** What the page has under this id, in one round trip. */
function kindOf(page: Page, id: string): Promise<FieldKind> {
  return page.evaluate((fieldId: string) => {
    const doc = (globalThis as any).document;
    const e = doc.getElementById(fieldId);
    const options = doc.querySelectorAll(`input[id^="${fieldId}-"]`).length as number;
    return { element: e ? { tag: e.tagName as string, type: (e.type ?? '') as string, editable: !(e.readOnly || e.disabled) } : null, options };
  }, id);
}

/** Ticks the options of a radio or checkbox group (`<id>-<n>` inputs) whose visible labels are `labels`. */
async function chooseOptions(page: Page, id: string, labels: string[]): Promise<void> {
  const options = page.locator(`input[id^="${id}-"]`);
  const texts: string[] = await options.evaluateAll((inputs: any[]) => inputs.map((input) => (input.closest('label')?.textContent ?? '').trim()));
  for (const wanted of labels) {
    if (!texts.includes(wanted)) throw new Error(`Field #${id} has no option "${wanted}" (it offers: ${texts.join(', ')})`);
  }
  for (let i = 0; i < texts.length; i++) {
    const option = options.nth(i);
    const on = labels.includes(texts[i]);
    if ((await option.getAttribute('type')) === 'radio') {
      if (on) await option.check();
    } else {
      await option.setChecked(on);
    }
  }
}

/** Makes the array field hold exactly `length` items, with its own add and remove buttons. */
async function resizeArray(page: Page, id: string, length: number): Promise<void> {
  const itemCount = async () => {
    let n = 0;
    while ((await page.locator(byId(`${id}_${n}`)).count()) > 0) n++;
    return n;
  };
  let count = await itemCount();
  while (count < length) {
    await page.locator(byId(`${id}__add`)).click();
    await page.locator(byId(`${id}_${count}`)).waitFor();
    count = await itemCount();
  }
  while (count > length) {
    await page.locator(byId(`${id}_${count - 1}__remove`)).click();
    await page.locator(byId(`${id}_${count - 1}`)).waitFor({ state: 'detached' });
    count = await itemCount();
  }
}

/**
 * Fills an rjsf form (ids `root_<path>`) the way a person would: types text, numbers and dates,
 * picks options by their visible label, ticks checkboxes, adds and removes array items. Fields are
 * filled in the order of `data`, so a field that appears once another is set (a 残疾 member's
 * grade) is there when its turn comes. Values of choices are the labels shown (in zh-CN most enum
 * values are their own labels; for `oneOf` choices pass the title, e.g. `异议不成立`). Computed,
 * read-only fields and fixed choices are left to the form; a folded section is unfolded first.
 *
 * @example await fillSchemaForm(page, { visitDate: '2016-10-20', visitors: [{ name: '钟伟东', unit: '工作组' }] });
 */
export async function fillSchemaForm(page: Page, data: Record<string, unknown>, id = 'root'): Promise<void> {
  for (const [key, value] of Object.entries(data)) await fillField(page, `${id}_${key}`, value);
}

/** Unfolds the form section (antd Collapse) that holds the field, as a person opens it to fill it. */
async function reveal(page: Page, id: string): Promise<void> {
  const header = page.locator(`.ant-collapse-item:not(.ant-collapse-item-active):has(${byId(id)}) > .ant-collapse-header`);
  if ((await header.count()) > 0) {
    await header.last().click();
    await page.locator(`.ant-collapse-item-active:has(${byId(id)})`).last().waitFor();
  }
}

/**
 * A file field whose example holds placeholders: the user picks as many generated files (photos
 * for photo fields, PDFs otherwise) in its file input, and each is uploaded before going on.
 */
async function uploadFiles(page: Page, id: string, count: number): Promise<void> {
  await reveal(page, id);
  const field = id.split('_').filter((part) => !/^[0-9]+$/.test(part)).pop() ?? id;
  const files = await Promise.all(Array.from({ length: count }, async (_, i) => {
    const file = await evidenceFileFor(field);
    return { name: `${id}-${i + 1}${file.name.slice(file.name.lastIndexOf('.'))}`, mimeType: file.type, buffer: file.content };
  }));
  const input = page.locator(`input[type="file"]${byId(id)}`);
  await input.waitFor({ state: 'attached' });
  await input.setInputFiles(files);
  for (const file of files) {
    await page.locator('.jz-attachment[data-attachment-id]').filter({ hasText: file.name.slice(0, file.name.lastIndexOf('.')) }).first().waitFor();
  }
}

async function fillField(page: Page, id: string, value: unknown): Promise<void> {
  if (value === undefined || value === null) return;
  if (isExampleFileRef(value)) return uploadFiles(page, id, 1);
  if (Array.isArray(value) && value.length > 0 && value.every(isExampleFileRef)) return uploadFiles(page, id, value.length);
  let { element, options } = await kindOf(page, id);
  if (!element && options === 0 && !(typeof value === 'object')) {
    // A field that shows once an answer arrives (the org picker's levels wait for the org tree) is
    // waited for, as a person waits for it to appear, before it counts as missing.
    await page.locator(`${byId(id)}, input[id^="${id}-"]`).first().waitFor({ state: 'attached', timeout: 15_000 }).catch(() => undefined);
    ({ element, options } = await kindOf(page, id));
  }
  if (element || options > 0) await reveal(page, id);
  if (Array.isArray(value)) {
    if (options > 0) return chooseOptions(page, id, value.map(String));
    if (!element) throw new Error(`No array field #${id} on the page`);
    await resizeArray(page, id, value.length);
    for (let i = 0; i < value.length; i++) await fillField(page, `${id}_${i}`, value[i]);
    return;
  }
  if (typeof value === 'object') {
    await fillSchemaForm(page, value as Record<string, unknown>, id);
    return;
  }
  if (!element) throw new Error(`No field #${id} on the page for ${JSON.stringify(value)}`);
  const control = page.locator(byId(id));
  if (element.tag === 'SELECT') {
    // A choice the form fixed (the clerk's own town and village) is left to the form, like computed fields.
    if (element.editable) await control.selectOption({ label: String(value) });
  } else if (element.tag === 'INPUT' && element.type === 'checkbox') {
    await control.setChecked(Boolean(value));
  } else if (element.tag === 'INPUT' || element.tag === 'TEXTAREA') {
    if (element.editable) await control.fill(String(value));
    // Ant Design's date picker takes a typed date on Enter (and closes its calendar).
    if (element.editable && (await control.evaluate((e: any) => Boolean(e.closest('.ant-picker'))))) await control.press('Enter');
  } else if (options > 0) {
    await chooseOptions(page, id, [String(value)]);
  } else {
    throw new Error(`Field #${id} is a ${element.tag} that takes no value`);
  }
}
