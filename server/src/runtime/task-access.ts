import type { TaskOutcome } from '../engine';
import { ConflictError, ForbiddenError, isUuid, NotFoundError } from '../kernel';
import type { Actor } from '../kernel';
import type { InstanceStepRow } from '../store/instances.repository';
import { findTaskForStep } from '../store/tasks.repository';
import type { TaskStepRow } from '../store/tasks.repository';
import type { RuntimeDeps } from './runtime-deps';

/** A task the actor may act on, with its instance. */
export interface TaskToActOn {
  task: Omit<TaskStepRow, 'outcomes'> & { outcomes: TaskOutcome[] };
  instance: InstanceStepRow;
}

/** A completed or cancelled task takes no more actions. */
export function assertOpen(task: { id: string; status: string }): void {
  if (task.status === 'completed' || task.status === 'cancelled') {
    throw new ConflictError(`Task ${task.id} is already ${task.status}`, 'task_closed');
  }
}

/**
 * Loads a task with its instance in one statement that also decides access in SQL (a candidate
 * role and the task within the actor's org scope: the rule of auth/org-scope's `canActOnTask`),
 * and refuses what the actor may not do: 404 for no such task and for one they may not even see
 * (neither theirs to act on nor a case within their scope), 403 for one they see but may not act
 * on, 409 when it is closed. `verb` names the action in the message. This is the one check: the
 * routers do not look the task up first.
 */
export async function loadTaskToActOn(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'snapshots'>, taskId: string, actor: Actor, verb: string): Promise<TaskToActOn> {
  // A malformed id cannot name a row; PostgreSQL would reject the cast with an error, not "not found".
  if (!isUuid(taskId)) throw new NotFoundError(`Task ${taskId} does not exist`);
  const found = await findTaskForStep(deps.db.pool, deps.tenantId, taskId, actor, deps.snapshots?.recall(taskId));
  if (!found || !found.visible) throw new NotFoundError(`Task ${taskId} does not exist`);
  if (!found.allowed) throw new ForbiddenError(`Task ${taskId} is not yours to ${verb}`);
  assertOpen(found.task);
  return { task: { ...found.task, outcomes: found.task.outcomes as TaskOutcome[] }, instance: found.instance };
}
