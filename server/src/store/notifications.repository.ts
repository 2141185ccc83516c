import type { Pool, PoolClient } from 'pg';

/** The pool, or the caller's connection inside a transaction. */
type Queryable = Pool | PoolClient;

/** What a notification is about; the delivery decides who receives it from this. */
export type NotificationKind =
  | 'task_assigned' | 'returned' | 'objection' | 'due_soon' | 'overdue' | 'reassigned' | 'urge' | 'case_event';

/**
 * The kinds about a task to do (a new task, a return, a reminder, a 催办, a handover): what they ask
 * is settled when the task closes, so a late one is not sent and a sent one then reads as read.
 */
export const TASK_KINDS: readonly NotificationKind[] = ['task_assigned', 'returned', 'due_soon', 'overdue', 'urge', 'reassigned'];

/** A notification to write (the outbox row a queued job delivers). */
export interface NewNotification {
  id: string;
  tenantId: string;
  kind: NotificationKind;
  instanceId: string | null;
  taskId: string | null;
  payload: Record<string, unknown>;
  deliverAt: Date;
}

/** Writes one notification row, pending until a job delivers it. */
export async function insertNotification(db: Queryable, n: NewNotification): Promise<void> {
  await db.query(
    `INSERT INTO notifications (id, tenant_id, instance_id, task_id, template, kind, payload, status, deliver_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6, 'pending', $7, $7)`,
    [n.id, n.tenantId, n.instanceId, n.taskId, n.kind, JSON.stringify(n.payload), n.deliverAt]);
}

/**
 * Writes the due-soon reminder of every open task whose deadline is within `dueSoonMs` and the
 * overdue escalation of every open task past it (one of each per task, whichever node sweeps).
 * A task already overdue gets the escalation only. Answers how many rows were written.
 */
