import { ForbiddenError, isUuid, NotFoundError } from '../kernel';
import type { Actor } from '../kernel';
import { insertUrgeUnlessRecent } from '../store/notifications.repository';
import { findTaskForStep } from '../store/tasks.repository';
import type { RuntimeDeps } from './runtime-deps';
import { assertOpen } from './task-access';

/** How often a task may be urged: once per window, whoever urges. */
export const URGE_WINDOW_MS = 60 * 60_000;

/** A 催办 sent, or refused by the rate limit with the seconds to wait. */
export type UrgeOutcome = { urged: true; notificationId: string } | { urged: false; retryAfterSeconds: number };

/**
 * 催办: a message to whoever works an open task now (its assignee, or the users of its unit with
 * its roles), from someone who may see the case (the starter's unit, the levels above). At most
 * one per task per hour, so urging cannot flood anyone. Those who may work the task themselves do
 * not urge it (403): they work it, and neither do read-only roles (inspectors). One transaction: the rate check and the notification.
 */
export async function urgeTask(deps: RuntimeDeps, input: { taskId: string; text?: string; actor: Actor; locale?: 'zh-CN' | 'en'; readOnlyRoles?: readonly string[] }): Promise<UrgeOutcome> {
  if (!isUuid(input.taskId)) throw new NotFoundError(`Task ${input.taskId} does not exist`);
  const found = await findTaskForStep(deps.db.pool, deps.tenantId, input.taskId, input.actor);
  if (!found || !found.visible) throw new NotFoundError(`Task ${input.taskId} does not exist`);
  assertOpen(found.task);
  // Inspectors read and verify; a 催办 from them would read as an instruction (as their comments would).
  const readOnly = input.actor.roles.length > 0 && input.actor.roles.every((r) => input.readOnlyRoles?.includes(r));
  if (readOnly && !found.allowed) {
    throw new ForbiddenError(input.locale === 'en' ? 'Inspectors read and verify cases but do not urge them' : '督查人员只能查阅和核验，不能催办');
  }
  if (found.allowed && (found.task.assignee === null || found.task.assignee === input.actor.userId)) {
    throw new ForbiddenError(input.locale === 'en' ? 'This task is yours to work; there is nobody to urge' : '这是您可办理的任务，无需催办');
  }
  const now = deps.clock.now();
  const notificationId = deps.ids.uuid();
  const urged = await deps.db.transaction((tx) => insertUrgeUnlessRecent(tx, {
    id: notificationId, tenantId: deps.tenantId, kind: 'urge', instanceId: found.instance.id, taskId: input.taskId, deliverAt: now,
    payload: { byUserId: input.actor.userId, by: input.actor.displayName ?? input.actor.username, text: input.text?.trim() || null },
  }, new Date(now.getTime() - URGE_WINDOW_MS)));
  if (!urged) return { urged: false, retryAfterSeconds: URGE_WINDOW_MS / 1000 };
  deps.notifications?.dispatch([notificationId]);
  return { urged: true, notificationId };
}
