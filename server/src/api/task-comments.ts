import type { Pool } from 'pg';
import type { SessionUser } from '../auth/session-user';
import { canActOnTask } from '../auth/org-scope';
import type { Actor } from '../kernel';
import { HttpError } from './http-error';
import type { Locale } from './request-context';
import type { ScopedTask } from './task.query';
import type { TaskView } from './task-view';

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

/** A comment on a task, as the API answers it (the text is returned as stored: JSON, never HTML). */
export interface TaskComment {
  id: string;
  taskId: string;
  text: string;
  author: { username: string; displayName: string };
  createdAt: string;
}

const toComment = (r: Record<string, any>): TaskComment => ({
  id: r.id, taskId: r.task_id, text: r.text, author: { username: r.username, displayName: r.display_name }, createdAt: r.created_at.toISOString(),
});

/** Stores a comment on a task (table `task_comments`, store/schema.ts). */
export async function addTaskComment(pool: Pool, deps: { tenantId: string; uuid(): string; now: Date }, task: TaskView, author: SessionUser, text: string): Promise<TaskComment> {
  const { rows } = await pool.query(
    `WITH c AS (INSERT INTO task_comments (id, tenant_id, task_id, instance_id, author_id, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
     SELECT c.*, u.username, u.display_name FROM c JOIN users u ON u.id = c.author_id`,
    [deps.uuid(), deps.tenantId, task.id, task.instanceId, author.id, text, deps.now]);
  return toComment(rows[0]);
}

/** A task's comments, oldest first. */
export async function listTaskComments(pool: Pool, taskId: string): Promise<TaskComment[]> {
  const { rows } = await pool.query(
    `SELECT c.*, u.username, u.display_name FROM task_comments c JOIN users u ON u.id = c.author_id WHERE c.task_id = $1 ORDER BY c.created_at, c.id`, [taskId]);
  return rows.map(toComment);
}
