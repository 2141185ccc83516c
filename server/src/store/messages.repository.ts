import type { Pool, PoolClient } from 'pg';
import type { Message } from '../contract/messages';
import { TASK_KINDS } from './notifications.repository';

/** The pool, or the caller's connection inside a transaction. */
type Queryable = Pool | PoolClient;

/** A message in the user's 消息 list, as the contract shows it. */
export type MessageView = Message;

const TASK_KINDS_SQL = `(${TASK_KINDS.map((kind) => `'${kind}'`).join(', ')})`;

/**
 * When a message counts as read: when its reader read it, or, for a message about a task to do
 * (TASK_KINDS), when that task was done or cancelled, by whoever: a 新的待办 for a task a colleague
 * has since completed asks nothing more of anyone.
 */
function readAt(m: string): string {
  return `COALESCE(${m}.read_at, CASE WHEN ${m}.kind IN ${TASK_KINDS_SQL}
    THEN (SELECT COALESCE(t.completed_at, ${m}.created_at) FROM tasks t WHERE t.id = ${m}.task_id AND t.status IN ('completed', 'cancelled')) END)`;
}

/** A page of the user's messages, newest first, with the unread count. */
export async function listMessages(db: Queryable, tenantId: string, userId: string, options: { unread: boolean; page: number; pageSize: number }): Promise<{ items: MessageView[]; total: number; unread: number; page: number; pageSize: number }> {
  const { rows } = await db.query(
    `SELECT m.id, m.kind, m.title, m.body, m.instance_id, m.task_id, m.subject, m.created_at, ${readAt('m')} AS read_at,
            count(*) OVER () AS total, (SELECT count(*)::int FROM messages u WHERE u.user_id = $2 AND ${readAt('u')} IS NULL) AS unread
     FROM messages m WHERE m.tenant_id = $1 AND m.user_id = $2 AND (NOT $3::boolean OR ${readAt('m')} IS NULL)
     ORDER BY m.created_at DESC, m.id DESC LIMIT $4 OFFSET $5`,
    [tenantId, userId, options.unread, options.pageSize, (options.page - 1) * options.pageSize]);
  const unread = rows[0]?.unread ?? await countUnreadMessages(db, userId);
  return {
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, title: r.title, body: r.body, instanceId: r.instance_id, taskId: r.task_id, subject: r.subject,
      createdAt: (r.created_at as Date).toISOString(), readAt: r.read_at ? (r.read_at as Date).toISOString() : null,
    })),
    total: Number(rows[0]?.total ?? 0), unread, page: options.page, pageSize: options.pageSize,
  };
}

/** How many messages the user has not read (the bell's number), those settled by their task's end left out. */
export async function countUnreadMessages(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query({ name: 'jz_unread_messages', text: `SELECT count(*)::int AS n FROM messages m WHERE m.user_id = $1 AND ${readAt('m')} IS NULL`, values: [userId] });
  return rows[0].n as number;
}

/** Marks one of the user's messages read; false when the user has no such message. */
export async function markMessageRead(db: Queryable, tenantId: string, userId: string, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE messages SET read_at = COALESCE(read_at, $4) WHERE id = $3 AND user_id = $2 AND tenant_id = $1', [tenantId, userId, id, now]);
  return Boolean(rowCount);
}

/** Marks every unread message of the user read; answers how many. */
export async function markAllMessagesRead(db: Queryable, tenantId: string, userId: string, now: Date): Promise<number> {
  const { rowCount } = await db.query('UPDATE messages SET read_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL', [tenantId, userId, now]);
  return rowCount ?? 0;
}
