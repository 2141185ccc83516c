import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from './config';
import { createBlobStore } from './domain/attachments/blob-store';
import type { BlobStore } from './domain/attachments/blob-store';
import { createConfigResolver, parseCountyConfig } from './domain/county-config';
import type { CountyConfig, CountyConfigFile } from './domain/county-config';
import { createActionHandlers } from './domain/action-handlers';
import { createRecordWriters } from './domain/records';
import { postDueInterestSubsidies } from './domain/funds';
import { createWorkCalendar } from './engine';
import { createFormValidator } from './forms';
import { createBullmqTimerQueue } from './runtime/bullmq-timer-queue';
import type { BullmqTimerQueue } from './runtime/bullmq-timer-queue';
import { chinaYear, createJsonLogger, randomIds, systemClock } from './kernel';
import { createDefinitionCatalog } from './runtime/definition-catalog';
import { createPrometheusMetrics } from './runtime/prometheus-metrics';
import type { AppMetrics } from './runtime/prometheus-metrics';
import type { DefinitionCatalog } from './runtime/definition-catalog';
import type { Clock, IdGenerator, Logger } from './kernel';
import { createRuntime } from './runtime';
import type { Runtime } from './runtime';
import { seedDatabase } from './seed';
import { migrateDatabase, openDatabase } from './store/database';
import type { Database, PoolOptions } from './store/database';
import { deleteStaleRateLimits } from './store/rate-limits.repository';
import { countOverdueTimers } from './store/timers.repository';
import { deleteStaleIdempotencyKeys } from './store/idempotency.repository';
import { isReachableByServerUser, startEmbeddedPostgres } from './store/embedded-postgres';
import { createSharedTestClock } from './store/test-clock';
import { createPgMessageChannel } from './store/message-channel';
import { createPgChangeSignal } from './store/change-signal';
import type { ChangeSignal } from './store/change-signal';
import { SESSION_CHANGES } from './store/sessions.repository';
import type { MessageChannel } from './store/message-channel';
import { createChannels } from './runtime/notification-channels';
import { timerHorizonFor } from './runtime/sweep-timers';
import type { NotificationChannel } from './runtime/notification-channels';
import { createNotificationDispatcher } from './runtime/notification-dispatcher';
import type { NotificationDispatcher } from './runtime/notification-dispatcher';
import { createNotificationQueue } from './runtime/notification-queue';
import { createRedisMessageChannel } from './runtime/redis-message-channel';
import { createSnapshotMemory } from './runtime/snapshot-memory';
import type { SnapshotMemory } from './runtime/snapshot-memory';
import type { SharedTestClock } from './store/test-clock';
import type { EmbeddedPostgresServer } from './store/embedded-postgres';

/**
 * The county configuration, checked against the verification form's exclusion rules: a year
 * without its holiday calendar, or a rule the form cannot record, stops the start with the fix.
 */
export function readCountyConfig(rootDir: string): CountyConfig {
  const file = JSON.parse(readFileSync(join(rootDir, 'workflows', 'county-config.json'), 'utf8')) as CountyConfigFile;
  const form = JSON.parse(readFileSync(join(rootDir, 'schemas', 'household-identification', 'verification.json'), 'utf8')) as {
    schema?: { properties?: { exclusionChecks?: { items?: { properties?: { rule?: { oneOf?: Array<{ const?: unknown }> } } } } } };
  };
  const ids = (form.schema?.properties?.exclusionChecks?.items?.properties?.rule?.oneOf ?? []).map((o) => String(o.const));
  return parseCountyConfig(file, { exclusionRuleIdsInForm: ids });
}

/** How long a rate-limit counter is kept after its window started (the longest window is an hour). */
const RATE_LIMIT_RETENTION_MS = 24 * 3_600_000;
const IDEMPOTENCY_RETENTION_MS = 30 * 24 * 3_600_000;

