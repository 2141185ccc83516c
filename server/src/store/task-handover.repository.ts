import type { Pool, PoolClient } from 'pg';

/** The pool, or the caller's connection inside a transaction. */
type Queryable = Pool | PoolClient;

/** A colleague a task may be handed to (转办): same unit, a role the task names, an active account. */
export interface Colleague {
  id: string;
  username: string;
  displayName: string;
}

/** The active users of the unit at `orgPath` holding one of `roles`, except `exceptUserId`. */
export async function findColleagues(db: Queryable, tenantId: string, orgPath: string, roles: string[], exceptUserId: string | null): Promise<Colleague[]> {
  const { rows } = await db.query(
    `SELECT u.id, u.username, u.display_name FROM users u JOIN org_units o ON o.id = u.org_unit_id
     WHERE u.tenant_id = $1 AND o.path = $2 AND u.roles && $3::text[] AND NOT u.disabled AND u.id IS DISTINCT FROM $4::uuid
     ORDER BY u.display_name, u.username`, [tenantId, orgPath, roles, exceptUserId]);
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

/**
 * Hands an open task (or one `fromUserId` holds) to `toUserId` as its assignee; false when the task
 * is closed or held by someone else meanwhile.
 */
export async function handOverTaskRow(db: Queryable, tenantId: string, taskId: string, fromUserId: string | null, toUserId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE tasks SET status = 'claimed', assignee = $4 WHERE id = $1 AND tenant_id = $2
       AND (status = 'open' OR (status = 'claimed' AND assignee IS NOT DISTINCT FROM $3::uuid))`, [taskId, tenantId, fromUserId, toUserId]);
  return Boolean(rowCount);
}
