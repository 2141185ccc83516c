import { canActOnTask, isReadOnlyActor, READ_ONLY_ROLES } from '../auth/org-scope';
import type { Actor } from '../kernel';
import { HttpError } from './http-error';
import type { Locale } from './request-context';
import type { ScopedTask } from '../domain/tasks/task.query';

export { READ_ONLY_ROLES };

/**
 * Refuses (403) a comment from a user whose roles are all read-only, unless the task is one they
 * may act on themselves (a process that names inspectors as its workers, such as the assessment
 * escalation). Everyone else who may see a task may comment on it.
 */
export function assertMayComment(actor: Actor, task: ScopedTask, locale: Locale): void {
  if (!isReadOnlyActor(actor) || canActOnTask(actor, { candidateRoles: task.view.candidateRoles, orgPath: task.orgPath })) return;
  throw new HttpError(403, 'forbidden', locale === 'en'
    ? 'Inspectors read and verify cases but do not comment on tasks they do not work'
    : '督查人员只能查阅和核验，不能在非本人办理的任务上发表意见');
}
