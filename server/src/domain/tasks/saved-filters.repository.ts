import type { SqlClient } from '../../store/sql-client';
import type { InboxQuery, SavedFilter } from '../../contract';

/** A user keeps at most this many inbox filters. */
export const SAVED_FILTERS_PER_USER = 20;

interface SavedFilterRow { id: string; name: string; query: InboxQuery; created_at: Date }

const toView = (r: SavedFilterRow): SavedFilter => ({ id: r.id, name: r.name, query: r.query, createdAt: r.created_at.toISOString() });

/** The caller's saved inbox filters, oldest first. */
export async function listSavedFilters(db: SqlClient, tenantId: string, userId: string): Promise<SavedFilter[]> {
  const { rows } = await db.query<SavedFilterRow>(
    'SELECT id, name, query, created_at FROM saved_filters WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at, id', [tenantId, userId]);
  return rows.map(toView);
}

/**
 * Saves an inbox filter under a name; a filter of the same name is replaced. Returns null when the
 * user already keeps {@link SAVED_FILTERS_PER_USER} others. One statement: the count, the
 * replacement and the insert cannot interleave with another save of the same user.
 */
export async function saveFilter(db: SqlClient, deps: { tenantId: string; uuid: () => string; now: Date }, userId: string, name: string, query: InboxQuery): Promise<SavedFilter | null> {
  const { rows } = await db.query<SavedFilterRow>(
    `WITH gone AS (DELETE FROM saved_filters WHERE tenant_id = $1 AND user_id = $2 AND name = $4 RETURNING id)
     INSERT INTO saved_filters (id, tenant_id, user_id, name, query, created_at)
     SELECT $3, $1, $2, $4, $5::jsonb, $6
     WHERE (SELECT count(*) FROM saved_filters WHERE tenant_id = $1 AND user_id = $2 AND name <> $4) < $7
     RETURNING id, name, query, created_at`,
    [deps.tenantId, userId, deps.uuid(), name, JSON.stringify(query), deps.now, SAVED_FILTERS_PER_USER]);
  return rows[0] ? toView(rows[0]) : null;
}

/** Deletes one of the caller's saved filters; false when they have none by that id. */
export async function deleteSavedFilter(db: SqlClient, tenantId: string, userId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM saved_filters WHERE tenant_id = $1 AND user_id = $2 AND id = $3', [tenantId, userId, id]);
  return (rowCount ?? 0) > 0;
}
