import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The pages that must open without a network: the clerk's and the reviewer's path and the public board. */
export const SHELL_ROUTES = [
  'src/session/LoginPage.tsx',
  'src/layout/AppLayout.tsx',
  'src/layout/PublicLayout.tsx',
  'src/layout/NotFoundPage.tsx',
  'src/inbox/InboxPage.tsx',
  'src/tasks/TaskPage.tsx',
  'src/applications/NewApplicationPage.tsx',
  'src/notices/NoticeBoardPage.tsx',
  'src/notices/NoticePage.tsx',
];

/** Lazy chunks a weak link should not fetch in the background: the diagram, the charts and other users' pages load when shown (and are then cached). */
const NOT_IN_SHELL = /(^|\/)(diagram|echarts)-|ProcessDiagram|StatechartGraph|^src\/(admin|households|dashboard)\//;

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

/**
 * The files the service worker installs ahead (Workbox's precache), read from Vite's manifest: the
 * entry and, for each shell route, its chunk, CSS, static imports and the lazy parts it may load
 * (date pickers, the validator, the batch dialog). Everything else is cached the first time it is
 * used (runtime CacheFirst on /assets/), so the admin pages never travel to a clerk's phone unasked.
 */
export function shellFiles(distDir: string): Set<string> {
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`precacheShell: ${manifestPath} is missing; build.manifest must stay on (client/vite.config.ts)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    // What a chunk imports statically it cannot run without; what it may load later is left out when it is not the shell's.
    for (const next of chunk.imports ?? []) visit(next);
    for (const next of chunk.dynamicImports ?? []) if (!NOT_IN_SHELL.test(next) && !NOT_IN_SHELL.test(manifest[next]?.file ?? '')) visit(next);
  };
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (entry) {
    // The entry's own lazy imports are every page; only its static ones belong to the shell.
    files.add(manifest[entry].file);
    for (const css of manifest[entry].css ?? []) files.add(css);
    for (const next of manifest[entry].imports ?? []) visit(next);
  }
  for (const route of SHELL_ROUTES) {
    if (!manifest[route]) throw new Error(`precacheShell: the manifest has no ${route}; did the route move? (client/build/precacheShell.ts)`);
    visit(route);
  }
  return files;
}
