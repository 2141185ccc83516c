import { Queue, Worker, createPostgresBackend, withBackend } from 'bullmq';
import { withLogContext } from '../kernel';
import type { Logger, TimerQueue } from '../kernel';

/** Where BullMQ keeps its jobs: PostgreSQL (the app's own database) by default, Redis at scale. */
export type QueueBackend = { kind: 'postgres'; url: string } | { kind: 'redis'; url: string };

export interface BullmqTimerQueue extends TimerQueue {
  /** Resolves once the backend is reachable (and, on PostgreSQL, its tables exist). */
  ready(): Promise<void>;
  /** Starts delivering jobs to `deliver(timerId)`; returns when the worker is ready. */
  startWorker(deliver: (timerId: string) => Promise<'fired' | 'skipped' | 'not_due'>, onNotDue: (timerId: string) => Promise<void>): Promise<void>;
  /** A cheap probe for /api/health: one round trip to the backend, and whether the worker runs. */
  health(): Promise<{ backend: 'postgres' | 'redis'; ok: boolean; worker: 'running' | 'stopped' | 'none'; error?: string }>;
  /** Jobs by state (waiting, delayed, active, failed), for the metrics and the admin's queue page. */
  counts(): Promise<Record<QueueJobState, number>>;
  /** The BullMQ queue itself, for the admin's queue dashboard (bull-board). */
  readonly queue: Queue;
  readonly backend: QueueBackend['kind'];
}

/** The job states the operator watches. */
export const QUEUE_JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
export type QueueJobState = typeof QUEUE_JOB_STATES[number];

/** What the queue reports beside its log lines (the metrics' failure counter). */
export interface TimerQueueHooks {
  jobFailed?(): void;
}

export const TIMER_QUEUE_NAME = 'jz-timers';

/** ioredis options for a `redis://` URL, as BullMQ needs them (no retry limit per request). */
export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname, port: Number(u.port || 6379), password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined, maxRetriesPerRequest: null,
  };
}

/**
 * Timer delivery through BullMQ: a delayed job per timer whose `jobId` is the timer id, so adding
 * the same timer twice is a no-op while the job exists. Jobs carry only the id; the worker goes
 * back to the database, where the timer row is the truth.
 */
export function createBullmqTimerQueue(backend: QueueBackend, logger: Logger, hooks: TimerQueueHooks = {}): BullmqTimerQueue {
  const classes = backend.kind === 'postgres'
    ? (() => {
      const bound = withBackend(createPostgresBackend);
      const connection = { connectionString: backend.url, schema: 'bullmq', migrate: true, max: 4 };
      return { Queue: bound.Queue, Worker: bound.Worker, connection };
    })()
    : { Queue, Worker, connection: redisConnection(backend.url) };
  const queue = new (classes.Queue as unknown as new (name: string, opts: { connection: unknown }) => Queue)(TIMER_QUEUE_NAME, { connection: classes.connection });
  // On Ctrl-C the embedded PostgreSQL stops alongside the app (57P01 admin_shutdown): that is
  // the shutdown, not a fault, so it is logged as such.
  const report = (what: string) => (err: Error & { code?: string }) => {
    if (err.code === '57P01') logger.info(`${what}: the database is shutting down`);
    else logger.warn(`${what} error`, { error: err.message });
  };
  queue.on('error', report('timer queue'));
  let worker: Worker | undefined;

  return {
    async ready() {
      await queue.waitUntilReady();
    },
    async enqueue(timers, now) {
      for (const timer of timers) {
        const delay = Math.max(0, timer.fireAt.getTime() - now.getTime());
        const existing = await queue.getJob(timer.id);
        if (existing && (await existing.isDelayed())) {
          // A job from an earlier enqueue may wait longer than the timer now needs (clock moved, job lost and re-added).
          if (existing.timestamp + (existing.delay ?? 0) > Date.now() + delay) {
            if (delay === 0) await existing.promote();
            else await existing.changeDelay(delay);
          }
          continue;
        }
        await queue.add('fire', { timerId: timer.id }, {
          jobId: timer.id, delay, removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 1000 },
        });
      }
    },
    async startWorker(deliver, onNotDue) {
      worker = new (classes.Worker as unknown as new (name: string, processor: (job: { data: { timerId: string } }) => Promise<unknown>, opts: Record<string, unknown>) => Worker)(TIMER_QUEUE_NAME, (job: { data: { timerId: string } }) => withLogContext({ timerId: job.data.timerId }, async () => {
        const outcome = await deliver(job.data.timerId);
        if (outcome === 'not_due') await onNotDue(job.data.timerId);
        return outcome;
      }), { connection: classes.connection, concurrency: 4 });
      worker.on('error', report('timer worker'));
      worker.on('failed', (job, err) => {
        hooks.jobFailed?.();
        logger.warn('timer job failed', { timerId: job?.data?.timerId, attempt: job?.attemptsMade, error: err.message });
      });
      await worker.waitUntilReady();
    },
    async health() {
      const workerState = !worker ? 'none' : worker.isRunning() ? 'running' : 'stopped';
      try {
        // isPaused reads one meta value: the cheapest call that reaches the backend.
        await Promise.race([queue.isPaused(), new Promise((_, reject) => setTimeout(() => reject(new Error('queue backend timeout')), 2_000).unref())]);
        return { backend: backend.kind, ok: workerState !== 'stopped', worker: workerState };
      } catch (err) {
        return { backend: backend.kind, ok: false, worker: workerState, error: (err as Error).message };
      }
    },
    async counts() {
      const counts = await queue.getJobCounts(...QUEUE_JOB_STATES);
      return Object.fromEntries(QUEUE_JOB_STATES.map((state) => [state, counts[state] ?? 0])) as Record<QueueJobState, number>;
    },
    queue,
    backend: backend.kind,
    async close() {
      await worker?.close();
      await queue.close();
    },
  };
}
