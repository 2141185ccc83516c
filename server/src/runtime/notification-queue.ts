import { Queue, Worker, createPostgresBackend, withBackend } from 'bullmq';
import { withLogContext } from '../kernel';
import type { Logger } from '../kernel';
import { redisConnection } from './bullmq-timer-queue';
import type { QueueBackend } from './bullmq-timer-queue';

export const NOTIFICATION_QUEUE_NAME = 'jz-notifications';

/** Delivery of notifications through BullMQ: one job per notification id, retried with backoff. */
export interface NotificationQueue {
  enqueue(ids: string[]): Promise<void>;
  /**
   * Starts delivering jobs to `deliver(id)`. A job that throws is retried (`attempts` in all);
   * `failed(id, error, final)` is told of every failed attempt, `final` on the last.
   */
  startWorker(deliver: (id: string) => Promise<unknown>, failed: (id: string, error: Error, final: boolean) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface NotificationQueueOptions {
  /** Attempts per notification (default 6). */
  attempts?: number;
  /** First retry delay; each next one doubles (default 5 s). */
  retryDelayMs?: number;
}

/**
 * The notification queue on the same backend as the timers (BullMQ on PostgreSQL, or on Redis
 * when REDIS_URL is set). Jobs carry only the notification id; the row is the truth, so a job
 * added twice or delivered twice sends nothing twice.
 */
export function createNotificationQueue(backend: QueueBackend, logger: Logger, options: NotificationQueueOptions = {}): NotificationQueue {
  const attempts = options.attempts ?? 6;
  const classes = backend.kind === 'postgres'
    ? (() => {
      const bound = withBackend(createPostgresBackend);
      return { Queue: bound.Queue, Worker: bound.Worker, connection: { connectionString: backend.url, schema: 'bullmq', migrate: true, max: 2 } as unknown };
    })()
    : { Queue, Worker, connection: redisConnection(backend.url) as unknown };
  const queue = new (classes.Queue as unknown as new (name: string, opts: { connection: unknown }) => Queue)(NOTIFICATION_QUEUE_NAME, { connection: classes.connection });
  const report = (what: string) => (err: Error & { code?: string }) => {
    if (err.code === '57P01') logger.info(`${what}: the database is shutting down`);
    else logger.warn(`${what} error`, { error: err.message });
  };
  queue.on('error', report('notification queue'));
  let worker: Worker | undefined;
  return {
    async enqueue(ids) {
      for (const id of ids) {
        await queue.add('deliver', { notificationId: id }, {
          jobId: id, removeOnComplete: true, removeOnFail: 1000, attempts, backoff: { type: 'exponential', delay: options.retryDelayMs ?? 5_000 },
        });
      }
    },
    async startWorker(deliver, failed) {
      type Job = { data: { notificationId: string }; attemptsMade: number };
      worker = new (classes.Worker as unknown as new (name: string, processor: (job: Job) => Promise<unknown>, opts: Record<string, unknown>) => Worker)(
        NOTIFICATION_QUEUE_NAME,
        (job: Job) => withLogContext({ notificationId: job.data.notificationId }, async () => {
          try {
            return await deliver(job.data.notificationId);
          } catch (err) {
            const final = job.attemptsMade + 1 >= attempts;
            await failed(job.data.notificationId, err as Error, final).catch(() => undefined);
            logger.warn('notification not delivered', { notificationId: job.data.notificationId, attempt: job.attemptsMade + 1, final, error: (err as Error).message });
            throw err;
          }
        }),
        { connection: classes.connection, concurrency: 4 });
      worker.on('error', report('notification worker'));
      await worker.waitUntilReady();
    },
    async close() {
      await worker?.close();
      await queue.close();
    },
  };
}
