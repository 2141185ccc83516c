import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/test-services';

/** Where every browser suite saves its screenshots (gitignored; CI keeps them as artifacts). */
export const SCREENSHOT_ROOT = join(REPO_ROOT, 'test-artifacts', 'screenshots');

export interface Screenshots {
  /** The suite's folder: `test-artifacts/screenshots/<suite>/`. */
  dir: string;
  /** Saves the full page as `<nn>-<step>.png` (numbered in the order taken) and answers the file's path. */
  take(page: Page, step: string): Promise<string>;
}

/** A suite's screenshot folder, emptied first so it shows only this run. */
export function createScreenshots(suite: string): Screenshots {
  const dir = join(SCREENSHOT_ROOT, suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let count = 0;
  return {
    dir,
    async take(page, step) {
      count += 1;
      const slug = step.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'page';
      const path = join(dir, `${String(count).padStart(2, '0')}-${slug}.png`);
      await page.screenshot({ path, fullPage: true, animations: 'disabled' });
      return path;
    },
  };
}
