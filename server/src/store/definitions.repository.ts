import type { StoredForm } from '../kernel';
import type { Queryable } from './database';

/** A stored definition version as the catalog loads it. */
export interface DefinitionRow {
  id: string;
  version: number;
  document: unknown;
  formVersions: Record<string, number>;
}

/** One stored definition version by id, or null. */
export async function findDefinitionById(db: Queryable, id: string): Promise<DefinitionRow | null> {
  const { rows } = await db.query<{ id: string; version: number; document: unknown; form_versions: Record<string, number> | null }>(
    'SELECT id, version, document, form_versions FROM definitions WHERE id = $1', [id]);
  const r = rows[0];
  return r ? { id: r.id, version: r.version, document: r.document, formVersions: r.form_versions ?? {} } : null;
}

/** The id of the newest published version of a definition (new instances start on it), or null. */
export async function findCurrentDefinitionId(db: Queryable, tenantId: string, key: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>({
    name: 'jz_current_definition_id',
    text: `SELECT id FROM definitions WHERE tenant_id = $1 AND key = $2 AND status = 'published' ORDER BY version DESC LIMIT 1`,
    values: [tenantId, key],
  });
  return rows[0]?.id ?? null;
}

/** One form version, or null. */
export async function findFormVersion(db: Queryable, tenantId: string, key: string, version: number): Promise<StoredForm | null> {
  const { rows } = await db.query<{ key: string; version: number; title: StoredForm['title']; schema: Record<string, unknown>; ui_schema: Record<string, unknown> }>(
    'SELECT key, version, title, schema, ui_schema FROM forms WHERE tenant_id = $1 AND key = $2 AND version = $3', [tenantId, key, version]);
  const r = rows[0];
  return r ? { key: r.key, version: r.version, title: r.title, schema: r.schema, uiSchema: r.ui_schema } : null;
}

/** A definition version's id and status. */
export interface DefinitionVersionRow {
  id: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
}

/** The given versions of a definition that exist. */
export async function listDefinitionVersions(db: Queryable, tenantId: string, key: string, versions: readonly number[]): Promise<DefinitionVersionRow[]> {
  const { rows } = await db.query<DefinitionVersionRow>(
    'SELECT id, version, status FROM definitions WHERE tenant_id = $1 AND key = $2 AND version = ANY($3::int[])', [tenantId, key, versions]);
  return rows;
}

/** Every stored version's document of every definition of a tenant (drafts and retired ones too). */
export async function listDefinitionDocuments(db: Queryable, tenantId: string): Promise<Array<{ key: string; document: unknown }>> {
  const { rows } = await db.query<{ key: string; document: unknown }>('SELECT key, document FROM definitions WHERE tenant_id = $1', [tenantId]);
  return rows;
}
