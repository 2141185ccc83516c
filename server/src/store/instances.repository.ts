import type { Pool, PoolClient } from 'pg';
import { fromStoredSnapshot } from './stored-snapshot';

/** The pool, or the caller's connection inside a transaction. */
type Queryable = Pool | PoolClient;

/** An instance row as a step needs it: what the pure step restores and what the optimistic write checks. */
export interface InstanceStepRow {
  id: string;
  definitionId: string;
  version: number;
  status: string;
  state: unknown;
  snapshot: Record<string, unknown>;
  orgUnitId: string;
  orgPath: string;
  historySeq: number;
  historyHash: string;
}

/** The columns of {@link InstanceStepRow} with the snapshot and data columns given. */
const stepColumns = (snapshot: string, data: string) =>
  `i.id, i.definition_id, i.version, i.status, i.state, ${snapshot}, ${data}, i.org_unit_id, i.org_path, i.history_seq, i.history_hash`;

/** The columns of {@link InstanceStepRow}, shared by every query that loads one (tasks join it too). */
export const INSTANCE_STEP_COLUMNS = stepColumns('i.snapshot', 'i.data');

/**
 * {@link INSTANCE_STEP_COLUMNS} for a read that may already hold the snapshot: parameter `hash`
 * is the history hash the caller knows (or null), and the snapshot and data come back null when
 * the row is at that hash, so the database neither reads them (the data is often kept out of line,
 * compressed) nor sends them.
 */
export function instanceStepColumnsKnowing(hash: string): string {
  const unlessHeld = (column: string) => `CASE WHEN i.history_hash = ${hash}::text THEN NULL ELSE i.${column} END AS ${column}`;
  return stepColumns(unlessHeld('snapshot'), unlessHeld('data'));
}

/** A snapshot the caller holds, with the history hash it belongs to (a read sends the hash). */
export interface HeldSnapshot {
  hash: string;
  snapshot: Record<string, unknown>;
}

/** The columns of {@link INSTANCE_STEP_COLUMNS} as node-postgres returns them. */
export interface InstanceStepColumns {
  id: string;
  definition_id: string;
  version: number;
  status: string;
  state: unknown;
  /** Null when the read was told the snapshot is held (the row is at that hash). */
  snapshot: Record<string, unknown> | null;
  data: unknown;
  org_unit_id: string;
  org_path: string;
  history_seq: number;
  history_hash: string;
}

/**
 * Maps the snake_case columns of {@link INSTANCE_STEP_COLUMNS} to a typed row; a snapshot the read
 * left out (the row is at the hash of `held`) is the held one.
 */
export function toInstanceStepRow(r: InstanceStepColumns, held?: HeldSnapshot): InstanceStepRow {
  // The database leaves the snapshot out only when the row is at the hash the read sent, which is the held one's.
  const snapshot = r.snapshot === null ? (held?.snapshot ?? {}) : fromStoredSnapshot(r.snapshot, r.data);
  return {
    id: r.id, definitionId: r.definition_id, version: r.version, status: r.status, state: r.state, snapshot,
    orgUnitId: r.org_unit_id, orgPath: r.org_path, historySeq: r.history_seq, historyHash: r.history_hash,
  };
}

const INSTANCE_SQL = `SELECT ${instanceStepColumnsKnowing('$3')} FROM instances i WHERE i.id = $1 AND i.tenant_id = $2`;

/** One instance for a step, or undefined when the tenant has no such instance; `held`, a snapshot the caller holds of it. */
export async function findInstanceForStep(db: Queryable, tenantId: string, instanceId: string, held?: HeldSnapshot): Promise<InstanceStepRow | undefined> {
  const { rows } = await db.query({ name: 'jz_load_instance', text: INSTANCE_SQL, values: [instanceId, tenantId, held?.hash ?? null] });
  return rows[0] ? toInstanceStepRow(rows[0], held) : undefined;
}

/** The unit path of one instance (what deciding access to it needs), or undefined when the tenant has no such instance. */
export async function findInstanceOrgPath(db: Queryable, tenantId: string, instanceId: string): Promise<string | undefined> {
  const { rows } = await db.query({ name: 'jz_instance_org_path', text: 'SELECT org_path FROM instances WHERE id = $1 AND tenant_id = $2', values: [instanceId, tenantId] });
  return rows[0]?.org_path;
}

/** The running instances of one definition version (optionally only `onlyIds`), oldest first, for a migration. */
export async function listRunningInstancesOf(db: Queryable, tenantId: string, definitionId: string, onlyIds?: string[]): Promise<InstanceStepRow[]> {
  const values: unknown[] = [tenantId, definitionId];
  const only = onlyIds ? ` AND i.id = ANY($${values.push(onlyIds)}::uuid[])` : '';
  const { rows } = await db.query(
    `SELECT ${INSTANCE_STEP_COLUMNS} FROM instances i
     WHERE i.tenant_id = $1 AND i.definition_id = $2 AND i.status = 'running'${only} ORDER BY i.created_at, i.id`, values);
  return rows.map((r) => toInstanceStepRow(r));
}

/** Re-pins an instance to another definition version (a migration, inside its step's transaction). */
export async function repinInstance(db: Queryable, instanceId: string, definitionId: string, definitionVersion: number): Promise<void> {
  await db.query('UPDATE instances SET definition_id = $2, definition_version = $3 WHERE id = $1', [instanceId, definitionId, definitionVersion]);
}

/** An org unit's id and materialised path, or undefined when the tenant has none with that id. */
export async function findOrgUnitPath(db: Queryable, tenantId: string, orgUnitId: string): Promise<{ id: string; path: string } | undefined> {
  const { rows } = await db.query({ name: 'jz_org_unit_path', text: 'SELECT id, path FROM org_units WHERE id = $1 AND tenant_id = $2', values: [orgUnitId, tenantId] });
  return rows[0] ? { id: rows[0].id, path: rows[0].path } : undefined;
}
