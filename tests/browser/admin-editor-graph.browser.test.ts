import type { Page } from 'playwright-core';
import { buttonName, describeInBrowser } from './support';

const KEY = 'household-identification';

/** What one label of the graph looks like on the screen. */
interface ShownLabel {
  kind: 'state' | 'edge';
  text: string;
  /** The label's font size times the graph's zoom: how high its letters are on the screen. */
  screenPx: number;
  /** Whether the label lies inside the graph's box (fit-to-view shows every label). */
  inView: boolean;
}

/**
 * Runs in the page: every state title and transition label of the graph with its font size in
 * screen pixels (CSS size × the viewport's scale, as React Flow zooms with a CSS transform).
 */
const SHOWN_LABELS = `(() => {
  const graph = document.querySelector('[data-testid="statechart"]');
  const viewport = graph.querySelector('.react-flow__viewport');
  const scale = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
  const box = graph.getBoundingClientRect();
  const read = (kind, el) => {
    const at = el.getBoundingClientRect();
    return {
      kind, text: (el.textContent || '').trim(), screenPx: parseFloat(getComputedStyle(el).fontSize) * scale,
      inView: at.left >= box.left - 1 && at.right <= box.right + 1 && at.top >= box.top - 1 && at.bottom <= box.bottom + 1,
    };
  };
  return [
    ...[...graph.querySelectorAll('.jz-admin-node-title, .jz-admin-group-title')].map((el) => read('state', el)),
    ...[...graph.querySelectorAll('.react-flow__edge-text')].map((el) => read('edge', el)),
  ];
})()`;

/** Runs in the page: the graph's zoom (React Flow's viewport scale). */
const ZOOM = `new DOMMatrixReadOnly(getComputedStyle(document.querySelector('[data-testid="statechart"] .react-flow__viewport')).transform).a`;

/** The graph's zoom. */
async function zoomOf(page: Page): Promise<number> {
  return page.evaluate<number>(ZOOM);
}

/** Waits until the graph's zoom is below, or at least, `value` (zooms glide). */
async function waitForZoom(page: Page, how: 'below' | 'atLeast', value: number): Promise<void> {
  await page.waitForFunction(`(${ZOOM}) ${how === 'below' ? '<' : '>='} ${value}`);
}

describeInBrowser('the definition editor readable at 1366 px', 'admin-editor-graph', (suite) => {
  it('When the admin opens a definition on a 1366 px screen, then the graph fills its box and every state title and transition label reads in Chinese at 11 px or more', async () => {
    const admin = await suite.signIn('admin');
    await admin.setViewportSize({ width: 1366, height: 768 });
    await admin.goto(`${suite.base}/admin/definitions/${KEY}/versions/1`);
    const graph = admin.getByTestId('statechart');
    await graph.locator('.react-flow__node').filter({ hasText: '乡镇审核' }).first().waitFor();
    await graph.locator('.react-flow__edge-text').first().waitFor();
    await suite.screenshot(admin, 'fit-to-view');

    const labels = await admin.evaluate<ShownLabel[]>(SHOWN_LABELS);
    expect(await zoomOf(admin)).toBeGreaterThanOrEqual(0.69);
    const states = labels.filter((l) => l.kind === 'state').map((l) => l.text);
    const edges = labels.filter((l) => l.kind === 'edge').map((l) => l.text);
    expect(states).toEqual(expect.arrayContaining(['填写贫困户申请', '乡镇审核', '县级审定', '张贴公示并登记']));
    // Outcomes by their buttons' words, the outside event and the county's notice period in Chinese.
    expect(edges).toEqual(expect.arrayContaining(['审核通过', '收到异议', '公示期 7 天']));
    expect(edges.filter((text) => /[A-Z]{3,}|\$/.test(text))).toEqual([]);
    const small = labels.filter((l) => l.screenPx < 11);
    expect(small.map((l) => `${l.text} ${l.screenPx.toFixed(1)} px`)).toEqual([]);
    expect(labels.filter((l) => !l.inView).map((l) => l.text)).toEqual([]);
    // The graph takes the width the inspector leaves: most of a 1366 px screen.
    const box = (await graph.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(900);
  }, 120_000);

  it('When the admin adds a state by its Chinese title only and checks the draft, then it gets a generated id, its lint issue is a badge on its box, and picking the issue zooms to it', async () => {
    const admin = await suite.signIn('admin');
    await admin.setViewportSize({ width: 1366, height: 768 });
    await admin.goto(`${suite.base}/admin/definitions/${KEY}/versions/1`);
    await admin.getByRole('button', { name: '复制为草稿编辑' }).click();
    await admin.waitForURL(`**/admin/definitions/${KEY}/versions/2`);
    const graph = admin.getByTestId('statechart');
    await graph.locator('.react-flow__node').filter({ hasText: '乡镇审核' }).first().waitFor();

    // Only the Chinese title: the identifier is made up (step1), never asked for in English.
    await admin.getByTestId('add-state').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText('不填则自动编号为 step1').waitFor();
    await dialog.getByLabel('名称（中文）').fill('县级复核');
    // The kind is a radio button: check() clicks it and then makes sure it is checked, so the state is
    // never added with the default kind (a task, whose missing form, roles and outcomes are 3 more lint issues).
    await dialog.getByRole('radio', { name: '普通状态' }).check();
    await dialog.getByRole('button', { name: buttonName('添加') }).click();
    const added = graph.locator('.react-flow__node').filter({ hasText: '县级复核' });
    await added.waitFor();
    expect(await added.locator('.jz-admin-node-title').getAttribute('title')).toMatch(/^step1\b/);

    // A state with no way out is a lint error: a badge with the count on its box.
    await admin.getByRole('button', { name: buttonName('校验') }).click();
    const badge = added.getByTestId('lint-badge');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('1');
    expect(await badge.getAttribute('aria-label')).toBe('1 个错误，0 个警告');
    await suite.screenshot(admin, 'lint-badge');

    // Picking the issue from the list brings the state into view at a reading zoom.
    await admin.getByRole('button', { name: buttonName('显示全图') }).click();
    await waitForZoom(admin, 'below', 1);
    await admin.getByTestId('lint-list').getByRole('button').filter({ hasText: 'step1' }).first().click();
    await waitForZoom(admin, 'atLeast', 1);
    // The zoom glides there (300 ms): wait for the state to stop in the middle of the graph.
    await admin.waitForFunction(`(() => {
      const box = document.querySelector('[data-testid="statechart"]').getBoundingClientRect();
      const node = [...document.querySelectorAll('[data-testid="statechart"] .react-flow__node')].find((el) => el.textContent.includes('县级复核')).getBoundingClientRect();
      return Math.abs(node.x + node.width / 2 - (box.x + box.width / 2)) < 40 && Math.abs(node.y + node.height / 2 - (box.y + box.height / 2)) < 40;
    })()`);
    expect(await zoomOf(admin)).toBeGreaterThanOrEqual(1);
    await suite.screenshot(admin, 'zoomed-to-issue');
  }, 120_000);
});
