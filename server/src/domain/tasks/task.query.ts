import { canActOnTask, canSee } from '../../auth/org-scope';
import type { Actor } from '../../kernel';
import { isUuid, NotFoundError } from '../../kernel';
import { TASK_VIEW_COLUMNS, toTaskView } from './task-view';
import type { TaskView, TaskViewRow } from './task-view';
import type { SqlClient } from '../../store/sql-client';
import { isPairedHelperCase } from './helper-inbox.query';

/** A task with what deciding access to it needs. */
export interface ScopedTask {
  view: TaskView;
  orgPath: string;
  instanceOrgPath: string;
}

/** A task by id, or null; `now` (the server's clock) gives an open task its days left. */
export async function findTask(db: SqlClient, tenantId: string, taskId: string, now?: Date): Promise<ScopedTask | null> {
  if (!isUuid(taskId)) return null;
  // Ids that are not UUIDs cannot exist, so they are a 404, not a 400.
  const { rows } = await db.query<TaskViewRow & { instance_org_path: string }>({
    name: 'jz_api_find_task',
    text: `SELECT ${TASK_VIEW_COLUMNS}, i.org_path AS instance_org_path
           FROM tasks t JOIN instances i ON i.id = t.instance_id WHERE t.id = $1 AND t.tenant_id = $2`,
    values: [taskId, tenantId],
  });
  return rows[0] ? { view: toTaskView(rows[0], now), orgPath: rows[0].org_path, instanceOrgPath: rows[0].instance_org_path } : null;
}

/**
 * Whether the actor may see a task: they may act on it, or its case lies within their scope
 * (a village clerk follows their application up to the county).
 */
export function canSeeTask(actor: Actor, task: ScopedTask): boolean {
  return canSee(actor, task.instanceOrgPath) || canActOnTask(actor, { candidateRoles: task.view.candidateRoles, orgPath: task.orgPath });
}

/** A task the actor may see; anything else (missing, or outside their scope) is the same 404. */
export async function findVisibleTask(db: SqlClient, tenantId: string, actor: Actor, taskId: string, now?: Date): Promise<ScopedTask> {
  const task = await findTask(db, tenantId, taskId, now);
  // A 帮扶责任人 reads the tasks of their paired households' cases (acting on them stays with the roles named).
  if (!task || !(canSeeTask(actor, task) || await isPairedHelperCase(db, tenantId, actor, task.view.instanceId))) throw new NotFoundError(`Task ${taskId} does not exist`);
  return task;
}
