/**
 * Browser tests' support: the product in-process with the built client and a test clock, Debian's
 * headless Chromium, demo-user sign-in and numbered screenshots. Most suites need only `describeInBrowser`.
 */
export { startBrowserApp } from './browser-app';
export type { BrowserApp } from './browser-app';
export { describeInBrowser } from './browser-suite';
export type { BrowserSuite } from './browser-suite';
export { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './chromium';
export type { ChromiumSession } from './chromium';
export { CLIENT_DIST, clientBuildIsStale, ensureClientBuilt, snapshotClientBuild } from './client-build';
export { SCREENSHOT_ROOT, createScreenshots } from './screenshots';
export type { Screenshots } from './screenshots';
export { fillSchemaForm } from './fill-schema-form';
export { buttonName, completeTaskFromInbox } from './task-pages';
export type { TaskStep } from './task-pages';
