import type { Clock, IdGenerator, Logger } from '../kernel';
import type { Database } from '../store/database';
import {
  findNotificationToDeliver, findUsersById, findUsersOfUnit, insertMessages, insertMessagesAndMarkDelivered, markChannelDone, markNotificationDone,
} from '../store/notifications.repository';
import { TASK_KINDS } from '../store/notifications.repository';
import type { NotificationToDeliver, Recipient } from '../store/notifications.repository';
import type { MessageChannel } from '../store/message-channel';
import type { NotificationChannel } from './notification-channels';

/** What delivering a notification needs. */
export interface DeliveryDeps {
  db: Database;
  tenantId: string;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Outside channels (SMS, webhook, log) besides the built-in in-app messages. */
  channels: NotificationChannel[];
  /** Tells every node's open 消息 streams which users got new messages. */
  messageChannel?: MessageChannel;
}

/** One group of recipients and what they are told. */
interface MessagePlan {
  recipients: Recipient[];
  title: string;
  body: string | null;
}

/** Texts of the `notify` actions of the definitions (templates), for the case's starter. */
const CASE_EVENT_TITLES: Record<string, string> = {
  'identification-rejected': '贫困户申请未通过',
  'exit-approved': '脱贫退出已批准',
  'exit-rejected': '脱贫退出未通过',
  'exit-declined': '脱贫退出未获同意',
  'exit-not-eligible': '不符合脱贫退出条件',
  'relapse-approved': '返贫已审定，恢复帮扶',
  'relapse-rejected': '返贫申请未通过',
  'renovation-rejected': '危房改造申请未通过',
  'project-rejected': '项目不予立项',
  'project-rectification-overdue': '项目整改超期',
  'assessment-dismissed': '考核督办已撤销',
  'change-approved': '户情变更已审定',
  'change-rejected': '户情变更未通过',
};

const REMINDED_KINDS = new Set<string>(TASK_KINDS);

function describeCase(n: NotificationToDeliver): string {
  const title = n.task?.title?.zh ?? n.instance?.definitionTitle ?? '';
  const subject = n.instance?.subject?.text;
  return [title, subject].filter(Boolean).join(' · ');
}

/** Who works the task now: its assignee, or every user of its unit holding one of its roles (read with the notification). */
function workersOf(n: NotificationToDeliver): Recipient[] {
  return n.task?.workers ?? [];
}

/** Kinds a step's new task is announced with. */
export type TaskOpenedKind = 'task_assigned' | 'returned';

/**
 * What the workers of a newly opened task are told (`task_assigned`, or `returned` when an outcome
 * sent the case back): the title's lead-in, followed by the task and case it is about, and the body.
 */
export function taskOpenedText(kind: TaskOpenedKind, payload: { by?: string | null; comment?: string | null }, dueAt: Date | null): { lead: string; body: string | null } {
  return kind === 'returned'
    ? { lead: '案件被退回：', body: [payload.by ? `${payload.by}退回` : null, payload.comment].filter(Boolean).join('：') || null }
    : { lead: '新的待办：', body: dueAt ? `办理时限 ${dueAt.toISOString().slice(0, 10)}` : null };
}

/** Who is told what, by the notification's kind. */
async function planMessages(deps: DeliveryDeps, n: NotificationToDeliver): Promise<MessagePlan[]> {
  const what = describeCase(n);
  const p = n.payload as { comment?: string; by?: string; text?: string; toUserId?: string; content?: string };
  const pool = deps.db.pool;
  switch (n.kind) {
    case 'task_assigned':
    case 'returned': {
      const { lead, body } = taskOpenedText(n.kind, p, n.task?.dueAt ?? null);
      return [{ recipients: workersOf(n), title: `${lead}${what}`, body }];
    }
    case 'due_soon':
      return [{ recipients: workersOf(n), title: `即将到期：${what}`, body: n.task?.dueAt ? `请在 ${n.task.dueAt.toISOString().slice(0, 10)} 前办理` : null }];
    case 'overdue': {
      const plans: MessagePlan[] = [{ recipients: workersOf(n), title: `已超期：${what}`, body: '办理时限已过，请尽快办理' }];
      // Escalation: the level above (the unit's parent) is told that its unit's task is overdue.
      if (n.task?.parentOrgUnitId) {
        plans.push({ recipients: await findUsersOfUnit(pool, n.tenantId, n.task.parentOrgUnitId, null), title: `超期督办：${what}`, body: '下级单位的任务已超过办理时限，请督促办理' });
      }
      return plans;
    }
    case 'urge':
      return [{ recipients: workersOf(n), title: `催办：${what}`, body: [p.by ? `${p.by}催办` : null, p.text].filter(Boolean).join('：') || null }];
    case 'reassigned':
      return [{ recipients: await findUsersById(pool, n.tenantId, p.toUserId ? [p.toUserId] : []), title: `转办给您：${what}`, body: [p.by ? `${p.by}转办` : null, p.comment].filter(Boolean).join('：') || null }];
    case 'objection':
      return [{ recipients: await findUsersById(pool, n.tenantId, n.instance?.createdBy ? [n.instance.createdBy] : []), title: `您经办的案件收到异议：${what}`, body: p.content ?? null }];
    default:
      return [{ recipients: await findUsersById(pool, n.tenantId, n.instance?.createdBy ? [n.instance.createdBy] : []), title: `${CASE_EVENT_TITLES[n.template] ?? '案件有新进展'}：${what}`, body: null }];
  }
}