export interface ServicesOptions {
  config: AppConfig;
  clock?: Clock;
  /**
   * NODE_ENV=test: workflow time is the test clock shared through the database (the wall clock plus
   * the offset every node reads), instead of `clock`.
   */
  sharedTestClock?: boolean;
  ids?: IdGenerator;
  logger?: Logger;
  /** Deliver timers through BullMQ (default) or only through `fireDueTimers` (tests of the step itself). */
  timers?: 'queue' | 'none';
  /** Sweep interval; 0 disables the periodic sweep (the start sweep still runs). */
  sweepIntervalMs?: number;
  /** Settings for a throwaway embedded cluster, e.g. `{ fsync: 'off' }`. */
  embeddedSettings?: Record<string, string>;
  /** Pool size and timeouts (acquire, statement, idle in transaction). */
  pool?: PoolOptions;
  /**
   * Called when the services cannot go on (the embedded PostgreSQL died and could not be
   * restarted). The composition root exits non-zero so that a supervisor restarts the app;
   * without it the failure is only logged.
   */
  onFatal?: (error: Error) => void;
  /** Outside message channels instead of those NOTIFY_CHANNELS names (tests pass a failing one). */
  channels?: NotificationChannel[];
  /** The first retry delay of a failed notification (default 5 s; each next doubles). */
  notificationRetryDelayMs?: number;
}

/** Everything the app runs on, wired once; `close()` stops it in reverse order. */
export interface Services {
  config: AppConfig;
  db: Database;
  runtime: Runtime;
  catalog: DefinitionCatalog;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  county: CountyConfig;
  configForYear: (year: number) => Record<string, unknown>;
  /** The demo password, when this start created the demo accounts. */
  seededDemoPassword?: string;
  timerQueue?: BullmqTimerQueue;
  /** Counters and histograms of steps, timers, the queue, HTTP and the pool (GET /metrics). */
  metrics: AppMetrics;
  /** The shared test clock (when `sharedTestClock` was asked for); it is also `clock`. */
  testClock?: SharedTestClock;
  /** Messages: the outbox's queue hand-over and sweep (reminders, escalations). */
  notifications: NotificationDispatcher;
  /** Signals "these users have new messages" to every node (PostgreSQL LISTEN/NOTIFY, or Redis pub/sub). */
  messageChannel: MessageChannel;
  /** Moves whenever a session, a user or a unit changes on any node: the sessions a node holds in memory are good while it stands. */
  sessionChanges: ChangeSignal;
  /** The snapshots of the cases this node's runtime stepped last (a step's read need not fetch them again). */
  snapshots: SnapshotMemory;
  /** The embedded PostgreSQL, when the app started its own (no DATABASE_URL). */
  embedded?: EmbeddedPostgresServer;
  /** Where attachment content lives: PostgreSQL, or the S3 bucket of S3_URL. */
  blobs: BlobStore;
  close(): Promise<void>;
}

/**
 * Where the embedded cluster lives: `$JZ_DATA_DIR/pg`. When the default `./data` is inside a
 * directory the server's `postgres` user cannot enter (a checkout under /root, run as root), a
 * per-checkout folder under /var/lib/jingzhun is used instead, so `npm start` works anywhere.
 */
export function embeddedDataDir(config: AppConfig, logger: Logger): string {
  const preferred = join(config.dataDir, 'pg');
  if (config.dataDirExplicit || isReachableByServerUser(dirname(preferred))) return preferred;
  const fallback = join('/var/lib/jingzhun', createHash('sha256').update(config.rootDir).digest('hex').slice(0, 12), 'pg');
  mkdirSync(dirname(fallback), { recursive: true });
  chmodSync(dirname(fallback), 0o755);
  chmodSync(dirname(dirname(fallback)), 0o755);
  logger.info(`${preferred} is not reachable by the postgres user; keeping the embedded database in ${fallback} (set JZ_DATA_DIR to choose)`);
  return fallback;
}

/**
 * Starts the database (embedded unless DATABASE_URL is set), migrates and seeds it, and builds
 * the runtime with its timer queue and sweep.
 */
