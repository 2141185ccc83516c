import type { SqlClient } from '../../store/sql-client';

/** A comment on a task, as the API answers it (the text is returned as stored: JSON, never HTML). */
export interface TaskComment {
  id: string;
  taskId: string;
  text: string;
  author: { username: string; displayName: string };
  createdAt: string;
}

interface TaskCommentRow {
  id: string;
  task_id: string;
  text: string;
  username: string;
  display_name: string;
  created_at: Date;
}

const toComment = (r: TaskCommentRow): TaskComment => ({
  id: r.id, taskId: r.task_id, text: r.text, author: { username: r.username, displayName: r.display_name }, createdAt: r.created_at.toISOString(),
});

/** Stores a comment on a task (table `task_comments`, store/schema.ts) and answers it with its author. */
export async function addTaskComment(db: SqlClient, deps: { tenantId: string; uuid(): string; now: Date }, task: { id: string; instanceId: string }, authorId: string, text: string): Promise<TaskComment> {
  const { rows } = await db.query<TaskCommentRow>(
    `WITH c AS (INSERT INTO task_comments (id, tenant_id, task_id, instance_id, author_id, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
     SELECT c.id, c.task_id, c.text, c.created_at, u.username, u.display_name FROM c JOIN users u ON u.id = c.author_id`,
    [deps.uuid(), deps.tenantId, task.id, task.instanceId, authorId, text, deps.now]);
  return toComment(rows[0]);
}

/** A task's comments, oldest first. */
export async function listTaskComments(db: SqlClient, taskId: string): Promise<TaskComment[]> {
  const { rows } = await db.query<TaskCommentRow>(
    `SELECT c.id, c.task_id, c.text, c.created_at, u.username, u.display_name FROM task_comments c JOIN users u ON u.id = c.author_id WHERE c.task_id = $1 ORDER BY c.created_at, c.id`, [taskId]);
  return rows.map(toComment);
}
