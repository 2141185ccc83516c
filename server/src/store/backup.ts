import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrateDatabase } from './database';
import { pgRestore } from './postgres-tools';
import type { PgTool } from './postgres-tools';

/**
 * The app's own backup format: one consistent snapshot of every table of the app's schema, table
 * by table in PostgreSQL's COPY text format, gzipped (pg_dump's custom format is written instead
 * where a pg_dump as new as the server exists: postgres-tools.ts). It exists because the embedded server is
 * PostgreSQL 18 and pg_dump refuses a server newer than itself, while the embedded package ships
 * no pg_dump and Debian 12's is 15; COPY works with any server from 14 on and any client.
 *
 * ```
 * JZBACKUP 1
 * {"createdAt":…,"serverVersion":…,"migrations":[hash…],"tables":[…],"sequences":[…]}
 * \table {"name":"instances","columns":["id",…]}
 * <COPY text rows>
 * \.
 * …
 * \end
 * ```
 * The queue (BullMQ's tables or Redis) is not in it: a job only carries a timer id and the timer
 * rows are the truth, so a restore marks every scheduled timer as not enqueued and the first
 * sweep hands them to the queue again.
 */
export const BACKUP_MAGIC = 'JZBACKUP 1';

export interface BackupHeader {
  createdAt: string;
  serverVersion: string;
  /** Hashes of the applied migrations, oldest first (drizzle's `__drizzle_migrations`). */
  migrations: string[];
  tables: Array<{ name: string; columns: string[]; rows: number }>;
  sequences: Array<{ name: string; value: string; isCalled: boolean }>;
}

const MIGRATIONS_FOLDER = join(__dirname, 'migrations');
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Session settings that make COPY's text output read back the same on any server (as pg_dump sets them). */
async function setPortableSession(client: Client): Promise<void> {
  await client.query(`SET client_encoding = 'UTF8'; SET DateStyle = ISO, YMD; SET IntervalStyle = postgres; SET TimeZone = 'UTC'; SET extra_float_digits = 3`);
}

async function appliedMigrations(client: Client): Promise<string[]> {
  const exists = await client.query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return [];
  const { rows } = await client.query('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at, id');
  return rows.map((r) => r.hash as string);
}

/** The app's tables in the public schema with their stored (not generated) columns. */
async function appTables(client: Client): Promise<Array<{ name: string; columns: string[] }>> {
  const { rows } = await client.query(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      GROUP BY c.relname ORDER BY c.relname`);
  return rows.map((r) => ({ name: r.name as string, columns: r.columns as string[] }));
}

function writeLine(out: Writable, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(`${line}\n`, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Writes a backup of the database at `url` to `file` (atomically: a partial file never takes its
 * name). All tables are read in one REPEATABLE READ transaction, so the backup is one consistent
 * moment even while the app keeps working.
 */
export async function backupDatabase(url: string, file: string): Promise<BackupHeader> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const partial = `${file}.partial`;
  try {
    await setPortableSession(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await appliedMigrations(client);
    if (migrations.length === 0) throw new Error('This database has no Jingzhun Flow schema (no applied migrations): nothing to back up');
    const unordered = await appTables(client);
    // Parents before children, so a restore loads the sections as they come with every foreign key checked.
    const order = await loadOrder(client, unordered.map((t) => t.name));
    const tables = order.map((name) => unordered.find((t) => t.name === name)!);
    const counted: BackupHeader['tables'] = [];
    for (const table of tables) {
      const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM ${quoteIdent(table.name)}`);
      counted.push({ ...table, rows: Number(rows[0].n) });
    }
    const seqRows = await client.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1`);
    const sequences: BackupHeader['sequences'] = [];
    for (const { name } of seqRows.rows as Array<{ name: string }>) {
      const { rows } = await client.query(`SELECT last_value::text AS value, is_called FROM ${quoteIdent(name)}`);
      sequences.push({ name, value: rows[0].value as string, isCalled: rows[0].is_called as boolean });
    }
    const { rows: version } = await client.query('SHOW server_version');
    const header: BackupHeader = { createdAt: new Date().toISOString(), serverVersion: version[0].server_version as string, migrations, tables: counted, sequences };

    const gzip = createGzip();
    const done = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
    await writeLine(gzip, BACKUP_MAGIC);
    await writeLine(gzip, JSON.stringify(header));
    for (const table of counted) {
      await writeLine(gzip, `\\table ${JSON.stringify({ name: table.name, columns: table.columns })}`);
      const rows = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) TO STDOUT`));
      await pipeline(rows, gzip, { end: false });
      await writeLine(gzip, '\\.');
    }
    await writeLine(gzip, '\\end');
    gzip.end();
    await done;
    await client.query('COMMIT');
    renameSync(partial, file);
    return header;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    await client.end();
  }
}

