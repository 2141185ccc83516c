import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Client, Pool } from 'pg';
import type { PoolClient } from 'pg';
import * as schema from './schema';

/** The application's handle on PostgreSQL: a pool for raw hot-path SQL and Drizzle over it. */
export interface Database {
  url: string;
  pool: Pool;
  orm: NodePgDatabase<typeof schema>;
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where a read runs: the pool, or the connection of a transaction the read belongs to. */
export type Queryable = Pool | PoolClient;

const MIGRATION_LOCK = 441424_0001;

/** Pool limits: a saturated pool fails fast (503) instead of queueing requests forever. */
export interface PoolOptions {
  max?: number;
  /** How long a request waits for a free connection before it fails (default 5 s). */
  acquireTimeoutMs?: number;
  /** Longest a single statement may run (default 30 s). */
  statementTimeoutMs?: number;
  /** A connection left idle inside a transaction is closed by the server after this (default 60 s). */
  idleInTransactionTimeoutMs?: number;
  /**
   * An idle connection is closed after this (default 5 min). A connection keeps the statements it
   * prepared and, after their first five runs, their generic plans: a step's statement costs
   * PostgreSQL milliseconds to plan, so a pool that dropped its connections after pg's 10 s
   * default would plan the steps of a slow day's every request again.
   */
  idleTimeoutMs?: number;
}

/** Opens a pool on `url` with acquire, statement and idle-in-transaction timeouts. */
export function openDatabase(url: string, options: PoolOptions = {}): Database {
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 20,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 300_000,
    // Idle connections do not keep a finished process (a CLI, a test) alive for those minutes.
    allowExitOnIdle: true,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const orm = drizzle(pool, { schema });
  return {
    url,
    pool,
    orm,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await work(client);
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Applies the SQL migrations in `server/src/store/migrations`. An advisory lock makes
 * concurrent starts of several processes on one database safe.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder: join(__dirname, 'migrations') });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** The `when` of the newest migration this code ships (from the drizzle journal), read once. */
let shippedMigration: number | undefined;
function newestShippedMigration(): number {
  if (shippedMigration === undefined) {
    const journal = JSON.parse(readFileSync(join(__dirname, 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number }> };
    shippedMigration = Math.max(...journal.entries.map((e) => e.when));
  }
  return shippedMigration;
}

/**
 * Whether the database has every migration this code ships (one read of drizzle's ledger; it also
 * proves the database answers). A database migrated by a newer release counts as migrated.
 */
export async function checkMigrations(db: Pool): Promise<{ applied: boolean; newestApplied?: number; newestShipped: number }> {
  const { rows } = await db.query({ name: 'jz_migrations_applied', text: 'SELECT max(created_at)::bigint AS newest FROM drizzle.__drizzle_migrations' });
  const newestApplied = rows[0]?.newest == null ? undefined : Number(rows[0].newest);
  const newestShipped = newestShippedMigration();
  return { applied: newestApplied !== undefined && newestApplied >= newestShipped, newestApplied, newestShipped };
}
