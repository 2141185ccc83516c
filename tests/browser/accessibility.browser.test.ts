import { randomUUID } from 'node:crypto';
import { uploadEvidence } from '../support/evidence-uploads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { REPO_ROOT } from '../support/test-services';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { idNumber } from './household-application';
import { describeInBrowser } from './support';
import { auditPage, describeViolations } from './support/axe';
import type { AxeReport } from './support/axe';

const DONGYUAN = '441424130201';

/**
 * Runs in the page: what sticks out of a 360 px screen. The page must not scroll sideways, and no
 * text may be cut at the edge or by an ellipsis, outside the places made to scroll (tables, the
 * diagram, the tab bar).
 */
const FIND_OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const wider = document.documentElement.scrollWidth > width ? ['the page scrolls sideways (' + document.documentElement.scrollWidth + ' px)'] : [];
  const cut = [...document.querySelectorAll('body *')].filter((el) => {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('.react-flow, canvas, svg')) return false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return false;
    }
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') return false;
    const ellipsis = style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && !el.closest('.ant-select');
    return box.right > width + 1 || ellipsis;
  }).slice(0, 5).map((el) => '<' + el.tagName.toLowerCase() + ' class="' + el.className + '">' + (el.textContent || '').slice(0, 20));
  return [...wider, ...cut];
})()`;

/** Runs in the page: the phone's tabs that lie beyond the screen's edge (the bar holds every section without scrolling). */
const FIND_CUT_TABS = `[...document.querySelectorAll('.jz-tab')].filter((tab) => {
  const box = tab.getBoundingClientRect();
  return box.width > 0 && (box.left < -1 || box.right > document.documentElement.clientWidth + 1);
}).map((tab) => (tab.textContent || '').trim())`;

/**
 * Runs in the page: tap targets smaller than 44 × 44 px (WCAG 2.5.5) — links, buttons, inputs,
 * selects, tabs, switches — measured on what a thumb hits (an Ant Design input's frame, a check
 * box's label). Links inside running text are exempt, as WCAG exempts them.
 */
const FIND_SMALL_TARGETS = `(() => {
  const frame = '.ant-input-affix-wrapper, .ant-select, .ant-picker, .ant-input-number, .ant-checkbox-wrapper, .ant-radio-wrapper, .ant-radio-button-wrapper, label';
  const seen = new Set();
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=tab], [role=button], [role=switch], [role=checkbox], [role=radio]')) {
    const target = el.closest(frame) && !el.matches('button, a') ? el.closest(frame) : el;
    if (seen.has(target)) continue;
    seen.add(target);
    const style = getComputedStyle(target);
    const box = target.getBoundingClientRect();
    if (!box.width || !box.height || style.visibility === 'hidden' || target.closest('[aria-hidden=true], .jz-skip-link')) continue;
    if (el.tagName === 'A' && style.display === 'inline' && el.parentElement && /[^\\s]/.test((el.parentElement.textContent || '').replace(el.textContent || '', ''))) continue;
    if (box.height < 43.5 || box.width < 43.5) small.push('<' + target.tagName.toLowerCase() + ' class="' + String(target.className).slice(0, 40) + '"> ' + (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '').trim().slice(0, 16) + ' ' + Math.round(box.width) + '×' + Math.round(box.height));
  }
  return small.slice(0, 8);
})()`;

/** Runs in the page: tables still drawn as tables (rows side by side) rather than as cards. */
const FIND_TABLES = `[...document.querySelectorAll('.jz-content table')].filter((table) => {
  const box = table.getBoundingClientRect();
  const head = table.querySelector('thead');
  return box.width && box.height && head && getComputedStyle(head).display !== 'none';
}).map((table) => (table.closest('[data-testid]')?.getAttribute('data-testid') || table.className || 'table'))`;

interface MainPage {
  name: string;
  /** Who looks at it; `null` for the public. */
  user: string | null;
  path: () => string;
}

/** Runs in the page: what has the keyboard focus. */
const FOCUSED = `(() => { const e = document.activeElement; return { id: e.id || '', tag: e.tagName, text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40) }; })()`;
type Focused = { id: string; tag: string; text: string };

/** Presses Tab until the focus is where `wanted` says (at most 80 times): how a keyboard user gets there. */
async function tabTo(page: Page, wanted: (focused: Focused) => boolean, what: string): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<Focused>(FOCUSED);
    if (wanted(focused)) return;
    seen.push(`${focused.tag}#${focused.id} ${focused.text}`);
  }
  throw new Error(`Tab never reached ${what}; it went through:\n${seen.join('\n')}`);
}