export async function startServices(options: ServicesOptions): Promise<Services> {
  const { config } = options;
  let clock = options.clock ?? systemClock;
  let testClock: SharedTestClock | undefined;
  const ids = options.ids ?? randomIds;
  const logger = options.logger ?? createJsonLogger();
  let embedded: EmbeddedPostgresServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const dataDir = embeddedDataDir(config, logger);
    embedded = await startEmbeddedPostgres({
      dataDir, settings: options.embeddedSettings,
      // PostgreSQL's own chatter stays quiet; what the app does about the server is logged.
      log: (message) => { if (/orphaned PostgreSQL|removing the stale|pg_ctl stop failed|exited unexpectedly|restart \d/.test(message)) logger.warn(message); },
      supervise: {
        onExit: (exit) => logger.error('嵌入式 PostgreSQL 意外退出，正在重启 (the embedded PostgreSQL exited unexpectedly; restarting it)', { dataDir, ...exit }),
        onRestart: (info) => logger.warn('嵌入式 PostgreSQL 已重启 (the embedded PostgreSQL was restarted)', { dataDir, ...info }),
        onGiveUp: (error) => {
          logger.error('嵌入式 PostgreSQL 无法重启 (the embedded PostgreSQL could not be restarted)', { dataDir, error: error.message });
          options.onFatal?.(error);
        },
      },
    });
    url = embedded.url;
  }
  const closers: Array<() => Promise<void>> = [];
  if (embedded) closers.push(() => embedded!.stop());
  try {
    await migrateDatabase(url);
    const db = openDatabase(url, options.pool);
    closers.unshift(() => db.close());
    if (options.sharedTestClock) {
      testClock = createSharedTestClock(db.pool);
      await testClock.sync();
      clock = testClock;
    }
    const county = readCountyConfig(config.rootDir);
    if (!county.calendarSources[String(chinaYear(clock.now()))]) {
      logger.warn(`县配置没有 ${chinaYear(clock.now())} 年的节假日安排：按工作日计算的时限会把节假日算作工作日，请在 county-config.json 的 calendar 中补充 (no holiday calendar for the current year)`);
    }
    const configForYear = createConfigResolver(county);
    const demoPassword = config.demoPassword ?? randomBytes(9).toString('base64url');
    const seeded = await seedDatabase(db, { tenantId: config.tenantId, rootDir: config.rootDir, demoPassword, ids, now: clock.now() });
    const catalog = createDefinitionCatalog(db.pool, configForYear);
    const queueRef: { queue?: BullmqTimerQueue } = {};
    const metrics = createPrometheusMetrics({
      pool: () => ({ total: db.pool.totalCount, idle: db.pool.idleCount, waiting: db.pool.waitingCount }),
      queueCounts: options.timers === 'none' ? undefined : () => queueRef.queue!.counts(),
      overdueTimers: () => countOverdueTimers(db.pool, config.tenantId, clock.now()),
    });
    const timerQueue = options.timers === 'none' ? undefined
      : createBullmqTimerQueue(config.redisUrl ? { kind: 'redis', url: config.redisUrl } : { kind: 'postgres', url }, logger, { jobFailed: () => metrics.queueJobFailed() });
    queueRef.queue = timerQueue;
    if (timerQueue) closers.unshift(() => timerQueue.close());
    const messageChannel = config.redisUrl ? createRedisMessageChannel(config.redisUrl, logger) : createPgMessageChannel(url, db.pool, logger);
    closers.unshift(() => messageChannel.close());
    await messageChannel.ready();
    const sessionChanges = createPgChangeSignal(url, SESSION_CHANGES, 'session change signal', logger);
    closers.unshift(() => sessionChanges.close());
    await sessionChanges.ready();
    const backend = config.redisUrl ? { kind: 'redis' as const, url: config.redisUrl } : { kind: 'postgres' as const, url };
    const notificationQueue = options.timers === 'none' ? undefined : createNotificationQueue(backend, logger, { retryDelayMs: options.notificationRetryDelayMs });
    if (notificationQueue) closers.unshift(() => notificationQueue.close());
    const notifications = createNotificationDispatcher({
      db, tenantId: config.tenantId, clock, ids, logger, channels: options.channels ?? createChannels(config.notify, logger), messageChannel, queue: notificationQueue,
    });
    const snapshots = createSnapshotMemory();
    const runtime = createRuntime({
      db, tenantId: config.tenantId, clock, ids, logger, calendar: createWorkCalendar(county.calendar), catalog,
      forms: createFormValidator(), configForYear, actionHandlers: createActionHandlers(createRecordWriters()), timerQueue, metrics: metrics.runtime, notifications,
      snapshots, sessionChanges, timerHorizonMs: timerHorizonFor(options.sweepIntervalMs ?? 60_000),
    });
    const maintenanceMs = options.sweepIntervalMs ?? 60_000;
    if (maintenanceMs > 0) {
      // Rate-limit windows are at most an hour long; counters a day old count nothing any more.
      const prune = () => Promise.all([
        deleteStaleRateLimits(db.pool, new Date(Date.now() - RATE_LIMIT_RETENTION_MS)),
        // An offline queue sends within days; a month-old key will not come again.
        deleteStaleIdempotencyKeys(db.pool, new Date(Date.now() - IDEMPOTENCY_RETENTION_MS)),
      ]).catch((err) => logger.warn('rate-limit and idempotency-key pruning failed', { error: (err as Error).message }));
      const handle = setInterval(() => void prune(), maintenanceMs);
      handle.unref();
      closers.unshift(async () => clearInterval(handle));
      // Micro-credit interest subsidies that fell due are posted to the ledger at start and hourly; a posted loan year is never posted twice.
      const postSubsidies = () => db.transaction((client) => postDueInterestSubsidies(client, { tenantId: config.tenantId, now: clock.now(), configForYear, uuid: () => ids.uuid() }))
        .catch((err: unknown) => logger.warn('interest subsidy posting failed', { error: (err as Error).message }));
      void postSubsidies();
      const hourly = setInterval(() => void postSubsidies(), Math.max(maintenanceMs, 3_600_000));
      hourly.unref();
      closers.unshift(async () => clearInterval(hourly));
    }
    if (timerQueue) {
      await timerQueue.startWorker(
        async (timerId) => {
          // Another node may have moved the shared test clock since this one last looked.
          await testClock?.sync();
          return runtime.fireTimer(timerId);
        },
        async (timerId) => { await db.pool.query('UPDATE timers SET enqueued_at = NULL WHERE id = $1', [timerId]); });
      await notificationQueue?.startWorker(async (id) => {
        await testClock?.sync();
        return notifications.deliver(id);
      }, (id, error, final) => notifications.failed(id, error, final));
      const sweep = () => (testClock?.sync() ?? Promise.resolve()).then(() => runtime.sweepTimers()).catch((err) => logger.warn('timer sweep failed', { error: (err as Error).message }))
        // Reminders before a deadline, escalations after it, and notifications whose job was lost.
        .then(() => notifications.sweep()).catch((err) => logger.warn('notification sweep failed', { error: (err as Error).message }));
      await sweep();
      const interval = options.sweepIntervalMs ?? 60_000;
      if (interval > 0) {
        const handle = setInterval(() => void sweep(), interval);
        handle.unref();
        closers.unshift(async () => clearInterval(handle));
      }
    }
    return {
      config, db, runtime, catalog, clock, ids, logger, county, configForYear, timerQueue, testClock, metrics, embedded, notifications, messageChannel, sessionChanges, snapshots,
      blobs: createBlobStore(config.s3Url),
      seededDemoPassword: seeded ? demoPassword : undefined,
      async close() {
        for (const close of closers) await close().catch((err) => logger.warn('shutdown step failed', { error: (err as Error).message }));
      },
    };
  } catch (err) {
    for (const close of closers) await close().catch(() => undefined);
    throw err;
  }
}
