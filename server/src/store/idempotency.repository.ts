import type { FoldedWrite } from '../kernel';
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
  /** The `Preference-Applied` the first answer was sent with (`return=minimal`), or null. */
  preferenceApplied: string | null;
}

/** The key's row, or null when the key is new. */
export async function findIdempotencyKey(db: SqlClient, ref: IdempotencyKeyRef): Promise<StoredIdempotencyKey | null> {
  const { rows } = await db.query<{ scope: string; request_hash: string; instance_id: string | null; status: number | null; response: unknown; preference_applied: string | null }>(
    `SELECT scope, request_hash, instance_id, status, response, preference_applied FROM idempotency_keys WHERE tenant_id = $1 AND user_id = $2 AND key = $3`,
    [ref.tenantId, ref.userId, ref.key]);
  const row = rows[0];
  return row ? {
    scope: row.scope, requestHash: row.request_hash, instanceId: row.instance_id, status: row.status, response: row.response, preferenceApplied: row.preference_applied,
  } : null;
}

/** The first answer, when it is known before the commit: kept with the key in the same write. */
export interface IdempotentAnswer {
  status: number;
  response: unknown;
  /** The `Preference-Applied` it is sent with, when a preference shaped it. */
  preferenceApplied?: string;
}

const INSERT_KEY = `INSERT INTO idempotency_keys (tenant_id, user_id, key, scope, request_hash, instance_id, status, response, preference_applied)`;

/** The key row's values, in INSERT_KEY's order. */
const keyRow = (ref: IdempotencyKeyRef, scope: string, requestHash: string, instanceId: string, answer?: IdempotentAnswer): unknown[] => [
  ref.tenantId, ref.userId, ref.key, scope, requestHash, instanceId, answer?.status ?? null, answer ? JSON.stringify(answer.response) : null,
  answer?.preferenceApplied ?? null,
];

/**
 * Records the key inside the step's transaction, with its answer when that is known already: if
 * two requests with one key race, the second one's insert fails on the primary key and its whole
 * step rolls back, so the work is done once.
 */
export async function insertIdempotencyKey(db: SqlClient, ref: IdempotencyKeyRef, scope: string, requestHash: string, instanceId: string, answer?: IdempotentAnswer): Promise<void> {
  await db.query({
    name: 'jz_insert_idempotency_key', text: `${INSERT_KEY} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    values: keyRow(ref, scope, requestHash, instanceId, answer),
  });
}

/**
 * The key's row as a part of the step's own statement (written only when the step is): a key used
 * already fails the statement on the primary key, and nothing at all is written.
 */
export function idempotencyKeyFold(ref: IdempotencyKeyRef, scope: string, requestHash: string, instanceId: string, answer?: IdempotentAnswer): FoldedWrite {
  return {
    tables: ['idempotency_keys'],
    parts: [{
      shape: 'idempotency_keys.insert',
      sql: `${INSERT_KEY}
  SELECT $1::text, $2::uuid, $3::text, $4::text, $5::text, $6::uuid, $7::int, $8::jsonb, $9::text FROM u`,
      values: keyRow(ref, scope, requestHash, instanceId, answer),
    }],
  };
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