export async function scheduleTaskReminders(db: Queryable, tenantId: string, now: Date, dueSoonMs: number): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO notifications (id, tenant_id, instance_id, task_id, template, kind, payload, status, deliver_at, created_at)
     SELECT gen_random_uuid(), t.tenant_id, t.instance_id, t.id, k.kind, k.kind, jsonb_build_object('dueAt', t.due_at), 'pending', $2::timestamptz, $2::timestamptz
     FROM tasks t
     CROSS JOIN LATERAL (SELECT CASE WHEN t.due_at <= $2::timestamptz THEN 'overdue' ELSE 'due_soon' END AS kind) k
     WHERE t.tenant_id = $1 AND t.status IN ('open', 'claimed') AND t.due_at IS NOT NULL
       AND t.due_at <= $2::timestamptz + make_interval(secs => $3 / 1000.0)
     ON CONFLICT (task_id, kind) WHERE kind IN ('due_soon', 'overdue') DO NOTHING`,
    [tenantId, now, dueSoonMs]);
  return rowCount ?? 0;
}

/**
 * Claims up to `limit` pending notifications that are due and have no job (never handed to the
 * queue, or handed over `staleMs` ago and still pending: the job was lost) and marks them
 * enqueued. SKIP LOCKED gives concurrent sweepers disjoint sets; run it in a transaction.
 */
export async function claimNotificationsToSend(tx: PoolClient, tenantId: string, now: Date, staleMs: number, limit = 500): Promise<string[]> {
  const { rows } = await tx.query(
    `UPDATE notifications SET enqueued_at = $2 WHERE id IN (
       SELECT id FROM notifications
       WHERE tenant_id = $1 AND status = 'pending' AND COALESCE(deliver_at, created_at) <= $2
         AND (enqueued_at IS NULL OR enqueued_at < $2::timestamptz - make_interval(secs => $3 / 1000.0))
       ORDER BY COALESCE(deliver_at, created_at) LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING id`, [tenantId, now, staleMs, limit]);
  return rows.map((r) => r.id as string);
}

/** Marks notifications as handed to the queue (or clears the mark with null so the sweep retries them). */
export async function markNotificationsEnqueued(db: Queryable, ids: string[], at: Date | null): Promise<void> {
  await db.query('UPDATE notifications SET enqueued_at = $2 WHERE id = ANY($1::uuid[])', [ids, at]);
}

/** A notification with the task and case it is about, as the delivery needs them. */
export interface NotificationToDeliver {
  id: string;
  tenantId: string;
  kind: NotificationKind;
  template: string;
  status: string;
  payload: Record<string, unknown>;
  attempts: number;
  channelsDone: string[];
  instanceId: string | null;
  taskId: string | null;
  task: {
    status: string; title: { zh?: string; en?: string } | null; candidateRoles: string[]; orgUnitId: string; assignee: string | null;
    dueAt: Date | null; parentOrgUnitId: string | null;
    /** Who works the task now: its assignee, or the active users of its unit holding one of its roles (by username). */
    workers: Recipient[];
  } | null;
  instance: { createdBy: string | null; subject: { text?: string } | null; receiptNo: string | null; definitionTitle: string | null } | null;
}

/**
 * SQL that holds for `user` (a users row's alias) when they work an unclaimed task of unit `unit`
 * with the roles `roles` (null: any role): active users of that unit holding one of them. The
 * delivery of a notification and a step's own delivery use this one rule.
 */
export function unitWorkerCondition(user: string, unit: string, roles: string): string {
  return `${user}.org_unit_id = ${unit} AND NOT ${user}.disabled AND (${roles} IS NULL OR ${user}.roles && ${roles})`;
}

/**
 * One notification with its task, the task's workers and its case (one round trip); undefined when
 * there is none.
 */
export async function findNotificationToDeliver(db: Queryable, id: string): Promise<NotificationToDeliver | undefined> {
  const { rows } = await db.query({
    name: 'jz_find_notification_to_deliver',
    text: `SELECT n.id, n.tenant_id, n.kind, n.template, n.status, n.payload, n.attempts, n.channels_done, n.instance_id, n.task_id,
            t.status AS task_status, t.title AS task_title, t.candidate_roles, t.org_unit_id AS task_org_unit_id, t.assignee, t.due_at,
            o.parent_id AS parent_org_unit_id, w.workers,
            i.created_by, i.subject, i.receipt_no, i.title AS instance_title
     FROM notifications n
     LEFT JOIN tasks t ON t.id = n.task_id
     LEFT JOIN org_units o ON o.id = t.org_unit_id
     LEFT JOIN instances i ON i.id = COALESCE(n.instance_id, t.instance_id)
     LEFT JOIN LATERAL (
       SELECT COALESCE(jsonb_agg(jsonb_build_object('userId', u.id, 'username', u.username, 'displayName', u.display_name, 'phone', u.phone)
                                 ORDER BY u.username), '[]'::jsonb) AS workers
       FROM users u
       WHERE u.tenant_id = n.tenant_id AND NOT u.disabled
         AND (CASE WHEN t.assignee IS NOT NULL THEN u.id = t.assignee
                   ELSE ${unitWorkerCondition('u', 't.org_unit_id', 't.candidate_roles')} END)
     ) w ON t.id IS NOT NULL
     WHERE n.id = $1`,
    values: [id],
  });
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id, tenantId: r.tenant_id, kind: (r.kind ?? 'case_event') as NotificationKind, template: r.template, status: r.status, payload: r.payload ?? {},
    attempts: r.attempts, channelsDone: r.channels_done ?? [], instanceId: r.instance_id, taskId: r.task_id,
    task: r.task_status ? {
      status: r.task_status, title: r.task_title, candidateRoles: r.candidate_roles, orgUnitId: r.task_org_unit_id, assignee: r.assignee,
      dueAt: r.due_at, parentOrgUnitId: r.parent_org_unit_id,
      workers: (r.workers ?? []).map((w: Recipient) => ({ ...w, phone: w.phone ?? null })),
    } : null,
    instance: r.instance_id || r.created_by ? { createdBy: r.created_by, subject: r.subject, receiptNo: r.receipt_no, definitionTitle: r.instance_title } : null,
  };
}

/** A user a message goes to. */
export interface Recipient {
  userId: string;
  username: string;
  displayName: string;
  phone: string | null;
}

const RECIPIENT_COLUMNS = 'id AS user_id, username, display_name, phone';
const toRecipient = (r: Record<string, unknown>): Recipient => ({
  userId: r.user_id as string, username: r.username as string, displayName: r.display_name as string, phone: (r.phone as string | null) ?? null,
});

/** Active users of an org unit holding one of `roles` (any role when `roles` is null). */
export async function findUsersOfUnit(db: Queryable, tenantId: string, orgUnitId: string, roles: string[] | null): Promise<Recipient[]> {
  const { rows } = await db.query(
    `SELECT ${RECIPIENT_COLUMNS} FROM users WHERE tenant_id = $1 AND org_unit_id = $2 AND NOT disabled AND ($3::text[] IS NULL OR roles && $3::text[]) ORDER BY username`,
    [tenantId, orgUnitId, roles]);
  return rows.map(toRecipient);
}

/** Active users by id (disabled accounts receive nothing). */
export async function findUsersById(db: Queryable, tenantId: string, ids: string[]): Promise<Recipient[]> {
  if (!ids.length) return [];
  const { rows } = await db.query(
    `SELECT ${RECIPIENT_COLUMNS} FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND NOT disabled ORDER BY username`, [tenantId, ids]);
  return rows.map(toRecipient);
}

/** One in-app message to write. */
export interface NewMessage {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  instanceId: string | null;
  taskId: string | null;
  subject: unknown;
}

/**
 * A message's time: when its notification was due (the step that caused it, or the reminder's
 * time), not when a queue got round to delivering it, which may be later ($2 the notification, $4 now).
 */
const MESSAGE_TIME = 'COALESCE(LEAST((SELECT deliver_at FROM notifications WHERE id = $2), $4::timestamptz), $4::timestamptz)';

/**
 * Writes the in-app messages of a notification, once per user however often the delivery runs
 * (a retry after a failing channel writes nothing twice). Answers the users who got a new message.
 */
export async function insertMessages(db: Queryable, tenantId: string, notificationId: string, messages: NewMessage[], now: Date): Promise<string[]> {
  if (!messages.length) return [];
  const { rows } = await db.query(
    `INSERT INTO messages (id, tenant_id, user_id, notification_id, kind, title, body, instance_id, task_id, subject, created_at)
     SELECT m."id", $1, m."userId", $2, m."kind", m."title", m."body", m."instanceId", m."taskId", m."subject", ${MESSAGE_TIME}
     FROM jsonb_to_recordset($3::jsonb) AS m("id" uuid, "userId" uuid, "kind" text, "title" text, "body" text, "instanceId" uuid, "taskId" uuid, "subject" jsonb)
     ON CONFLICT (notification_id, user_id) WHERE notification_id IS NOT NULL DO NOTHING
     RETURNING user_id`, [tenantId, notificationId, JSON.stringify(messages), now]);
  return rows.map((r) => r.user_id as string);
}

/** Records that an outside channel took the notification, so a retry skips it. */
export async function markChannelDone(db: Queryable, id: string, channel: string): Promise<void> {
  await db.query(`UPDATE notifications SET channels_done = array_append(channels_done, $2) WHERE id = $1 AND NOT ($2 = ANY(channels_done))`, [id, channel]);
}

/**
 * Ends a notification: delivered, or skipped (the task it reminds of closed meanwhile), with the
 * channels that took it in this last go recorded as done.
 */
export async function markNotificationDone(db: Queryable, id: string, status: 'delivered' | 'skipped', now: Date, channels: string[] = []): Promise<void> {
  await db.query({
    name: 'jz_mark_notification_done',
    text: `UPDATE notifications SET status = $2, delivered_at = $3, attempts = attempts + 1, last_error = NULL,
             channels_done = channels_done || ARRAY(SELECT c FROM unnest($4::text[]) c WHERE NOT (c = ANY(channels_done)))
           WHERE id = $1 AND status = 'pending'`,
    values: [id, status, now, channels],
  });
}

/**
 * Writes a notification's in-app messages (once per user, as `insertMessages`) and ends it as
 * delivered with `channels` recorded as done, in one statement. Answers the users who got a new message.
 */
export async function insertMessagesAndMarkDelivered(db: Queryable, tenantId: string, notificationId: string, messages: NewMessage[], now: Date,
  channels: string[]): Promise<string[]> {
  const { rows } = await db.query({
    name: 'jz_insert_messages_and_mark_delivered',
    text: `WITH m AS (
       INSERT INTO messages (id, tenant_id, user_id, notification_id, kind, title, body, instance_id, task_id, subject, created_at)
       SELECT m."id", $1, m."userId", $2, m."kind", m."title", m."body", m."instanceId", m."taskId", m."subject", ${MESSAGE_TIME}
       FROM jsonb_to_recordset($3::jsonb) AS m("id" uuid, "userId" uuid, "kind" text, "title" text, "body" text, "instanceId" uuid, "taskId" uuid, "subject" jsonb)
       ON CONFLICT (notification_id, user_id) WHERE notification_id IS NOT NULL DO NOTHING
       RETURNING user_id
     ), d AS (
       UPDATE notifications SET status = 'delivered', delivered_at = $4, attempts = attempts + 1, last_error = NULL,
         channels_done = channels_done || ARRAY(SELECT c FROM unnest($5::text[]) c WHERE NOT (c = ANY(channels_done)))
       WHERE id = $2 AND status = 'pending'
     )
     SELECT user_id FROM m`,
    values: [tenantId, notificationId, JSON.stringify(messages), now, channels],
  });
  return rows.map((r) => r.user_id as string);
}

/** Counts a failed attempt; `final` (or reaching `maxAttempts`) turns the row `failed`: nobody tries again. */
export async function recordNotificationFailure(db: Queryable, id: string, error: string, final: boolean, maxAttempts?: number): Promise<void> {
  await db.query(
    `UPDATE notifications SET attempts = attempts + 1, last_error = left($2, 1000),
       status = CASE WHEN $3::boolean OR attempts + 1 >= $4::int THEN 'failed' ELSE status END
     WHERE id = $1 AND status = 'pending'`, [id, error, final, maxAttempts ?? null]);
}

/**
 * Writes a 催办 unless the task was urged since `since` (the rate limit); false when it was. The
 * task's advisory lock serialises urges of one task, so two at once cannot both pass. Run it in
 * a transaction (the lock holds until commit).
 */
export async function insertUrgeUnlessRecent(tx: PoolClient, n: NewNotification, since: Date): Promise<boolean> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`urge:${n.taskId}`]);
  const { rows } = await tx.query(`SELECT 1 FROM notifications WHERE task_id = $1 AND kind = 'urge' AND created_at > $2 LIMIT 1`, [n.taskId, since]);
  if (rows.length) return false;
  await insertNotification(tx, n);
  return true;
}
