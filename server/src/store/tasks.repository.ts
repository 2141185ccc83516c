import type { Pool, PoolClient } from 'pg';
import { instanceStepColumnsKnowing, toInstanceStepRow } from './instances.repository';
import type { HeldSnapshot, InstanceStepRow } from './instances.repository';

/** The pool, or the caller's connection inside a transaction. */
type Queryable = Pool | PoolClient;

/** A task as a use case acting on it needs it. */
export interface TaskStepRow {
  id: string;
  status: string;
  state: string;
  formKey: string;
  /** The outcomes as the definition declared them (`TaskOutcome[]` of the engine). */
  outcomes: unknown[];
  candidateRoles: string[];
  orgPath: string;
  assignee: string | null;
  assigneeName: string | null;
  /** When the task opened. */
  createdAt: Date;
}

/** Who asks, as the access predicate in SQL needs it. */
export interface TaskAccessor {
  roles: string[];
  orgPath: string;
}

// One round trip: the task, its instance (with the definition id the step restores with),
// whether the accessor may act on it (a candidate role, and the task's org path is the accessor's
// unit or lies below it: auth/org-scope's canActOnTask) and whether they may see it at all (they
// may act on it, or the case lies within their scope: domain/tasks' canSeeTask).
const TASK_FOR_STEP_SQL = `
SELECT t.id AS task_id, t.status AS task_status, t.state AS task_state, t.form_key, t.outcomes, t.candidate_roles,
       t.org_path AS task_org_path, t.assignee, t.created_at AS task_created_at, ${instanceStepColumnsKnowing('$5')},
       (SELECT username FROM users WHERE id = t.assignee) AS assignee_name,
       (t.candidate_roles && $3::text[] AND (t.org_path = $4::text OR left(t.org_path, length($4::text) + 1) = $4::text || '/')) AS allowed,
       (i.org_path = $4::text OR left(i.org_path, length($4::text) + 1) = $4::text || '/') AS case_in_scope
FROM tasks t JOIN instances i ON i.id = t.instance_id
WHERE t.id = $1 AND t.tenant_id = $2`;

/**
 * A task with its instance, whether `accessor` may act on it and whether they may see it, in one
 * statement; undefined when the tenant has no such task.
 */
export async function findTaskForStep(db: Queryable, tenantId: string, taskId: string, accessor: TaskAccessor, held?: HeldSnapshot): Promise<{ task: TaskStepRow; instance: InstanceStepRow; allowed: boolean; visible: boolean } | undefined> {
  const { rows } = await db.query({ name: 'jz_load_task_for_step', text: TASK_FOR_STEP_SQL, values: [taskId, tenantId, accessor.roles, accessor.orgPath, held?.hash ?? null] });
  const r = rows[0];
  if (!r) return undefined;
  return {
    task: {
      id: r.task_id, status: r.task_status, state: r.task_state, formKey: r.form_key, outcomes: r.outcomes, candidateRoles: r.candidate_roles,
      orgPath: r.task_org_path, assignee: r.assignee, assigneeName: r.assignee_name, createdAt: r.task_created_at,
    },
    instance: toInstanceStepRow(r, held),
    allowed: r.allowed === true,
    visible: r.allowed === true || r.case_in_scope === true,
  };
}

/** Claims an open task (or re-claims one's own); false when it is not open and not the user's. */
export async function claimTaskRow(db: Queryable, tenantId: string, taskId: string, userId: string | null): Promise<boolean> {
  const { rowCount } = await db.query({
    name: 'jz_claim_task',
    text: `UPDATE tasks SET status = 'claimed', assignee = $3 WHERE id = $1 AND tenant_id = $2 AND (status = 'open' OR (status = 'claimed' AND assignee = $3))`,
    values: [taskId, tenantId, userId],
  });
  return Boolean(rowCount);
}

/** Gives a task claimed by `userId` back to the pool; false when it was not claimed by them. */
export async function unclaimTaskRow(db: Queryable, tenantId: string, taskId: string, userId: string | null): Promise<boolean> {
  const { rowCount } = await db.query({
    name: 'jz_unclaim_task',
    text: `UPDATE tasks SET status = 'open', assignee = NULL WHERE id = $1 AND tenant_id = $2 AND status = 'claimed' AND assignee = $3`,
    values: [taskId, tenantId, userId],
  });
  return Boolean(rowCount);
}

/** The open and claimed tasks of some instances (a migration's plan keeps their due dates). */
export async function listOpenTasksOf(db: Queryable, instanceIds: string[]): Promise<Array<{ instanceId: string; state: string; dueAt: Date | null }>> {
  const { rows } = await db.query(
    `SELECT instance_id, state, due_at FROM tasks WHERE instance_id = ANY($1::uuid[]) AND status IN ('open', 'claimed') ORDER BY created_at`, [instanceIds]);
  return rows.map((r) => ({ instanceId: r.instance_id, state: r.state, dueAt: r.due_at }));
}

/** Who may work the open and claimed tasks of one instance (roles and unit of each). */
export async function listOpenTaskAccess(db: Queryable, tenantId: string, instanceId: string): Promise<Array<{ candidateRoles: string[]; orgPath: string }>> {
  const { rows } = await db.query(
    `SELECT candidate_roles, org_path FROM tasks WHERE instance_id = $1 AND tenant_id = $2 AND status IN ('open', 'claimed')`, [instanceId, tenantId]);
  return rows.map((r) => ({ candidateRoles: r.candidate_roles, orgPath: r.org_path }));
}

/** The open or claimed tasks of one instance with what completing them needs (the demo seed works cases through). */
export async function listOpenTasksForWork(db: Queryable, tenantId: string, instanceId: string): Promise<Array<{ id: string; state: string; formKey: string; candidateRoles: string[] }>> {
  const { rows } = await db.query(
    `SELECT id, state, form_key, candidate_roles FROM tasks WHERE instance_id = $1 AND tenant_id = $2 AND status IN ('open', 'claimed') ORDER BY created_at, id`, [instanceId, tenantId]);
  return rows.map((r) => ({ id: r.id, state: r.state, formKey: r.form_key, candidateRoles: r.candidate_roles }));
}