/** Waits until the page shows its content: no spinner, no request in flight. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.jz-loading, .ant-spin-spinning').first().waitFor({ state: 'hidden' });
  await page.locator('h1').first().waitFor({ state: 'attached', timeout: 5_000 }).catch(() => undefined);
}

describeInBrowser('every main page for everyone (WCAG 2.1 AA, 360 px phones)', 'accessibility', (suite) => {
  let taskId = '';
  let noticeId = '';
  const PAGES: MainPage[] = [
    { name: 'login', user: null, path: () => '/login' },
    { name: 'inbox', user: 'cun-dongyuan', path: () => '/inbox' },
    { name: 'task', user: 'cun-dongyuan', path: () => `/tasks/${taskId}` },
    { name: 'application', user: 'cun-dongyuan', path: () => '/applications/new' },
    { name: 'notice board', user: null, path: () => '/notices' },
    { name: 'notice', user: null, path: () => `/notices/${noticeId}` },
    { name: 'households', user: 'xian', path: () => '/households' },
    { name: 'dashboard', user: 'xian', path: () => '/dashboard' },
    { name: 'admin list', user: 'admin', path: () => '/admin/definitions' },
    { name: 'editor', user: 'admin', path: () => '/admin/definitions/household-identification/versions/1' },
    { name: 'form builder', user: 'admin', path: () => '/admin/forms/household-identification.application' },
  ];

  beforeAll(async () => {
    const { services } = suite.app;
    const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: await services.actor('cun-dongyuan') });
    const { rows } = await services.db.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
    taskId = rows[0].id;
    noticeId = randomUUID();
    const now = services.clock.now().getTime();
    await services.db.pool.query(
      `INSERT INTO notices (id, tenant_id, instance_id, kind, state, org_unit_id, org_path, title, content, status, starts_at, ends_at)
       VALUES ($1, '441424', $2, 'identification', 'publicNotice', $3, $4, '贫困户识别公示', $5, 'open', $6, $7)`,
      [noticeId, started.instanceId, DONGYUAN, `441424/441424130/${DONGYUAN}`,
        { headName: '黄伟强', headIdNumber: idNumber('44142419720416301'), size: 2 }, new Date(now), new Date(now + 7 * 86_400_000)]);
  });

  async function open(user: string | null, path: string, width?: number): Promise<Page> {
    const page = user ? await suite.signIn(user) : await suite.openPage();
    if (width) await page.setViewportSize({ width, height: 740 });
    await page.goto(`${suite.base}${path}`);
    await settle(page);
    return page;
  }

  it('When axe-core checks every main page, then none has a critical or serious violation', async () => {
    const reports: Record<string, AxeReport['counts']> = {};
    const failures: string[] = [];
    for (const main of PAGES) {
      const page = await open(main.user, main.path());
      const report = await auditPage(page);
      reports[main.name] = report.counts;
      await suite.screenshot(page, main.name.replace(/ /g, '-'));
      if (report.counts.critical || report.counts.serious) failures.push(`${main.name} (${main.path()}):\n${describeViolations(report)}`);
      await page.context().close();
    }
    const folder = join(REPO_ROOT, 'test-artifacts', 'axe');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'counts.json'), `${JSON.stringify(reports, null, 2)}\n`);
    console.log(`axe violations (elements) per page:\n${Object.entries(reports).map(([name, c]) => `  ${name.padEnd(14)} critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}, minor ${c.minor}`).join('\n')}`);
    expect(failures.join('\n\n')).toBe('');
  }, 300_000);

  it('When every main page is shown 360 px wide, then nothing overflows the screen sideways, every tab of the bar is on the screen, every tap target is 44 × 44 px or more and tables show as cards', async () => {
    const failures: string[] = [];
    for (const main of PAGES) {
      const page = await open(main.user, main.path(), 360);
      const overflow = await page.evaluate<string[]>(FIND_OVERFLOW);
      const small = await page.evaluate<string[]>(FIND_SMALL_TARGETS);
      const tables = await page.evaluate<string[]>(FIND_TABLES);
      const cutTabs = await page.evaluate<string[]>(FIND_CUT_TABS);
      await suite.screenshot(page, `360-${main.name.replace(/ /g, '-')}`);
      if (cutTabs.length) failures.push(`${main.name} (${main.path()}) tabs beyond the screen's edge: ${cutTabs.join('; ')}`);
      if (overflow.length) failures.push(`${main.name} (${main.path()}) overflows: ${overflow.join('; ')}`);
      if (small.length) failures.push(`${main.name} (${main.path()}) tap targets under 44 px: ${small.join('; ')}`);
      if (tables.length) failures.push(`${main.name} (${main.path()}) tables not shown as cards: ${tables.join('; ')}`);
      await page.context().close();
    }
    expect(failures.join('\n')).toBe('');
  }, 300_000);

  it('When the device asks for reduced motion, then buttons change colour at once, and with no such setting they animate', async () => {
    const page = await open('cun-dongyuan', '/inbox');
    const DURATION = `getComputedStyle(document.querySelector('.jz-content .ant-btn, .ant-btn')).transitionDuration`;
    // The suites' browser asks for reduced motion, as a phone set so would.
    expect(await page.evaluate<boolean>(`matchMedia('(prefers-reduced-motion: reduce)').matches`)).toBe(true);
    expect((await page.evaluate<string>(DURATION)).split(', ').every((d) => d === '0s')).toBe(true);
    // The setting is followed while the page is open.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.waitForFunction(`${DURATION}.split(', ').some((d) => d !== '0s')`);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForFunction(`${DURATION}.split(', ').every((d) => d === '0s')`);
    await page.context().close();
  }, 60_000);

  it('When a town reviewer works with the keyboard only, then they log in, find the task with j, open it, fill it in and approve it', async () => {
    const { services } = suite.app;
    const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: await services.actor('cun-dongyuan') });
    const step = async (username: string, outcome: string, data?: unknown) => {
      const { rows } = await services.db.pool.query<{ id: string; form_key: string }>(
        `SELECT id, form_key FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [started.instanceId]);
      const actor = await services.actor(username);
      const filled = data ?? await uploadEvidence(rows[0].form_key, exampleFor(rows[0].form_key), { services, actor, instanceId: started.instanceId });
      await services.runtime.completeTask({ taskId: rows[0].id, outcome, data: filled, comment: '同意', actor });
    };
    await step('cun-dongyuan', 'SUBMIT', withFreshIdNumbers(exampleFor('household-identification.application')));
    await step('cun-dongyuan', 'VERIFY');
    await step('cun-dongyuan', 'PASS');
    await step('cun-dongyuan', 'POSTED');
    await suite.advanceClock('P8D');
    await step('cun-dongyuan', 'FORWARD');

    // Login: the user name field has the focus; Tab to the password; Enter logs in.
    const page = await suite.openPage('/login');
    await page.getByLabel('用户名').waitFor();
    expect((await page.evaluate<Focused>(FOCUSED)).id).toBe('login-username');
    // The language switch is drawn as the page's text, not as the browser's grey default button, before the app's layout has loaded.
    const language = page.getByRole('button', { name: 'English' });
    type Styled = { ownerDocument: { defaultView: { getComputedStyle(element: unknown): { backgroundColor: string; borderTopStyle: string } } } };
    const look = await language.evaluate((b) => {
      const style = (b as unknown as Styled).ownerDocument.defaultView.getComputedStyle(b);
      return [style.backgroundColor, style.borderTopStyle];
    });
    expect(look).toEqual(['rgba(0, 0, 0, 0)', 'none']);
    await page.keyboard.type('zhen-huacheng');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/inbox');
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
    await settle(page);
    expect(await page.title()).toBe('待办任务 · 精准扶贫 · 五华县');

    // ? lists the shortcuts; j moves from task to task; Enter opens the focused one.
    await page.keyboard.press('?');
    await page.getByRole('dialog').getByText('下一条任务').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    let focused: Focused = { id: '', tag: '', text: '' };
    for (let i = 0; i < 20 && focused.text !== '乡镇审核'; i++) {
      await page.keyboard.press('j');
      focused = await page.evaluate<Focused>(FOCUSED);
    }
    expect(focused).toMatchObject({ tag: 'A', text: '乡镇审核' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '乡镇审核', exact: true }).waitFor();
    await settle(page);
    // After the navigation the focus is on the new page's heading, and the title names it.
    expect(await page.evaluate<Focused>(FOCUSED)).toMatchObject({ tag: 'H1', text: '乡镇审核' });
    expect(await page.title()).toBe('乡镇审核 · 精准扶贫 · 五华县');

    await tabTo(page, (f) => f.id === 'root_opinion', 'the opinion');
    await page.keyboard.type('经审核，材料齐全，同意上报。');
    await tabTo(page, (f) => f.id === 'root_reviewer', 'the reviewer');
    await page.keyboard.type('魏志明');
    await tabTo(page, (f) => f.id === 'root_reviewDate', 'the review date');
    await page.keyboard.type('2016-11-15');
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f.id === 'root_spotChecked', 'the spot check box');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.id === 'root_spotCheckFindings', 'the spot check findings');
    await page.keyboard.type('镇抽查组入户复核，家庭人口、收入与申报一致。');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text.replace(/\s/g, '') === '审核通过', 'the approve button');
    await suite.screenshot(page, 'keyboard-approval');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByText('确认“审核通过”？').filter({ visible: true }).first().waitFor();
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text.replace(/\s/g, '') === '确认', 'the confirm button');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/inbox');
    await page.getByText('已办理：审核通过').waitFor();
    const { rows } = await services.db.pool.query<{ state: string }>(`SELECT state FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [started.instanceId]);
    expect(rows.map((r) => r.state)).toEqual(['countyApproval']);
  }, 240_000);
});
