import type { Page } from 'playwright-core';

/** `#id` for an rjsf id (ids are made of letters, digits, `_` and `-`, but may start with a digit after `_`). */
const byId = (id: string) => `[id="${id}"]`;

/** What the element with this id is: a control to fill, or a container (fieldset, radio or checkbox group). */
async function kindOf(page: Page, id: string): Promise<{ tag: string; type: string; editable: boolean } | null> {
  const element = page.locator(byId(id));
  if ((await element.count()) === 0) return null;
  return element.evaluate((e: any) => ({ tag: e.tagName as string, type: (e.type ?? '') as string, editable: !(e.readOnly || e.disabled) }));
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
 * read-only fields are left to the form.
 *
 * @example await fillSchemaForm(page, { visitDate: '2016-10-20', visitors: [{ name: '钟伟东', unit: '工作组' }] });
 */
export async function fillSchemaForm(page: Page, data: Record<string, unknown>, id = 'root'): Promise<void> {
  for (const [key, value] of Object.entries(data)) await fillField(page, `${id}_${key}`, value);
}

async function fillField(page: Page, id: string, value: unknown): Promise<void> {
  if (value === undefined || value === null) return;
  const kind = await kindOf(page, id);
  const hasOptions = async () => (await page.locator(`input[id^="${id}-"]`).count()) > 0;
  if (Array.isArray(value)) {
    if (await hasOptions()) return chooseOptions(page, id, value.map(String));
    if (!kind) throw new Error(`No array field #${id} on the page`);
    await resizeArray(page, id, value.length);
    for (let i = 0; i < value.length; i++) await fillField(page, `${id}_${i}`, value[i]);
    return;
  }
  if (typeof value === 'object') {
    await fillSchemaForm(page, value as Record<string, unknown>, id);
    return;
  }
  if (!kind) throw new Error(`No field #${id} on the page for ${JSON.stringify(value)}`);
  const control = page.locator(byId(id));
  if (kind.tag === 'SELECT') {
    await control.selectOption({ label: String(value) });
  } else if (kind.tag === 'INPUT' && kind.type === 'checkbox') {
    await control.setChecked(Boolean(value));
  } else if (kind.tag === 'INPUT' || kind.tag === 'TEXTAREA') {
    if (kind.editable) {
      await control.fill(String(value));
      if (kind.type !== 'date') await control.blur();
    }
  } else if (await hasOptions()) {
    await chooseOptions(page, id, [String(value)]);
  } else {
    throw new Error(`Field #${id} is a ${kind.tag} that takes no value`);
  }
}
