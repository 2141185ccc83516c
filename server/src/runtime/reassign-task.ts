import { ConflictError, isUuid, ValidationError } from '../kernel';
import type { Actor } from '../kernel';
import { auditActorOf, insertAuditEvent } from '../store/audit-events.repository';
import { insertNotification } from '../store/notifications.repository';
import { findColleagues, handOverTaskRow } from '../store/task-handover.repository';
import type { Colleague } from '../store/task-handover.repository';
import type { RuntimeDeps } from './runtime-deps';
import { loadTaskToActOn } from './task-access';

/** 转办: who hands which task to whom, and why. */
export interface ReassignTaskInput {
  taskId: string;
  toUserId: string;
  comment?: string;
  actor: Actor;
  locale?: 'zh-CN' | 'en';
}

/** The colleagues the actor may hand a task to (转办): the task's unit, a role it names, not the actor. */
export async function listReassignTargets(deps: Pick<RuntimeDeps, 'db' | 'tenantId'>, taskId: string, actor: Actor): Promise<Colleague[]> {
  const { task } = await loadTaskToActOn(deps, taskId, actor, 'reassign');
  return findColleagues(deps.db.pool, deps.tenantId, task.orgPath, task.candidateRoles, actor.userId);
}

/**
 * 转办: hands a task the actor may work (open, or claimed by them) to a colleague of the task's
 * unit who holds one of its roles. In one transaction: the task's new assignee, the audit row and
 * the colleague's message (delivered by the queue after commit). Anyone else is a 400 naming the
 * field; a task someone else took meanwhile is a 409.
 */
export async function reassignTask(deps: RuntimeDeps, input: ReassignTaskInput): Promise<{ taskId: string; assignee: Colleague }> {
  const { task, instance } = await loadTaskToActOn(deps, input.taskId, input.actor, 'reassign');
  const en = input.locale === 'en';
  if (task.status === 'claimed' && task.assignee !== input.actor.userId) {
    throw new ConflictError(`Task ${task.id} is claimed by ${task.assigneeName ?? 'another user'}`, 'task_claimed');
  }
  const colleagues = isUuid(input.toUserId) ? await findColleagues(deps.db.pool, deps.tenantId, task.orgPath, task.candidateRoles, input.actor.userId) : [];
  const target = colleagues.find((c) => c.id === input.toUserId);
  if (!target) {
    throw new ValidationError(en ? 'Cannot hand the task to this user' : '不能转办给该用户', {
      '/userId': [en ? 'Choose a colleague of the task\'s unit who may work it' : '请选择本单位有办理权限的同事'],
    });
  }
  const now = deps.clock.now();
  const comment = input.comment?.trim() || null;
  const notificationId = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    if (!await handOverTaskRow(tx, deps.tenantId, task.id, input.actor.userId, target.id)) {
      throw new ConflictError(`Task ${task.id} was taken or closed meanwhile; reload it`, 'task_claimed');
    }
    await insertAuditEvent(tx, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: now, action: 'task.reassign', target: task.id, reason: comment ?? undefined,
      actor: auditActorOf(input.actor),
      details: { instanceId: instance.id, state: task.state, from: task.assignee, to: target.id, toUsername: target.username },
    });
    await insertNotification(tx, {
      id: notificationId, tenantId: deps.tenantId, kind: 'reassigned', instanceId: instance.id, taskId: task.id, deliverAt: now,
      payload: { toUserId: target.id, byUserId: input.actor.userId, by: input.actor.displayName ?? input.actor.username, comment },
    });
  });
  deps.notifications?.dispatch([notificationId]);
  return { taskId: task.id, assignee: target };
}
