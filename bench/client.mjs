// Gzip size of the JavaScript and CSS each kind of user downloads before a page shows: the entry
// chunk, its static imports, and the lazy chunks of the routes on their way with theirs.
// Always builds the client for production first (as `npm start` serves it) unless client/dist is
// newer than every source file and was built for production.
// Prints the chunks of each path and its budget, then
// `client: login <kb> KB, inbox <kb> KB, clerk <kb> KB, public <kb> KB, admin <kb> KB gzip`.
// Exits non-zero when a path is over its budget.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'client', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

/** Each path a user walks, the route modules on it, and its budget in KB of gzip. */
const LOGIN = 'src/session/LoginPage.tsx';
const APP = 'src/layout/AppLayout.tsx';
const PATHS = [
  { name: 'login', routes: [LOGIN], budget: 150 },
  { name: 'inbox', routes: [LOGIN, APP, 'src/inbox/InboxPage.tsx'], budget: 300 },
  { name: 'clerk', routes: [LOGIN, APP, 'src/inbox/InboxPage.tsx', 'src/applications/NewApplicationPage.tsx'], budget: 350 },
  { name: 'public', routes: ['src/layout/PublicLayout.tsx', 'src/notices/NoticeBoardPage.tsx'], budget: 200 },
  { name: 'admin', routes: [LOGIN, APP, 'src/admin/AdminPage.tsx', 'src/admin/definitions/DefinitionsPage.tsx'], budget: 400 },
];

function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of ['client/src', 'client/index.html', 'client/vite.config.ts', 'client/build', 'client/public', 'server/src/forms', 'schemas/_defs.json']) {
    if (existsSync(join(root, path))) visit(join(root, path));
  }
  return newest;
}

/** A development build (NODE_ENV=test or development at build time) carries React's development bundle. */
function builtForDevelopment() {
  const assets = join(dist, 'assets');
  return readdirSync(assets).some((name) => name.endsWith('.js') && readFileSync(join(assets, name), 'utf8').includes('react-dom.development'));
}

if (!existsSync(manifestPath) || statSync(manifestPath).mtimeMs < newestSource() || builtForDevelopment()) {
  console.log('building client/dist …');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'error'], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } catch (error) {
    // Only a failed build is worth showing; its warnings would interleave with the figures.
    console.error(String(error.stderr || error.stdout || error.message));
    process.exit(1);
  }
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const missing = [...new Set(PATHS.flatMap((path) => path.routes))].filter((key) => !manifest[key]);
if (!entryKey || missing.length) {
  console.error(`bench/client: the manifest has no ${entryKey ? missing.join(', ') : 'entry'}; did a route move?`);
  process.exit(1);
}

const gzipOf = new Map();
const sizeOf = (file) => {
  if (!gzipOf.has(file)) {
    const bytes = readFileSync(join(dist, file));
    gzipOf.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return gzipOf.get(file);
};

/** A route's chunk, its CSS and everything it imports statically: what the browser fetches before it renders. */
function filesFor(keys) {
  const files = new Set();
  const seen = new Set();
  const collect = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    files.add(manifest[key].file);
    for (const css of manifest[key].css ?? []) files.add(css);
    for (const imported of manifest[key].imports ?? []) collect(imported);
  };
  for (const key of [entryKey, ...keys]) collect(key);
  return [...files];
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const totals = {};
let over = false;
for (const path of PATHS) {
  const rows = filesFor(path.routes).map((file) => ({ file, ...sizeOf(file) })).sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((sum, row) => sum + row.gzip, 0);
  totals[path.name] = kb(total);
  console.log(`${path.name}: ${path.routes.map((route) => route.replace(/^src\/|\.tsx$/g, '')).join(' + ')}`);
  for (const row of rows.slice(0, process.env.BENCH_ALL ? 999 : 8)) console.log(`  ${row.file.padEnd(48)} ${kb(row.raw).padStart(8)} KB raw ${kb(row.gzip).padStart(8)} KB gzip`);
  if (rows.length > 8) console.log(`  … and ${rows.length - 8} smaller files`);
  const ok = total / 1024 <= path.budget;
  over ||= !ok;
  console.log(`  ${rows.length} files, ${kb(total)} KB gzip; budget ≤ ${path.budget} KB (ratio ${(total / 1024 / path.budget).toFixed(2)})${ok ? '' : ' OVER BUDGET'}`);
}
console.log(`client: login ${totals.login} KB, inbox ${totals.inbox} KB, clerk ${totals.clerk} KB, public ${totals.public} KB, admin ${totals.admin} KB gzip`);
if (over) process.exit(1);
