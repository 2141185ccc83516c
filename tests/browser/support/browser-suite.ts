import type { BrowserContext, Page } from 'playwright-core';
import { TEST_DEMO_PASSWORD } from '../../support/global-setup';
import { startBrowserApp } from './browser-app';
import type { BrowserApp } from './browser-app';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './chromium';
import type { ChromiumSession } from './chromium';
import { createScreenshots } from './screenshots';
import type { Screenshots } from './screenshots';

/** How long a locator may wait for the page: the built client answers locally in well under a second, but CI machines get busy. */
const ACTION_TIMEOUT_MS = 30_000;

/** What a browser test works with; usable inside `it`, `beforeAll` and `afterAll` of the suite. */
export interface BrowserSuite {
  /** The server under test (API + built client) and its test clock. */
  readonly app: BrowserApp;
  readonly base: string;
  readonly screenshots: Screenshots;
  /** A page in a fresh context, for the public (nobody logged in), at `path` when given. */
  openPage(path?: string): Promise<Page>;
  /** A fresh context where `username` logged in through the login page; answers once their home (/inbox) shows. */
  signIn(username: string, password?: string): Promise<Page>;
  /** Saves a screenshot of the page as `test-artifacts/screenshots/<suite>/<nn>-<step>.png`. */
  screenshot(page: Page, step: string): Promise<string>;
  /** Moves the server's clock and every open browser's clock by an ISO 8601 duration; fires due timers. */
  advanceClock(duration: string): Promise<{ now: string; fired: number }>;
}

class Suite implements BrowserSuite {
  private started?: { app: BrowserApp; chromium: ChromiumSession; screenshots: Screenshots };
  private readonly contexts: BrowserContext[] = [];
  /** Pages that changed since their last screenshot. */
  private readonly unseen = new Set<Page>();
  /** Uncaught exceptions in any page since the last check: a test fails on them. */
  readonly pageErrors: string[] = [];

  constructor(private readonly name: string) {}

  async start() {
    const screenshots = createScreenshots(this.name);
    const app = await startBrowserApp();
    try {
      this.started = { app, screenshots, chromium: await launchChromium() };
    } catch (error) {
      await app.close();
      throw error;
    }
  }

  async stop() {
    if (!this.started) return;
    const { app, chromium } = this.started;
    this.started = undefined;
    await chromium.close().finally(() => app.close());
  }

  private get parts() {
    if (!this.started) throw new Error(`Browser suite "${this.name}" is not started: use it inside it()/beforeAll, after its own beforeAll ran`);
    return this.started;
  }

  get app() { return this.parts.app; }
  get base() { return this.parts.app.base; }
  get screenshots() { return this.parts.screenshots; }

  async openPage(path?: string): Promise<Page> {
    const context = await this.parts.chromium.newContext();
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    // The page's clock follows the server's test clock, so due dates and notice periods read as the server sees them.
    await context.clock.setSystemTime(this.app.services.clock.now());
    context.on('page', (page) => this.watch(page));
    this.contexts.push(context);
    const page = await context.newPage();
    if (path) await page.goto(`${this.base}${path}`);
    return page;
  }

  async signIn(username: string, password = TEST_DEMO_PASSWORD): Promise<Page> {
    const page = await this.openPage('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/inbox');
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
    return page;
  }

  async screenshot(page: Page, step: string) {
    const path = await this.screenshots.take(page, step);
    this.unseen.delete(page);
    return path;
  }

  async advanceClock(duration: string) {
    const answer = await this.app.advanceClock(duration);
    for (const context of this.contexts) await context.clock.setSystemTime(new Date(answer.now));
    return answer;
  }

  private watch(page: Page) {
    page.on('pageerror', (error) => this.pageErrors.push(`${page.url()}: ${error.message}`));
    // A page that navigated or heard from the server since its last screenshot shows something not yet saved.
    const changed = () => this.unseen.add(page);
    page.on('framenavigated', changed);
    page.on('response', changed);
  }

  /**
   * Screenshots every open page that changed since its last screenshot, as the test left it
   * (`<nn>-end-<k>.png`: what a failed test saw last), closes the test's contexts and answers the
   * page errors it caused.
   */
  async endTest(): Promise<string[]> {
    const contexts = this.contexts.splice(0);
    const pages = contexts.flatMap((context) => context.pages()).filter((page) => this.unseen.has(page));
    for (const [k, page] of pages.entries()) await this.screenshot(page, `end-${k + 1}`).catch(() => undefined);
    this.unseen.clear();
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    return this.pageErrors.splice(0);
  }
}

/**
 * A jest `describe` whose tests drive the real product in headless Chromium: before them it builds
 * the client when stale, starts the app on a fresh database and launches the browser; after each
 * test it closes that test's pages and fails the test on any uncaught page error.
 *
 * Without Chromium the suite fails under CI (`CI=true`, as .ci/run sets) and otherwise warns loudly
 * and is reported as skipped.
 *
 * @example
 * describeInBrowser('admin editor', 'admin-editor', (suite) => {
 *   it('When the admin opens a definition, then its states are listed', async () => {
 *     const page = await suite.signIn('admin');
 *     await page.goto(`${suite.base}/admin`);
 *     await suite.screenshot(page, 'definitions');
 *   });
 * });
 */
export function describeInBrowser(title: string, screenshotFolder: string, define: (suite: BrowserSuite) => void): void {
  if (!chromiumAvailable()) {
    const why = `Chromium is missing at ${CHROMIUM_PATH}; install it with \`apt-get install -y chromium fonts-wqy-zenhei\` (.ci/run does)`;
    if (process.env.CI && !['false', '0'].includes(process.env.CI)) {
      describe(title, () => {
        it('needs Chromium to run the browser tests', () => {
          throw new Error(`${why}. Under CI the browser tests may not be skipped.`);
        });
      });
      return;
    }
    console.warn(`\n${'!'.repeat(78)}\n!! BROWSER TESTS NOT RUN: "${title}". ${why}.\n${'!'.repeat(78)}\n`);
    // Reported by jest as skipped, never as passed.
    describe.skip(title, () => define(new Suite(screenshotFolder)));
    return;
  }
  const suite = new Suite(screenshotFolder);
  describe(title, () => {
    beforeAll(() => suite.start(), 180_000);
    afterEach(async () => {
      const errors = await suite.endTest();
      if (errors.length) throw new Error(`Uncaught errors in the page:\n${errors.join('\n')}`);
    });
    afterAll(() => suite.stop(), 60_000);
    define(suite);
  });
}
