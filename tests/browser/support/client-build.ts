import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/test-services';

/** Where the built client lands (client/vite.config.ts `outDir`). */
export const CLIENT_DIST = join(REPO_ROOT, 'client', 'dist');

/** What the bundle is made of (as bench/client.mjs counts it): newer than the build means stale. */
const SOURCES = ['client/src', 'client/index.html', 'client/vite.config.ts', 'client/build', 'server/src/forms', 'schemas/_defs.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Whether `client/dist` is missing or older than any of its sources. */
export function clientBuildIsStale(): boolean {
  const manifest = join(CLIENT_DIST, '.vite', 'manifest.json');
  if (!existsSync(manifest) || !existsSync(join(CLIENT_DIST, 'index.html'))) return true;
  const built = statSync(manifest).mtimeMs;
  return SOURCES.map((p) => join(REPO_ROOT, p)).filter(existsSync).some((p) => newestMtime(p) > built);
}

/** Runs `work` holding a lock directory shared by every jest process of this checkout. */
function withBuildLock<T>(work: () => T): T {
  const lock = join(tmpdir(), `jz-client-build-${createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() > deadline) throw new Error(`${lock} has been held for 2 minutes: remove it if no build is running`, { cause: error });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return work();
  } finally {
    rmdirSync(lock);
  }
}

function build(): void {
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'error'], {
      // jest sets NODE_ENV=test, and Vite would then bundle React's development build (several times
      // slower): test what `npm start` serves.
      cwd: REPO_ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    });
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(`Building the web client failed (node node_modules/vite/bin/vite.js build --config client/vite.config.ts):\n${String(e.stderr || e.stdout || e.message)}`, { cause: error });
  }
}

/**
 * Builds `client/dist` with the pinned Vite when it is stale, and answers its path. A lock keeps
 * two jest processes from building (and emptying `dist`) at the same time.
 */
export function ensureClientBuilt(): string {
  if (!clientBuildIsStale()) return CLIENT_DIST;
  withBuildLock(() => {
    if (clientBuildIsStale()) build();
  });
  return CLIENT_DIST;
}

/**
 * A private copy of the up-to-date build, for one suite's server: another jest process that
 * rebuilds `client/dist` meanwhile (new asset names) cannot pull the files from under its pages.
 * The caller removes the folder when done.
 */
export function snapshotClientBuild(): string {
  return withBuildLock(() => {
    if (clientBuildIsStale()) build();
    const copy = mkdtempSync(join(tmpdir(), 'jz-client-'));
    cpSync(CLIENT_DIST, copy, { recursive: true });
    return copy;
  });
}
