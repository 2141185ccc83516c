import {
  claimNotificationsToSend, markNotificationsEnqueued, recordNotificationFailure, scheduleTaskReminders,
} from '../store/notifications.repository';
import type { MessageWrittenInStep } from '../store/step-writer';
import { deliverNotification } from './deliver-notification';
import type { DeliveryDeps } from './deliver-notification';
import type { NotificationQueue } from './notification-queue';

/** How long before a task's deadline its workers are reminded (a day). */
export const DUE_SOON_MS = 24 * 3_600_000;
/** A notification handed to the queue this long ago and still pending lost its job: the sweep hands it over again. */
const STALE_ENQUEUE_MS = 10 * 60_000;
/** Attempts of a notification delivered without a queue (tests of the step itself). */
const INLINE_ATTEMPTS = 6;
/** Deliveries at once in this process after commits; past that, notifications go to the queue's workers. */
const DIRECT_IN_FLIGHT = 16;

/** Hands notifications to the queue and sweeps for reminders, escalations and lost jobs. */
export interface NotificationDispatcher {
  /**
   * Whether `dispatch` hands notifications over at once (a queue runs): a step then writes its
   * notifications already marked as handed over, and says so with `marked`.
   */
  readonly handsOver: boolean;
  /**
   * After a step's commit: deliver its notifications now, or hand them to the queue (errors are
   * logged; the sweep retries). `marked`: the rows were written marked as handed over.
   */
  dispatch(ids: string[], options?: { marked?: boolean }): void;
  /**
   * Set when a step's own statement may deliver the notifications of the tasks it opens (the
   * committing process delivers at once: a queue runs and every channel is local): the channels
   * it records as done. Undefined when delivery is a queued job's or the sweep's.
   */
  readonly deliversInStep?: { channels: string[] };
  /**
   * After the commit of a step that delivered its new tasks' notifications: the local channels send
   * them, and every node's 消息 streams are told who has new messages (errors are logged).
   */
  deliveredInStep(messages: MessageWrittenInStep[]): void;
  /**
   * Writes the due-soon reminders and overdue escalations that came due by the clock, then hands
   * every due, pending notification without a job to the queue (or, without a queue, delivers it
   * here). Answers how many were handed over.
   */
  sweep(): Promise<number>;
  /** Delivers one notification now (the queue's worker calls it). */
  deliver(id: string): ReturnType<typeof deliverNotification>;
  /** A failed attempt: counted on the row; the last one turns it `failed`. */
  failed(id: string, error: Error, final: boolean): Promise<void>;
}

/** Builds the dispatcher; `queue` absent means delivery happens in `sweep()` itself. */
export function createNotificationDispatcher(deps: DeliveryDeps & { queue?: NotificationQueue; dueSoonMs?: number }): NotificationDispatcher {
  const { db, tenantId, clock, logger, queue } = deps;
  const handOver = async (ids: string[]) => {
    if (!queue) return;
    await queue.enqueue(ids);
  };
  // With only the in-app messages (and local channels such as the log) to write, no outside
  // channel to retry with backoff, the committing process delivers at once: two statements
  // instead of a queued job's round trips through the queue's tables. What fails, or what comes
  // while many deliveries run, goes to the queue.
  const direct = deps.channels.every((channel) => channel.local === true);
  let inFlight = 0;
  const deliverNow = async (ids: string[]) => {
    const rest: string[] = [];
    for (const id of ids) {
      if (inFlight >= DIRECT_IN_FLIGHT) {
        rest.push(id);
        continue;
      }
      inFlight++;
      try {
        await deliverNotification(deps, id);
      } catch (err) {
        logger.warn('notification not delivered at once; handed to the queue', { notificationId: id, error: (err as Error).message });
        rest.push(id);
      } finally {
        inFlight--;
      }
    }
    if (rest.length) await handOver(rest);
  };
  const deliveredInStep = async (messages: MessageWrittenInStep[]) => {
    const byNotification = new Map<string, MessageWrittenInStep[]>();
    for (const m of messages) {
      const told = byNotification.get(m.notificationId);
      if (told) told.push(m);
      else byNotification.set(m.notificationId, [m]);
    }
    for (const [notificationId, told] of byNotification) {
      const [first] = told;
      const recipients = told.map((m) => ({ userId: m.userId, username: m.username, displayName: m.displayName, phone: m.phone }));
      for (const channel of deps.channels) {
        await channel.send({ notificationId, kind: first.kind, title: first.title, body: first.body, link: `/tasks/${first.taskId}`, recipients });
      }
    }
    const told = [...new Set(messages.map((m) => m.userId))];
    // The bell is a convenience: a lost signal only delays the count until the next one or a reload.
    if (told.length) await deps.messageChannel?.publish(told);
  };
  return {
    handsOver: queue !== undefined,
    deliversInStep: queue !== undefined && direct ? { channels: deps.channels.map((channel) => channel.name) } : undefined,
    deliveredInStep(messages) {
      if (!messages.length) return;
      deliveredInStep(messages).catch((err: Error) => logger.warn('messages delivered by a step: a local channel or the signal failed', { error: err.message }));
    },
    dispatch(ids, options) {
      if (!queue || !ids.length) return;
      void (async () => {
        if (!options?.marked) await markNotificationsEnqueued(db.pool, ids, clock.now());
        await (direct ? deliverNow(ids) : handOver(ids));
      })().catch((err: Error) => {
        logger.warn('notifications not enqueued; the sweep will retry', { notifications: ids, error: err.message });
        return markNotificationsEnqueued(db.pool, ids, null).catch(() => undefined);
      });
    },
    async sweep() {
      const now = clock.now();
      await scheduleTaskReminders(db.pool, tenantId, now, deps.dueSoonMs ?? DUE_SOON_MS);
      let handed = 0;
      for (let round = 0; round < 100; round++) {
        const ids = await db.transaction((tx) => claimNotificationsToSend(tx, tenantId, now, STALE_ENQUEUE_MS));
        if (!ids.length) break;
        handed += ids.length;
        if (queue) {
          try {
            await handOver(ids);
          } catch (err) {
            await markNotificationsEnqueued(db.pool, ids, null);
            throw err;
          }
          continue;
        }
        for (const id of ids) {
          try {
            await deliverNotification(deps, id);
          } catch (err) {
            await recordNotificationFailure(db.pool, id, (err as Error).message, false, INLINE_ATTEMPTS);
            // Left pending with its mark: a later sweep (STALE_ENQUEUE_MS on) tries again.
          }
        }
      }
      return handed;
    },
    deliver: (id) => deliverNotification(deps, id),
    failed: (id, error, final) => recordNotificationFailure(db.pool, id, error.message, final),
  };
}
