import type { SqlClient } from './sql-client';

/** Who sent a key and for what: keys are per user, and a key names one request. */
export interface IdempotencyKeyRef {
  tenantId: string;
  userId: string;
  key: string;
}

/** A key already used: the request it was used for and, once answered, its answer. */
export interface StoredIdempotencyKey {
  scope: string;
  requestHash: string;
  instanceId: string | null;
  status: number | null;
  response: unknown;
}

/** The key's row, or null when the key is new. */
export async function findIdempotencyKey(db: SqlClient, ref: IdempotencyKeyRef): Promise<StoredIdempotencyKey | null> {
  const { rows } = await db.query<{ scope: string; request_hash: string; instance_id: string | null; status: number | null; response: unknown }>(
    `SELECT scope, request_hash, instance_id, status, response FROM idempotency_keys WHERE tenant_id = $1 AND user_id = $2 AND key = $3`,
    [ref.tenantId, ref.userId, ref.key]);
  const row = rows[0];
  return row ? { scope: row.scope, requestHash: row.request_hash, instanceId: row.instance_id, status: row.status, response: row.response } : null;
}

/**
 * Records the key inside the step's transaction: if two requests with one key race, the second
 * one's insert fails on the primary key and its whole step rolls back, so the work is done once.
 */
export async function insertIdempotencyKey(db: SqlClient, ref: IdempotencyKeyRef, scope: string, requestHash: string, instanceId: string): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_keys (tenant_id, user_id, key, scope, request_hash, instance_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [ref.tenantId, ref.userId, ref.key, scope, requestHash, instanceId]);
}

/** Keeps the first answer, to be answered again to a repeat of the request. */
export async function saveIdempotentAnswer(db: SqlClient, ref: IdempotencyKeyRef, status: number, response: unknown): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET status = $4, response = $5 WHERE tenant_id = $1 AND user_id = $2 AND key = $3 AND status IS NULL`,
    [ref.tenantId, ref.userId, ref.key, status, JSON.stringify(response)]);
}

/** Forgets keys older than `before` (a queue sends within days, not months). Answers how many went. */
export async function deleteStaleIdempotencyKeys(db: SqlClient, before: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM idempotency_keys WHERE created_at < $1', [before]);
  return rowCount ?? 0;
}
