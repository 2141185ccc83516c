import type { SqlClient } from '../../store/sql-client';

/** A stored version of the shared blocks (`schemas/_defs.json`'s `$defs`). */
export interface FormBlocksRow {
  version: number;
  defs: Record<string, unknown>;
  changed: string[];
  createdBy: string | null;
  createdAt: Date;
}

/** The newest stored version of the shared blocks, or null when none was saved yet (the shipped `_defs.json` is version 0). */
export async function findNewestFormBlocks(db: SqlClient, tenantId: string): Promise<FormBlocksRow | null> {
  const { rows } = await db.query<FormBlocksRow>(
    `SELECT version, defs, changed, created_by AS "createdBy", created_at AS "createdAt" FROM form_blocks WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1`, [tenantId]);
  return rows[0] ?? null;
}

/** Serialises every save of the shared blocks of a tenant within the caller's transaction. */
export async function lockFormBlocks(db: SqlClient, tenantId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`form-blocks|${tenantId}`]);
}

/** Stores a new version of the shared blocks (the primary key refuses a version taken meanwhile). */
export async function insertFormBlocks(db: SqlClient, row: { tenantId: string; version: number; defs: Record<string, unknown>; changed: string[]; createdBy: string; createdAt: Date }): Promise<void> {
  await db.query('INSERT INTO form_blocks (tenant_id, version, defs, changed, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [row.tenantId, row.version, JSON.stringify(row.defs), JSON.stringify(row.changed), row.createdBy, row.createdAt]);
}

/** The version of a form an editor works on: its draft, else its newest published version. */
export interface EditableFormRow {
  key: string;
  version: number;
  status: 'draft' | 'published';
  title: { zh: string; en?: string };
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** Every form's draft, or its newest published version when it has no draft; by key. */
export async function listEditableForms(db: SqlClient, tenantId: string): Promise<EditableFormRow[]> {
  const { rows } = await db.query<EditableFormRow>(
    `SELECT DISTINCT ON (key) key, version, status, title, schema, ui_schema AS "uiSchema" FROM forms
     WHERE tenant_id = $1 AND status IN ('draft', 'published') ORDER BY key, (status = 'draft') DESC, version DESC`, [tenantId]);
  return rows;
}

/** A definition version cases run on: published, or retired with running cases; with the form versions it pins. */
export interface PinningDefinitionRow {
  key: string;
  version: number;
  status: 'published' | 'retired';
  title: { zh: string; en?: string };
  formVersions: Record<string, number>;
  running: number;
}

/** The published definition versions, and the retired ones that still have running cases. */
export async function listPinningDefinitions(db: SqlClient, tenantId: string): Promise<PinningDefinitionRow[]> {
  const { rows } = await db.query<PinningDefinitionRow>(
    `SELECT d.key, d.version, d.status, d.title, coalesce(d.form_versions, '{}'::jsonb) AS "formVersions", coalesce(r.n, 0)::int AS running
     FROM definitions d
     LEFT JOIN (SELECT definition_id, count(*) AS n FROM instances WHERE tenant_id = $1 AND status = 'running' GROUP BY definition_id) r ON r.definition_id = d.id
     WHERE d.tenant_id = $1 AND (d.status = 'published' OR (d.status = 'retired' AND r.n > 0)) ORDER BY d.key, d.version`, [tenantId]);
  return rows;
}