/** Reads a backup's header without restoring it. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const seen: string[] = [];
  for await (const line of lines) {
    seen.push(line);
    if (seen.length === 2) break;
  }
  lines.close();
  if (seen[0] !== BACKUP_MAGIC) throw new Error(`${file} is not a Jingzhun Flow backup (it does not start with "${BACKUP_MAGIC}")`);
  return JSON.parse(seen[1]) as BackupHeader;
}

/** A restore was refused before anything changed (the database is not empty, the backup is of another version). */
export class RestoreRefusedError extends Error {}

/** What the target database holds of the app now: table names in its schemas. */
async function existingTables(client: Client): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'drizzle', 'bullmq') AND c.relkind IN ('r', 'p') ORDER BY 1`);
  return rows.map((r) => r.name as string);
}

/** Refuses a target that holds the app's tables, or with `force` drops the app's schemas (and everything in them). */
async function prepareTarget(client: Client, force: boolean): Promise<void> {
  const present = await existingTables(client);
  if (present.length > 0 && !force) {
    throw new RestoreRefusedError(`The target database is not empty (${present.length} tables, e.g. ${present.slice(0, 3).join(', ')}): `
      + 'restore into an empty database, or pass --force to replace everything in it');
  }
  if (present.length > 0) {
    await client.query('DROP SCHEMA IF EXISTS bullmq CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  }
}

/** The major version of the server at `url` (pg_dump must be at least as new). */
export async function serverMajorVersion(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SHOW server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

/** Rows per table of the app's schema (what a restore reports). */
async function countRows(client: Client): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of await appTables(client)) {
    rows[table.name] = Number((await client.query(`SELECT count(*)::bigint AS n FROM ${quoteIdent(table.name)}`)).rows[0].n);
  }
  return rows;
}

/**
 * Restores a pg_dump custom-format archive (`npm run backup` writes one when a pg_dump as new as
 * the server is installed) with pg_restore, in one transaction, under the same rules as the app's
 * own format: an empty target unless `force`, scheduled timers left for the sweep, newer
 * migrations applied after; an archive made by another version of the app is reported.
 */
export async function restorePgDumpArchive(tool: PgTool, url: string, file: string, options: { force?: boolean } = {}): Promise<{ rows: Record<string, number>; migratedAfter: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await prepareTarget(client, options.force === true);
  } finally {
    await client.end();
  }
  await pgRestore(tool, url, file);
  const after = new Client({ connectionString: url });
  await after.connect();
  let applied: string[];
  try {
    await after.query(`UPDATE timers SET enqueued_at = NULL WHERE status = 'scheduled'`);
    applied = await appliedMigrations(after);
  } finally {
    await after.end();
  }
  const ours = codeMigrationHashes();
  if (applied.length > ours.length || applied.some((hash, i) => ours[i] !== hash)) {
    throw new Error(`${file} was restored, but it was made by a different version of Jingzhun Flow (${applied.length} migrations, this code has ${ours.length}): run that version on it`);
  }
  await migrateDatabase(url);
  await analyzeRestored(url);
  const counting = new Client({ connectionString: url });
  await counting.connect();
  try {
    return { rows: await countRows(counting), migratedAfter: ours.length - applied.length };
  } finally {
    await counting.end();
  }
}

/**
 * Statistics for every table of a restored database. A restore brings the rows but no statistics,
 * and until autovacuum gets to each table the planner guesses its size: it has then taken a
 * county-wide index for a lookup by id and read every case on every step.
 */
async function analyzeRestored(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** A copy of the migrations folder whose journal stops after the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'jz-migrations-'));
  mkdirSync(join(folder, 'meta'));
  for (const name of readdirSync(MIGRATIONS_FOLDER)) if (name.endsWith('.sql')) copyFileSync(join(MIGRATIONS_FOLDER, name), join(folder, name));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

/** Hashes of this code's migrations in order, as drizzle records them. */
function codeMigrationHashes(): string[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  return journal.entries.map((e) => createHash('sha256').update(readFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), 'utf8')).digest('hex'));
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function loadOrder(client: Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
       JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`);
  const unquote = (name: string) => name.replace(/^"|"$/g, '').replace(/^public\./, '');
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const r of rows as Array<{ child: string; parent: string }>) {
    const child = unquote(r.child);
    const parent = unquote(r.parent);
    // A table that points to itself is loaded by one COPY: its checks run at the statement's end.
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p) || !parents.has(p)));
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among ${tables.filter((t) => !placed.has(t)).join(', ')}: restore cannot order them`);
    for (const t of ready) { ordered.push(t); placed.add(t); }
  }
  return ordered;
}

export interface RestoreResult {
  header: BackupHeader;
  /** Rows loaded per table. */
  rows: Record<string, number>;
  /** Migrations of this code applied after the backup's. */
  migratedAfter: number;
}

/**
 * Restores `file` into the database at `url`. A database that already holds tables of the app is
 * refused unless `force`, which drops the app's schemas first. The schema is built by this code's
 * migrations up to the backup's, the rows are loaded in one transaction (all or nothing), the
 * sequences set, every scheduled timer marked not enqueued (the next sweep re-enqueues it), and
 * the later migrations applied.
 */
export async function restoreDatabase(url: string, file: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const header = await readBackupHeader(file);
  const ours = codeMigrationHashes();
  const mismatch = header.migrations.findIndex((hash, i) => ours[i] !== hash);
  if (header.migrations.length > ours.length || mismatch >= 0) {
    throw new RestoreRefusedError(`${file} was made by a ${header.migrations.length > ours.length ? 'newer' : 'different'} version of Jingzhun Flow `
      + `(${header.migrations.length} migrations, this code has ${ours.length}${mismatch >= 0 ? `; migration ${mismatch} differs` : ''}): restore it with that version`);
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  let migrations: string | undefined;
  let rows: Record<string, number> | undefined;
  try {
    await prepareTarget(client, options.force === true);
    migrations = migrationsUpTo(header.migrations.length);
    await migrate(drizzle(client), { migrationsFolder: migrations });

    await setPortableSession(client);
    await client.query('BEGIN');
    rows = await loadSections(client, file, new Set(header.tables.map((t) => t.name)));
    for (const table of header.tables) {
      if ((rows[table.name] ?? 0) !== table.rows) throw new Error(`${file} is damaged: table ${table.name} has ${rows[table.name] ?? 0} rows, its header says ${table.rows}`);
    }
    for (const seq of header.sequences) await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteIdent(seq.name), seq.value, seq.isCalled]);
    await client.query(`UPDATE timers SET enqueued_at = NULL WHERE status = 'scheduled'`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
    if (migrations) rmSync(migrations, { recursive: true, force: true });
  }
  await migrateDatabase(url);
  await analyzeRestored(url);
  return { header, rows: rows ?? {}, migratedAfter: ours.length - header.migrations.length };
}

/** Streams the table sections of `file` into COPY FROM, in the file's order (parents before children). */
async function loadSections(client: Client, file: string, known: Set<string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let copy: { table: string; stream: Writable; finished: Promise<void>; rows: number } | undefined;
  let line = 0;
  let ended = false;
  try {
    for await (const text of lines) {
      line++;
      if (line <= 2) continue;
      if (copy) {
        if (text === '\\.') {
          copy.stream.end();
          await copy.finished;
          counts[copy.table] = copy.rows;
          copy = undefined;
        } else {
          copy.rows++;
          if (!copy.stream.write(`${text}\n`)) await Promise.race([new Promise((resolve) => copy!.stream.once('drain', resolve)), copy.finished]);
        }
        continue;
      }
      if (text === '\\end') { ended = true; break; }
      if (!text.startsWith('\\table ')) throw new Error(`${file} is damaged at line ${line}: expected a table section`);
      const { name, columns } = JSON.parse(text.slice('\\table '.length)) as { name: string; columns: string[] };
      if (!known.has(name)) throw new Error(`${file} holds a table "${name}" that the backup's schema does not have`);
      const stream = client.query(copyFrom(`COPY ${quoteIdent(name)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`));
      const finished = new Promise<void>((resolve, reject) => { stream.on('finish', () => resolve()); stream.on('error', reject); });
      // A COPY that fails midway must not leave an unhandled rejection behind the loop's own error.
      finished.catch(() => undefined);
      copy = { table: name, stream, finished, rows: 0 };
    }
  } finally {
    lines.close();
  }
  if (!ended) throw new Error(`${file} is damaged: it ends before its \\end line`);
  return counts;
}

/** The folder a backup file goes to must exist; the CLI makes it. */
export function ensureParentFolder(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}
