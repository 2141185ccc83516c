import type { SqlClient } from './sql-client';

/** A form version's schema with its key, version and status. */
export interface FormSchemaRow {
  key: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  title: unknown;
  schema: Record<string, unknown>;
}

/** The newest published version of a form, or null. */
export async function findLatestPublishedForm(db: SqlClient, tenantId: string, key: string): Promise<FormSchemaRow | null> {
  const { rows } = await db.query<FormSchemaRow>(
    `SELECT key, version, status, title, schema FROM forms WHERE tenant_id = $1 AND key = $2 AND status = 'published' ORDER BY version DESC LIMIT 1`, [tenantId, key]);
  return rows[0] ?? null;
}

/** The newest published version number of a form, or null when none is published. */
export async function findLatestPublishedFormVersion(db: SqlClient, tenantId: string, key: string): Promise<number | null> {
  const { rows } = await db.query<{ version: number }>(
    `SELECT max(version) AS version FROM forms WHERE tenant_id = $1 AND key = $2 AND status = 'published'`, [tenantId, key]);
  return rows[0]?.version ?? null;
}

/** The schema of every stored form version of a tenant. */
export async function listFormSchemas(db: SqlClient, tenantId: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await db.query<{ schema: Record<string, unknown> }>('SELECT schema FROM forms WHERE tenant_id = $1', [tenantId]);
  return rows.map((r) => r.schema);
}

/** Per form key the newest version of each status (the newest draft, the newest published one…). */
export async function listNewestFormsByStatus(db: SqlClient, tenantId: string): Promise<FormSchemaRow[]> {
  const { rows } = await db.query<FormSchemaRow>(
    `SELECT DISTINCT ON (key, status) key, version, status, title, schema FROM forms WHERE tenant_id = $1 ORDER BY key, status, version DESC`, [tenantId]);
  return rows;
}
