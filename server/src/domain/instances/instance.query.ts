import { belowPattern, canSee } from '../../auth/org-scope';
import { isPairedHelperCase } from '../tasks/helper-inbox.query';
import type { SqlClient } from '../../store/sql-client';
import { checkDuplicateIdNumbers } from '../households/id-claims';
import { maskPersonalData } from '../masking';
import type { SensitiveFields } from '../masking';
import { TASK_VIEW_COLUMNS, toTaskView } from '../tasks/task-view';
import type { TaskViewRow } from '../tasks/task-view';
import { isUuid, NotFoundError } from '../../kernel';
import type { Actor } from '../../kernel';
import type { HistoryActor, HistoryPayload, Instance, LocalizedText, StateValue, Subject } from '../../contract';

/** A state value as XState keeps it: a state id, or per region of a compound state its own value (the contract's). */
export type { StateValue } from '../../contract';

/** An instance as DESIGN.md ("Shapes") defines it: the contract's `Instance`. */
export type InstanceView = Instance;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An instance row with its org unit's name. */
interface InstanceRow {
  id: string;
  definition_key: string;
  definition_version: number;
  title: string | null;
  state: StateValue;
  status: InstanceView['status'];
  org_unit_id: string;
  org_unit_name: string | null;
  org_path: string;
  data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  ended_at: Date | null;
  subject: Subject | null;
  receipt_no: string | null;
}

/** How personal numbers appear in an instance view: masked by the forms' formats unless `unmasked`. */
export interface InstanceMasking {
  sensitive: SensitiveFields;
  /** Only for a caller with the unmask permission who asked and was audited (api/unmask.ts). */
  unmasked?: boolean;
}

/**
 * True when one of the case's tasks belongs to the actor's unit or one below it: a county
 * department sees the village's case it was given a step of (住建局 and the renovation it approves).
 */
async function holdsTaskOfCase(db: SqlClient, actor: Pick<Actor, 'orgPath'>, instanceId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM tasks WHERE instance_id = $1 AND (org_path = $2 OR org_path LIKE $3) LIMIT 1', [instanceId, actor.orgPath, `${actor.orgPath}/%`]);
  return rows.length > 0;
}

/**
 * One instance with its tasks, timers and history, when the actor may see it (else 404). Its data
 * and the history's payloads have every ID, bank and certificate number masked unless unmasked.
 */
export async function findVisibleInstance(db: SqlClient, tenantId: string, actor: Actor, instanceId: string, masking: InstanceMasking): Promise<InstanceView> {
  const missing = () => new NotFoundError(`Instance ${instanceId} does not exist`);
  if (!isUuid(instanceId)) throw missing();
  const { rows } = await db.query<InstanceRow>(
    `SELECT i.*, o.name AS org_unit_name FROM instances i LEFT JOIN org_units o ON o.id = i.org_unit_id WHERE i.id = $1 AND i.tenant_id = $2`,
    [instanceId, tenantId]);
  const row = rows[0];
  if (!row || !(canSee(actor, row.org_path) || await holdsTaskOfCase(db, actor, row.id) || await isPairedHelperCase(db, tenantId, actor, row.id))) throw missing();
  const application = (row.data?.application as { household?: unknown } | undefined)?.household;
  // Independent reads: one round trip's wait for all of them (the duplicate check included).
  const [tasks, timers, history, duplicateCheck] = await Promise.all([
    db.query<TaskViewRow>(`SELECT ${TASK_VIEW_COLUMNS} FROM tasks t WHERE t.instance_id = $1 ORDER BY t.created_at, t.id`, [instanceId]),
    db.query<{ id: string; key: string; event_type: string; fire_at: Date; status: string }>('SELECT id, key, event_type, fire_at, status FROM timers WHERE instance_id = $1 ORDER BY fire_at', [instanceId]),
    db.query<{ seq: number; at: Date; type: string; actor: HistoryActor | null; payload: HistoryPayload; hash: string }>('SELECT seq, at, type, actor, payload, hash FROM history WHERE instance_id = $1 ORDER BY seq', [instanceId]),
    application ? checkDuplicateIdNumbers(db, tenantId, row.id, application, actor) : undefined,
  ]);
  const mask = <T>(value: T): T => (masking.unmasked ? value : maskPersonalData(value, masking.sensitive));
  return {
    id: row.id, definitionKey: row.definition_key, definitionVersion: row.definition_version, title: row.title, state: row.state,
    status: row.status, orgUnitId: row.org_unit_id, orgUnitName: row.org_unit_name ?? null, data: mask(row.data),
    tasks: tasks.rows.map((t) => toTaskView(t)),
    timers: timers.rows.map((t) => ({ id: t.id, key: t.key, eventType: t.event_type, fireAt: t.fire_at.toISOString(), status: t.status })),
    history: history.rows.map((h) => ({ seq: h.seq, at: h.at.toISOString(), type: h.type, actor: h.actor, payload: mask(h.payload), hash: h.hash })),
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(), endedAt: iso(row.ended_at),
    subject: row.subject ?? null, receiptNo: row.receipt_no ?? null,
    ...(duplicateCheck ? { duplicateCheck } : {}),
  };
}

