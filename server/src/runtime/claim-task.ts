import { ConflictError } from '../kernel';
import type { Actor } from '../kernel';
import { claimTaskRow, unclaimTaskRow } from '../store/tasks.repository';
import type { RuntimeDeps } from './runtime-deps';
import { assertOpen, loadTaskToActOn } from './task-access';

/** Claims an open task for the actor; a task claimed by someone else is a conflict. */
export async function claimTask(deps: RuntimeDeps, input: { taskId: string; actor: Actor }): Promise<void> {
  const { task } = await loadTaskToActOn(deps, input.taskId, input.actor, 'claim');
  if (await claimTaskRow(deps.db.pool, deps.tenantId, task.id, input.actor.userId)) return;
  // Lost the race: say whether the task closed meanwhile or who holds it now.
  const again = await loadTaskToActOn(deps, input.taskId, input.actor, 'claim');
  assertOpen(again.task);
  throw new ConflictError(`Task ${task.id} is already claimed by ${again.task.assigneeName ?? 'another user'}`, 'task_claimed');
}

/** Gives a claimed task back to the pool (by its assignee). */
export async function unclaimTask(deps: RuntimeDeps, input: { taskId: string; actor: Actor }): Promise<void> {
  const { task } = await loadTaskToActOn(deps, input.taskId, input.actor, 'unclaim');
  if (task.status === 'claimed' && task.assignee !== input.actor.userId) {
    throw new ConflictError(`Task ${task.id} is claimed by ${task.assigneeName ?? 'another user'}`, 'task_claimed');
  }
  await unclaimTaskRow(deps.db.pool, deps.tenantId, task.id, input.actor.userId);
}
