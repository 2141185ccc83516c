import { canActOnTask, isReadOnlyActor } from '../auth/org-scope';
import { addTaskComment } from '../domain/tasks/task-comments.repository';
import type { TaskComment } from '../domain/tasks/task-comments.repository';
import { findVisibleTask } from '../domain/tasks/task.query';
import { ForbiddenError } from '../kernel';
import type { Actor } from '../kernel';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Adds a comment to a task the actor may see (404 otherwise). A user whose roles are all read-only
 * (inspectors) comments only on a task they may act on themselves (a process that names them as its
 * workers, such as the assessment escalation): 403 otherwise. One transaction.
 */
export async function commentTask(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'clock' | 'ids'>,
  input: { taskId: string; text: string; actor: Actor; locale: 'zh-CN' | 'en' }): Promise<TaskComment> {
  const { actor } = input;
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const task = await findVisibleTask(tx, deps.tenantId, actor, input.taskId, now);
    if (isReadOnlyActor(actor) && !canActOnTask(actor, { candidateRoles: task.view.candidateRoles, orgPath: task.orgPath })) {
      throw new ForbiddenError(input.locale === 'en'
        ? 'Inspectors read and verify cases but do not comment on tasks they do not work'
        : '督查人员只能查阅和核验，不能在非本人办理的任务上发表意见');
    }
    return addTaskComment(tx, { tenantId: deps.tenantId, uuid: () => deps.ids.uuid(), now }, task.view, actor.userId ?? '', input.text);
  });
}