export interface InstanceListFilter {
  definitionKey?: string;
  status?: string;
  state?: string;
  scopePath: string;
  mine?: boolean;
  /** 已办: cases in which the caller completed a task. */
  handled?: boolean;
  /** A name (or part of it), an ID tail or a 受理编号 (part of it). */
  q?: string;
  page: number;
  pageSize: number;
}

/** Instances within the caller's scope, newest first. */
export async function listInstances(db: SqlClient, tenantId: string, actor: Actor, filter: InstanceListFilter) {
  const values: unknown[] = [tenantId, filter.scopePath, belowPattern(filter.scopePath)];
  const where = ['i.tenant_id = $1', '(i.org_path = $2 OR i.org_path LIKE $3)'];
  if (filter.definitionKey) where.push(`i.definition_key = $${values.push(filter.definitionKey)}`);
  if (filter.status) where.push(`i.status = $${values.push(filter.status)}`);
  // The state value is a string or, for a compound state, an object: match the top-level state id.
  if (filter.state) where.push(`(i.state = to_jsonb($${values.push(filter.state)}::text) OR i.state ? $${values.length})`);
  if (filter.mine) where.push(`i.created_by = $${values.push(actor.userId)}`);
  if (filter.handled) where.push(`EXISTS (SELECT 1 FROM tasks h WHERE h.instance_id = i.id AND h.completed_by = $${values.push(actor.userId)})`);
  const q = filter.q?.trim();
  if (q) {
    const n = values.push(q);
    where.push(`(strpos(i.subject->>'text', $${n}::text) > 0 OR strpos(i.receipt_no, upper($${n}::text)) > 0)`);
  }
  const whereSql = where.join(' AND ');
  const limit = values.length + 1;
  const [items, count] = await Promise.all([
    db.query<Omit<InstanceRow, 'org_path' | 'data'> & { current_steps: Array<{ title: LocalizedText; org_unit_name: string | null; due_at: string | null }> | null }>(
      `SELECT i.id, i.definition_key, i.definition_version, i.title, i.state, i.status, i.org_unit_id, o.name AS org_unit_name, i.created_at, i.updated_at,
              i.subject, i.receipt_no, i.ended_at,
              (SELECT jsonb_agg(jsonb_build_object('title', t.title, 'org_unit_name', tu.name, 'due_at', t.due_at) ORDER BY t.created_at, t.id)
                 FROM tasks t LEFT JOIN org_units tu ON tu.id = t.org_unit_id
                WHERE t.instance_id = i.id AND t.status IN ('open', 'claimed')) AS current_steps
       FROM instances i LEFT JOIN org_units o ON o.id = i.org_unit_id WHERE ${whereSql}
       ORDER BY i.created_at DESC, i.id LIMIT $${limit} OFFSET $${limit + 1}`,
      [...values, filter.pageSize, (filter.page - 1) * filter.pageSize]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM instances i WHERE ${whereSql}`, values),
  ]);
  return {
    items: items.rows.map((r) => ({
      id: r.id, definitionKey: r.definition_key, definitionVersion: r.definition_version, title: r.title, state: r.state, status: r.status,
      orgUnitId: r.org_unit_id, orgUnitName: r.org_unit_name ?? null, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
      subject: r.subject ?? null, receiptNo: r.receipt_no ?? null, endedAt: iso(r.ended_at),
      currentSteps: (r.current_steps ?? []).map((step) => ({
        title: step.title, orgUnitName: step.org_unit_name ?? null, dueAt: step.due_at ? new Date(step.due_at).toISOString() : null,
      })),
    })),
    total: count.rows[0].n,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
