import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs (`apt-get install chromium`); Playwright's own download is not used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags a container needs: no sandbox (root), no GPU, no /dev/shm, no background traffic. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--no-first-run',
];

/** Whether the browser tests can run here. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface ChromiumSession {
  browser: Browser;
  /** A fresh, isolated context (own cookies and storage): one per user, or for the public. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium on a fresh profile directory (removed on close). Playwright takes the
 * profile as `launchPersistentContext`'s argument (it refuses `--user-data-dir` in `launch()`);
 * each caller then works in its own context of that browser.
 */
export async function launchChromium(): Promise<ChromiumSession> {
  if (!chromiumAvailable()) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: run \`apt-get install -y chromium fonts-wqy-zenhei\` (.ci/run does).`);
  const profile = mkdtempSync(join(tmpdir(), 'jz-chromium-'));
  const persistent = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  const browser = persistent.browser();
  if (!browser) {
    await persistent.close();
    throw new Error('playwright-core gave no Browser for the persistent context; cannot open isolated contexts');
  }
  return {
    browser,
    // As a device set to reduce motion: dialogs and buttons appear in their final state, so no click or
    // contrast check races an animation.
    newContext: () => browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }),
    async close() {
      await persistent.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
