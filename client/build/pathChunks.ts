import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/** Loaded before anyone logs in: the entry, the login page and the public notice board. */
const BEFORE_LOGIN = ['main.tsx', 'session/LoginPage.tsx', 'layout/PublicLayout.tsx', 'notices/NoticeBoardPage.tsx'].map(source);
/** Where every logged-in user lands: the layout and the inbox (the start page, `start_url` of the manifest). */
const LOGGED_IN = ['layout/AppLayout.tsx', 'inbox/InboxPage.tsx'].map(source);
/** The village clerk's application form. */
const APPLICATION = [source('applications/NewApplicationPage.tsx')];
/** The admin's definitions list, which must not download the form kit. */
const ADMIN_LIST = ['admin/AdminPage.tsx', 'admin/definitions/DefinitionsPage.tsx'].map(source);
/** A page's own code stays in its page's chunk (other pages do not load it). */
const PAGE_CODE = new RegExp(`^${fileURLToPath(new URL('../src/', import.meta.url)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(inbox|applications)[\\\\/]`);

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
  getModuleIds(): IterableIterator<string>;
}

const bare = (id: string) => id.split('?')[0];

/** Every module the given ones import statically, directly or not: what loads with them before they render. */
function staticClosure(graph: ModuleGraph, roots: string[]): Set<string> {
  const byPath = new Map<string, string>();
  for (const id of graph.getModuleIds()) if (!byPath.has(bare(id))) byPath.set(bare(id), id);
  const seen = new Set<string>();
  const stack = roots.map((root) => byPath.get(root)).filter((id): id is string => id !== undefined);
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.getModuleInfo(id)?.importedIds ?? []) stack.push(next);
  }
  return seen;
}

/**
 * A few chunks instead of some forty on the logged-in paths: everything a logged-in page loads
 * before it renders (`shell`: antd's core and the components of the layout and the inbox, the app's
 * API, i18n and offline modules), what the application form adds to it (`form-kit`: rjsf, AJV, the
 * shared validator, the form widgets) and what the form shares with the admin's definitions list
 * (`common`). Each file is compressed alone, so forty small ones cost more on the wire than a few
 * large ones holding the same code (and forty requests on a weak link). What the entry, the login
 * page or the public board load stays where it is, a page's own code stays in its page's chunk, and
 * nothing only the application form needs goes where the admin list would load it. Membership is
 * read from the module graph at build time (the static imports of those route modules), so a new
 * component on the inbox joins the shell without a change here. Static imports over-approximate a
 * little: a module antd imports but never uses on these pages (Collapse, via the colour presets)
 * still lands in the shell.
 */
export function pathChunks() {
  let shell = new Set<string>();
  let formKit = new Set<string>();
  let common = new Set<string>();
  const routes = new Set([...BEFORE_LOGIN, ...LOGGED_IN, ...APPLICATION, ...ADMIN_LIST]);
  const movable = (id: string) => !routes.has(bare(id)) && !PAGE_CODE.test(bare(id));

  const plugin: Plugin = {
    name: 'jz-path-chunks',
    apply: 'build',
    buildEnd() {
      const graph = this as unknown as ModuleGraph;
      const beforeLogin = staticClosure(graph, BEFORE_LOGIN);
      shell = new Set([...staticClosure(graph, LOGGED_IN)].filter((id) => !beforeLogin.has(id) && movable(id)));
      const adminList = staticClosure(graph, ADMIN_LIST);
      const application = [...staticClosure(graph, APPLICATION)].filter((id) => !beforeLogin.has(id) && !shell.has(id) && movable(id));
      formKit = new Set(application.filter((id) => !adminList.has(id)));
      common = new Set(application.filter((id) => adminList.has(id)));
    },
  };
  const groups = [
    { name: 'shell', test: (id: string) => shell.has(id) },
    { name: 'form-kit', test: (id: string) => formKit.has(id) },
    { name: 'common', test: (id: string) => common.has(id) },
  ];
  return { plugin, groups };
}
