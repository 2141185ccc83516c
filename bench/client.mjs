// Gzip size of the JavaScript a village clerk downloads on the way login → inbox → application:
// the entry chunk, its static imports, and the lazy chunks of those three routes with theirs.
// Builds the client first unless client/dist is newer than every source file.
// Prints one line per chunk, then `client: <kb> KB gzip initial` (target ≤ 400 KB).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'client', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
const CLERK_ROUTES = ['src/session/LoginPage.tsx', 'src/inbox/InboxPage.tsx', 'src/applications/NewApplicationPage.tsx'];
const TARGET_KB = 400;

function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of ['client/src', 'client/index.html', 'client/vite.config.ts', 'server/src/forms', 'schemas/_defs.json']) {
    if (existsSync(join(root, path))) visit(join(root, path));
  }
  return newest;
}

if (!existsSync(manifestPath) || statSync(manifestPath).mtimeMs < newestSource()) {
  console.log('building client/dist …');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'error'], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    // Only a failed build is worth showing; its warnings would interleave with the figures.
    console.error(String(error.stderr || error.stdout || error.message));
    process.exit(1);
  }
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const missing = CLERK_ROUTES.filter((key) => !manifest[key]);
if (!entryKey || missing.length) {
  console.error(`bench/client: the manifest has no ${entryKey ? missing.join(', ') : 'entry'}; did a route move?`);
  process.exit(1);
}

// A route's chunk and everything it imports statically: what the browser fetches before it renders.
const chunks = new Set();
const collect = (key) => {
  const file = manifest[key].file;
  if (chunks.has(file)) return;
  chunks.add(file);
  for (const imported of manifest[key].imports ?? []) collect(imported);
};
for (const key of [entryKey, ...CLERK_ROUTES]) collect(key);

let totalGzip = 0;
const rows = [...chunks].map((file) => {
  const bytes = readFileSync(join(dist, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  totalGzip += gzip;
  return { file, raw: bytes.length, gzip };
});
const kb = (bytes) => (bytes / 1024).toFixed(1);
for (const row of rows.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`  ${row.file.padEnd(48)} ${kb(row.raw).padStart(8)} KB raw ${kb(row.gzip).padStart(8)} KB gzip`);
}
console.log(`  ${rows.length} chunks; target ≤ ${TARGET_KB} KB gzip (ratio ${(totalGzip / 1024 / TARGET_KB).toFixed(2)})`);
console.log(`client: ${kb(totalGzip)} KB gzip initial`);
