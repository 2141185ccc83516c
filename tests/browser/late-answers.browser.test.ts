import type { Page, Route } from 'playwright-core';
import { chinaDateString } from '../../server/src/kernel';
import { APPLICATION } from './household-application';
import { describeInBrowser } from './support';

// Regression: on a loaded machine the org tree and the server's date (GET /api/me) answered after
// the clerk had started typing, and the typed first member was gone. Here those answers are held
// until the member is typed, then released; what was typed must stay, on screen and in the draft.

/**
 * Holds every request matching `pattern` until `release()` lets them through, in order. On the
 * context, so requests the service worker makes for the page (GET /api/me) are held too.
 */
async function hold(page: Page, pattern: string | RegExp) {
  const held: Route[] = [];
  let open = false;
  let heard: () => void = () => undefined;
  const first = new Promise<void>((resolve) => {
    heard = resolve;
  });
  await page.context().route(pattern, (route) => {
    if (open) return route.continue();
    held.push(route);
    heard();
  });
  return {
    /** Resolves once a request is being held. */
    first,
    count: () => held.length,
    release: async () => {
      open = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

const value = (page: Page, id: string) => page.locator(`[id="${id}"]`).inputValue();

/** Waits until the field shows `text` (a select its chosen option's label). */
async function shown(page: Page, id: string, text: string): Promise<void> {
  await page.waitForFunction(([fieldId, wanted]) => {
    const field = (globalThis as any).document.getElementById(fieldId);
    if (!field) return false;
    return (field.tagName === 'SELECT' ? field.selectedOptions[0]?.textContent : field.value) === wanted;
  }, [id, text] as const);
}

describeInBrowser('late server answers on the application', 'late-answers', (suite) => {
  it('When the org tree and the server date answer after the clerk typed the first member, then the typed name and ID number stay, on screen and in the draft', async () => {
    const page = await suite.signIn('cun-dongyuan');
    const orgTree = await hold(page, /\/api\/org-units(\?|$)/);
    const me = await hold(page, /\/api\/me(\?|$)/);
    await page.getByRole('navigation').getByRole('link', { name: '贫困户申请', exact: true }).click();
    await page.getByRole('heading', { name: '贫困户申请' }).waitFor();

    // The form is there while both answers are still held.
    const name = page.locator('[id="root_household_members_0_name"]');
    await name.waitFor({ state: 'attached' });
    await Promise.all([orgTree.first, me.first]);
    expect(orgTree.count()).toBeGreaterThan(0);
    expect(me.count()).toBeGreaterThan(0);
    expect(await value(page, 'root_applicationDate')).toBe('');

    const member = APPLICATION.household.members[0];
    await page.locator('.jz-form-sections .ant-collapse-header', { hasText: '家庭成员' }).first().click();
    await name.fill(member.name);
    await page.locator('[id="root_household_members_0_idNumber"]').fill(member.idNumber);
    await page.getByText(/^身份证号有效：1972-04-16 出生，男/).first().waitFor();

    // The answers arrive on a slow device while the clerk goes on: a second member is added as they land.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await Promise.all([orgTree.release(), me.release(), page.locator('[id="root_household_members__add"]').click()]);
    await page.locator('[id="root_household_members_1"]').waitFor();
    await page.locator('[id="root_household_members_1_name"]').fill(APPLICATION.household.members[1].name);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await shown(page, 'root_household_address_town', '华城镇');
    await shown(page, 'root_household_address_village', '董源村');
    const today = chinaDateString(suite.app.services.clock.now());
    await shown(page, 'root_applicationDate', today);
    await shown(page, 'root_filledBy', '董源村文书');

    // ... and what was typed is still there, and in the saved draft.
    expect(await value(page, 'root_household_members_0_name')).toBe(member.name);
    expect(await value(page, 'root_household_members_0_idNumber')).toBe(member.idNumber);
    expect(await value(page, 'root_household_head_name')).toBe(member.name);
    expect(await value(page, 'root_household_members_1_name')).toBe(APPLICATION.household.members[1].name);
    const draft = await page.evaluate(() => {
      const storage = (globalThis as any).localStorage;
      return JSON.parse(storage.getItem('jz.draft.application.cun-dongyuan') ?? 'null');
    });
    expect(draft?.value?.data?.household?.members?.[0]).toMatchObject({ name: member.name, idNumber: member.idNumber, relation: '户主' });
    expect(draft?.value?.data?.household?.members?.[1]).toMatchObject({ name: APPLICATION.household.members[1].name });
    expect(draft?.value?.data?.household?.address).toMatchObject({ town: '华城镇', village: '董源村' });
    expect(draft?.value?.data).toMatchObject({ applicationDate: today, filledBy: '董源村文书' });
    await suite.screenshot(page, 'kept-after-late-answers');
  });
});
