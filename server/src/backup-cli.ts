/**
 * `npm run backup -- <file>` and `npm run restore -- <file> [--force]`: the database of this
 * configuration (DATABASE_URL, or the embedded cluster under JZ_DATA_DIR) to and from a backup
 * file (store/backup.ts). A backup reads a running app's embedded server where it finds one, or
 * starts the cluster for the time it takes; a restore needs the app stopped.
 */
import { resolve } from 'node:path';
import { parseConfig } from './config';
import { createJsonLogger } from './kernel';
import { embeddedDataDir } from './services';
import { backupDatabase, ensureParentFolder, restoreDatabase, restorePgDumpArchive, RestoreRefusedError, serverMajorVersion } from './store/backup';
import { runningEmbeddedUrl } from './store/embedded-connection';
import { startEmbeddedPostgres } from './store/embedded-postgres';
import { findPgTool, isPgDumpArchive, pgDumpBackup } from './store/postgres-tools';

const USAGE = 'usage: npm run backup -- <file> [--format=auto|pg_dump|jz]  |  npm run restore -- <file> [--force]';

/** Runs `work` on this configuration's database, starting the embedded cluster when nothing serves it. */
async function withDatabase<T>(purpose: 'backup' | 'restore', work: (url: string) => Promise<T>): Promise<T> {
  const config = parseConfig(process.env, resolve(__dirname, '..', '..'));
  if (config.databaseUrl) return work(config.databaseUrl);
  const dataDir = embeddedDataDir(config, createJsonLogger(true));
  const running = runningEmbeddedUrl(dataDir);
  if (running) {
    if (purpose === 'restore' && running.ownedByApp) {
      throw new RestoreRefusedError(`Jingzhun Flow is running on ${dataDir}: stop it first (a restore replaces the database under it)`);
    }
    return work(running.url);
  }
  const server = await startEmbeddedPostgres({ dataDir });
  try {
    return await work(server.url);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const force = args.includes('--force');
  const format = (args.find((a) => a.startsWith('--format='))?.slice('--format='.length) ?? 'auto');
  const known = command === 'backup' ? /^--format=(auto|pg_dump|jz)$/ : /^--force$/;
  if (!file || (command !== 'backup' && command !== 'restore') || args.some((a) => a.startsWith('--') && !known.test(a))) throw new Error(USAGE);
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (command === 'backup') {
    ensureParentFolder(path);
    await withDatabase('backup', async (url) => {
      // pg_dump's custom format where a pg_dump as new as the server is installed; the app's own format otherwise.
      const major = await serverMajorVersion(url);
      const pgDump = findPgTool('pg_dump');
      const usable = pgDump && pgDump.major >= major ? pgDump : undefined;
      if (format === 'pg_dump' && !usable) {
        throw new Error(`--format=pg_dump needs pg_dump ${major} or newer (the server is PostgreSQL ${major}; found ${pgDump ? `pg_dump ${pgDump.major}` : 'none'}; set PG_BIN_DIR)`);
      }
      if (usable && format !== 'jz') {
        await pgDumpBackup(usable, url, path);
        console.log(`备份完成 Backup written: ${path} (pg_dump ${usable.major} custom format, PostgreSQL ${major})`);
        return;
      }
      const header = await backupDatabase(url, path);
      const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
      console.log(`备份完成 Backup written: ${path} (${header.tables.length} tables, ${rows} rows, ${header.migrations.length} migrations, PostgreSQL ${header.serverVersion})`);
    });
  } else {
    const archive = isPgDumpArchive(path);
    const pgRestoreTool = archive ? findPgTool('pg_restore') : undefined;
    if (archive && !pgRestoreTool) throw new Error(`${path} is a pg_dump archive: install pg_restore (Debian: postgresql-client) or set PG_BIN_DIR`);
    const result = await withDatabase('restore', (url) => (pgRestoreTool ? restorePgDumpArchive(pgRestoreTool, url, path, { force }) : restoreDatabase(url, path, { force })));
    const rows = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
    console.log(`恢复完成 Restored ${path}${archive ? ' with pg_restore' : ''}: ${Object.keys(result.rows).length} tables, ${rows} rows`
      + `${result.migratedAfter ? `, then ${result.migratedAfter} newer migrations` : ''}; scheduled timers are re-enqueued by the sweep after start`);
  }
}

main().catch((err: unknown) => {
  const refused = err instanceof RestoreRefusedError;
  console.error(`${refused ? '拒绝恢复 Restore refused' : '失败 Failed'}: ${(err as Error).message}`);
  process.exit(refused ? 3 : 1);
});