/**
 * Delivers one notification: the in-app messages (once per user, whatever the retries), a signal
 * to every node's 消息 streams, then each outside channel that has not taken it yet. A channel
 * that fails throws, leaving the row pending for the queue's retry. A reminder, escalation or
 * 催办 of a task that has closed meanwhile is skipped. Whoever caused the notification (`byUserId`)
 * is not told of their own act.
 */
export async function deliverNotification(deps: DeliveryDeps, notificationId: string): Promise<'delivered' | 'skipped' | 'gone'> {
  const n = await findNotificationToDeliver(deps.db.pool, notificationId);
  if (!n || n.status !== 'pending') return 'gone';
  const now = deps.clock.now();
  if (REMINDED_KINDS.has(n.kind) && n.kind !== 'reassigned' && (!n.task || (n.task.status !== 'open' && n.task.status !== 'claimed'))) {
    await markNotificationDone(deps.db.pool, n.id, 'skipped', now);
    return 'skipped';
  }
  const byUserId = (n.payload as { byUserId?: string }).byUserId;
  const plans = (await planMessages(deps, n)).map((plan) => ({ ...plan, recipients: plan.recipients.filter((r) => r.userId !== byUserId) }));
  const link = n.taskId ? `/tasks/${n.taskId}` : null;
  const seen = new Set<string>();
  const rows = plans.flatMap((plan) => plan.recipients.filter((r) => !seen.has(r.userId) && seen.add(r.userId)).map((r) => ({
    id: deps.ids.uuid(), userId: r.userId, kind: n.kind, title: plan.title, body: plan.body, instanceId: n.instanceId, taskId: n.taskId, subject: n.instance?.subject ?? null,
  })));
  const signal = async (told: string[]) => {
    if (!told.length || !deps.messageChannel) return;
    // The bell is a convenience: a lost signal only delays the count until the next one or a reload.
    await deps.messageChannel.publish(told).catch((err: Error) => deps.logger.warn('message signal not sent', { notificationId: n.id, error: err.message }));
  };
  const send = async (channel: NotificationChannel) => {
    for (const plan of plans) {
      if (plan.recipients.length) await channel.send({ notificationId: n.id, kind: n.kind, title: plan.title, body: plan.body, link, recipients: plan.recipients });
    }
  };
  const pending = deps.channels.filter((channel) => !n.channelsDone.includes(channel.name));
  if (pending.every((channel) => channel.local)) {
    // Only channels inside this process (the log) are left: they go first, then the messages and
    // the delivered mark are one statement. A failure before it leaves the row pending (retried).
    for (const channel of pending) await send(channel);
    await signal(await insertMessagesAndMarkDelivered(deps.db.pool, n.tenantId, n.id, rows, now, pending.map((channel) => channel.name)));
    return 'delivered';
  }
  // Outside channels may fail: the messages are written first, each channel is recorded as it takes
  // the notification (a retry skips it), the last one with the delivered mark.
  await signal(await insertMessages(deps.db.pool, n.tenantId, n.id, rows, now));
  for (const [i, channel] of pending.entries()) {
    await send(channel);
    if (i < pending.length - 1) await markChannelDone(deps.db.pool, n.id, channel.name);
  }
  await markNotificationDone(deps.db.pool, n.id, 'delivered', now, pending.slice(-1).map((channel) => channel.name));
  return 'delivered';
}
