import type { Pool } from 'pg';

/**
 * Tables and indexes the API needs that the store's migrations do not have yet. Every statement is
 * idempotent, so once the same DDL is in a migration this becomes a no-op; until then the API
 * creates them at start under an advisory lock (several processes may start together).
 */
export const API_TABLES_SQL = [
  `CREATE TABLE IF NOT EXISTS task_comments (
     id uuid PRIMARY KEY,
     tenant_id text NOT NULL,
     task_id uuid NOT NULL REFERENCES tasks(id),
     instance_id uuid NOT NULL REFERENCES instances(id),
     author_id uuid NOT NULL REFERENCES users(id),
     text text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  'CREATE INDEX IF NOT EXISTS task_comments_task_idx ON task_comments (task_id, created_at)',
  `CREATE TABLE IF NOT EXISTS audit_events (
     id uuid PRIMARY KEY,
     tenant_id text NOT NULL,
     at timestamptz NOT NULL,
     actor jsonb NOT NULL,
     action text NOT NULL,
     target text,
     reason text,
     details jsonb NOT NULL DEFAULT '{}'::jsonb
   )`,
  'CREATE INDEX IF NOT EXISTS audit_events_tenant_at_idx ON audit_events (tenant_id, at)',
  `CREATE TABLE IF NOT EXISTS rate_limits (
     key text PRIMARY KEY,
     window_start timestamptz NOT NULL,
     hits integer NOT NULL
   )`,
  'CREATE INDEX IF NOT EXISTS sessions_user_idx ON sessions (user_id)',
  'CREATE INDEX IF NOT EXISTS sessions_expires_idx ON sessions (expires_at)',
];

/**
 * The inbox's index (see inbox.query.ts): partial on open tasks, so completed ones never weigh
 * on it; it covers the inbox's filters, so counting needs no table access; `org_path` in the C
 * collation makes "everything below a unit" one range whatever the database's collation.
 */
export const INBOX_INDEXES_SQL = [
  `CREATE INDEX IF NOT EXISTS tasks_inbox_state_idx ON tasks (tenant_id, definition_key, state, org_path COLLATE "C", due_at)
     INCLUDE (candidate_roles, assignee, status) WHERE status IN ('open', 'claimed')`,
];

const LOCK = 441424_0003;

/** Creates the API's tables and indexes when missing. */
export async function ensureApiTables(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await client.query('SET client_min_messages = warning');
    for (const statement of [...API_TABLES_SQL, ...INBOX_INDEXES_SQL]) await client.query(statement);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    await client.query('RESET client_min_messages').catch(() => undefined);
    client.release();
  }
}
