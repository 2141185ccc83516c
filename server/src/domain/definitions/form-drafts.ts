import type { SqlClient } from '../../store/sql-client';

/** A stored form version as `GET /api/forms/:key` answers it. */
export interface FormVersionView {
  key: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  title: { zh: string; en?: string };
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/**
 * The form version a reader asks for: the form's draft (`draft`), else version `version` (a
 * draft one only for `mayReadDrafts`), else the newest published version; null when none.
 */
export async function findFormVersionFor(db: SqlClient, tenantId: string, key: string, ask: { draft: boolean; version?: number; mayReadDrafts: boolean }): Promise<FormVersionView | null> {
  if (ask.draft && !ask.mayReadDrafts) return null;
  const values: unknown[] = [tenantId, key];
  let filter = '';
  if (ask.draft) filter = ` AND status = 'draft'`;
  else {
    if (ask.version) filter += ` AND version = $${values.push(ask.version)}`;
    if (!ask.mayReadDrafts || !ask.version) filter += ` AND status = 'published'`;
  }
  const { rows } = await db.query<FormVersionView>(
    `SELECT key, version, status, title, schema, ui_schema AS "uiSchema" FROM forms WHERE tenant_id = $1 AND key = $2${filter} ORDER BY version DESC LIMIT 1`, values);
  return rows[0] ?? null;
}

/**
 * Writes a form's one draft inside the caller's transaction, which holds the form key's lock:
 * overwrites the draft when there is one, else inserts version max+1.
 * @returns the draft's version and whether it was created
 */
export async function storeFormDraft(client: SqlClient, tenantId: string, key: string, now: Date,
  form: { title: unknown; schema: Record<string, unknown>; uiSchema: Record<string, unknown> }): Promise<{ version: number; created: boolean }> {
  const { rows } = await client.query<{ max: number | null; draft: number | null }>(
    `SELECT max(version)::int AS max, max(version) FILTER (WHERE status = 'draft')::int AS draft FROM forms WHERE tenant_id = $1 AND key = $2`, [tenantId, key]);
  const draft = rows[0].draft;
  const version = draft ?? (rows[0].max ?? 0) + 1;
  const values = [tenantId, key, version, JSON.stringify(form.title), JSON.stringify(form.schema), JSON.stringify(form.uiSchema)];
  if (draft !== null) {
    const { rowCount } = await client.query(`UPDATE forms SET title = $4, schema = $5, ui_schema = $6 WHERE tenant_id = $1 AND key = $2 AND version = $3 AND status = 'draft'`, values);
    if (rowCount !== 1) throw new Error(`Form ${key} v${version} stopped being a draft while it was saved`);
  } else {
    await client.query(`INSERT INTO forms (tenant_id, key, version, status, title, schema, ui_schema, created_at) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7)`, [...values, now]);
  }
  return { version, created: draft === null };
}
