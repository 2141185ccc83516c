import { execFile, execFileSync } from 'node:child_process';
import { existsSync, openSync, readdirSync, readSync, closeSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL client tool found on this machine, with its major version. */
export interface PgTool {
  path: string;
  major: number;
}

function majorOf(path: string): number | undefined {
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const match = /\(PostgreSQL\) (\d+)/.exec(out);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The newest `pg_dump` or `pg_restore` available: in PG_BIN_DIR when set, in Debian's
 * /usr/lib/postgresql/<major>/bin folders, or on the PATH.
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore', env: Record<string, string | undefined> = process.env): PgTool | undefined {
  const candidates: string[] = [];
  if (env.PG_BIN_DIR) candidates.push(join(env.PG_BIN_DIR, name));
  if (existsSync('/usr/lib/postgresql')) {
    for (const major of readdirSync('/usr/lib/postgresql').filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(join('/usr/lib/postgresql', major, 'bin', name));
    }
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) candidates.push(join(dir, name));
  const found = candidates.filter((p) => existsSync(p)).map((path) => ({ path, major: majorOf(path) })).filter((t): t is PgTool => t.major !== undefined);
  return found.sort((a, b) => b.major - a.major)[0];
}

/** The URL without its password, and the password for PGPASSWORD (kept off the command line, where `ps` shows it). */
function splitPassword(url: string): { url: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** True when `file` is a pg_dump archive in custom format (it starts with "PGDMP"). */
export function isPgDumpArchive(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    return head.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

/** `pg_dump --format=custom` of the app's schemas (the queue's `bullmq` schema left out: the timer rows are the truth). */
export async function pgDumpBackup(tool: PgTool, url: string, file: string): Promise<void> {
  const target = splitPassword(url);
  const partial = `${file}.partial`;
  try {
    await run(tool.path, ['--format=custom', '--no-owner', '--no-privileges', '--exclude-schema=bullmq', `--file=${partial}`, `--dbname=${target.url}`],
      { env: { ...process.env, ...target.env }, maxBuffer: 16 * 1024 * 1024 });
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new Error(`pg_dump failed: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`, { cause: err });
  }
}

/** `pg_restore` of a custom-format archive into the (empty) database at `url`, in one transaction. */
export async function pgRestore(tool: PgTool, url: string, file: string): Promise<void> {
  const target = splitPassword(url);
  try {
    await run(tool.path, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`, file],
      { env: { ...process.env, ...target.env }, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    throw new Error(`pg_restore failed: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`, { cause: err });
  }
}
