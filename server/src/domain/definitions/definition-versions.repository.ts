import type { SqlClient } from '../../store/sql-client';
import type { FormIndex } from './form-pins';

/** One stored version of a definition. */
export interface VersionRow {
  id: string;
  key: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  title: unknown;
  document: Record<string, unknown>;
  formVersions: Record<string, number>;
  publishedAt: Date | null;
  createdAt: Date;
}

const VERSION_COLUMNS = `id, key, version, status, title, document, coalesce(form_versions, '{}'::jsonb) AS "formVersions",
  published_at AS "publishedAt", created_at AS "createdAt"`;

/** Every version of a definition, oldest first; `lock` takes the rows for the transaction (publish, new draft). */
export async function findVersions(db: SqlClient, tenantId: string, key: string, lock = false): Promise<VersionRow[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM definitions WHERE tenant_id = $1 AND key = $2 ORDER BY version${lock ? ' FOR UPDATE' : ''}`, [tenantId, key]);
  return rows;
}

/**
 * Every version of every definition of a tenant, by key and version; without `withDrafts` drafts
 * are left out (only admins see them). With `key`, that definition's versions only.
 */
export async function listVersions(db: SqlClient, tenantId: string, options: { key?: string; withDrafts: boolean }): Promise<VersionRow[]> {
  const values: unknown[] = [tenantId];
  const byKey = options.key ? ` AND key = $${values.push(options.key)}` : '';
  const { rows } = await db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM definitions WHERE tenant_id = $1${byKey}${options.withDrafts ? '' : ` AND status <> 'draft'`} ORDER BY key, version`, values);
  return rows;
}

/** The newest published version and the newest draft of every form, with schemas. */
export async function loadFormIndex(db: SqlClient, tenantId: string): Promise<FormIndex> {
  const { rows } = await db.query<{ key: string; version: number; status: string; schema: Record<string, unknown> }>(
    `SELECT DISTINCT ON (key, status) key, version, status, schema FROM forms WHERE tenant_id = $1 ORDER BY key, status, version DESC`, [tenantId]);
  const index: FormIndex = { published: new Map(), drafts: new Map() };
  for (const r of rows) (r.status === 'draft' ? index.drafts : index.published).set(r.key, { version: r.version, schema: r.schema });
  return index;
}

/** Running instances per definition version id (of one key, or all). */
export async function countRunning(db: SqlClient, tenantId: string, key?: string): Promise<Map<string, number>> {
  const values: unknown[] = [tenantId];
  const byKey = key ? ` AND definition_key = $${values.push(key)}` : '';
  const { rows } = await db.query<{ definition_id: string; n: number }>(
    `SELECT definition_id, count(*)::int AS n FROM instances WHERE tenant_id = $1 AND status = 'running'${byKey} GROUP BY definition_id`, values);
  return new Map(rows.map((r) => [r.definition_id, r.n]));
}

/** A stored form version as a simulation or a diff reads it. */
export interface PinnedFormRow {
  key: string;
  version: number;
  title: { zh: string; en: string };
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** The given (key, version) pairs of forms that exist. */
export async function findPinnedForms(db: SqlClient, tenantId: string, pins: ReadonlyArray<readonly [string, number]>): Promise<PinnedFormRow[]> {
  if (!pins.length) return [];
  const { rows } = await db.query<PinnedFormRow>(
    `SELECT f.key, f.version, f.title, f.schema, f.ui_schema AS "uiSchema" FROM forms f
     JOIN jsonb_to_recordset($2::jsonb) AS p(key text, version int) ON p.key = f.key AND p.version = f.version WHERE f.tenant_id = $1`,
    [tenantId, JSON.stringify(pins.map(([key, version]) => ({ key, version })))]);
  return rows;
}

/** Serialises every change to one definition key (create, draft, publish) within the caller's transaction. */
export async function lockDefinitionKey(db: SqlClient, tenantId: string, key: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition|${tenantId}|${key}`]);
}

/** Serialises every change to one form key within the caller's transaction (saving a form draft, publishing a definition that pins it). */
export async function lockFormKey(db: SqlClient, tenantId: string, formKey: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`form|${tenantId}|${formKey}`]);
}

/** Stores a new draft version. */
export async function insertDraftVersion(db: SqlClient, draft: { id: string; tenantId: string; key: string; version: number; title: unknown; document: unknown; formVersions: Record<string, number>; createdAt: Date }): Promise<void> {
  await db.query(
    `INSERT INTO definitions (id, tenant_id, key, version, status, title, document, form_versions, created_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8)`,
    [draft.id, draft.tenantId, draft.key, draft.version, JSON.stringify(draft.title), JSON.stringify(draft.document), JSON.stringify(draft.formVersions), draft.createdAt]);
}

/** Replaces a draft's document, title and pinned forms. */
export async function updateDraftVersion(db: SqlClient, id: string, change: { document: unknown; title: unknown; formVersions: Record<string, number> }): Promise<void> {
  await db.query('UPDATE definitions SET document = $2, title = $3, form_versions = $4 WHERE id = $1',
    [id, JSON.stringify(change.document), JSON.stringify(change.title), JSON.stringify(change.formVersions)]);
}

/**
 * Publishes a draft version: the form drafts it pins become published, the key's published
 * version is retired, and the draft is published with its pins; all in the caller's transaction.
 */
export async function publishDraftVersion(db: SqlClient, tenantId: string, draft: { id: string; key: string }, publishedAt: Date,
  formVersions: Record<string, number>, draftForms: ReadonlyArray<readonly [string, number]>): Promise<void> {
  for (const [key, v] of draftForms) {
    await db.query(`UPDATE forms SET status = 'published' WHERE tenant_id = $1 AND key = $2 AND version = $3 AND status = 'draft'`, [tenantId, key, v]);
  }
  await db.query(`UPDATE definitions SET status = 'retired' WHERE tenant_id = $1 AND key = $2 AND status = 'published'`, [tenantId, draft.key]);
  await db.query(`UPDATE definitions SET status = 'published', published_at = $2, form_versions = $3 WHERE id = $1`, [draft.id, publishedAt, JSON.stringify(formVersions)]);
}
