import { canActOnTask } from '../auth/org-scope';
import type { Actor } from '../kernel';
import { HttpError } from './http-error';
import type { Locale } from './request-context';
import type { ScopedTask } from '../domain/tasks/task.query';

/**
 * Roles that read and verify but change nothing (督查 / 纪检 inspectors, auditors): seeing a case
 * is their job, and a comment from them on someone else's task would read as an instruction.
 */
export const READ_ONLY_ROLES: readonly string[] = ['inspector', 'auditor'];

/**
 * Refuses (403) a comment from a user whose roles are all read-only, unless the task is one they
 * may act on themselves (a process that names inspectors as its workers, such as the assessment
 * escalation). Everyone else who may see a task may comment on it.
 */
export function assertMayComment(actor: Actor, task: ScopedTask, locale: Locale): void {
  const readOnly = actor.roles.length > 0 && actor.roles.every((r) => READ_ONLY_ROLES.includes(r));
  if (!readOnly || canActOnTask(actor, { candidateRoles: task.view.candidateRoles, orgPath: task.orgPath })) return;
  throw new HttpError(403, 'forbidden', locale === 'en'
    ? 'Inspectors read and verify cases but do not comment on tasks they do not work'
    : '督查人员只能查阅和核验，不能在非本人办理的任务上发表意见');
}
