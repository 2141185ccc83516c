import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createBullmqTimerQueue } from '../../server/src/runtime/bullmq-timer-queue';
import type { QueueBackend } from '../../server/src/runtime/bullmq-timer-queue';
import { silentLogger } from '../../server/src/runtime/clocks';
import { findFreePort } from '../../server/src/store/embedded-postgres';
import { createTestDatabase } from '../support/test-database';

/**
 * One contract for both timer queue backends: BullMQ on PostgreSQL (the default) and on Redis
 * (REDIS_URL). Redis comes from Debian's redis-server; under CI=true its absence fails the suite.
 */
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis && process.env.CI === 'true') {
  throw new Error('redis-server is not installed: .ci/run installs it (apt-get install -y redis-server)');
}
if (!hasRedis) console.warn('redis-server not installed: the Redis backend of the timer queue contract is NOT tested here');

let database: { url: string; drop(): Promise<void> };
let redis: ChildProcess | undefined;
let redisUrl = '';
beforeAll(async () => {
  database = await createTestDatabase();
  if (hasRedis) {
    const port = await findFreePort();
    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
    redisUrl = `redis://127.0.0.1:${port}`;
  }
});
afterAll(async () => {
  redis?.kill();
  await database.drop();
});

const backends: Array<[string, () => QueueBackend]> = [
  ['PostgreSQL', () => ({ kind: 'postgres', url: database.url })],
  ...(hasRedis ? [['Redis', () => ({ kind: 'redis', url: redisUrl })] as [string, () => QueueBackend]] : []),
];

describe.each(backends)('the BullMQ timer queue on %s', (_name, backend) => {
  it('delivers every enqueued timer id, and brings forward a job that waits longer than its timer now needs', async () => {
    const queue = createBullmqTimerQueue(backend(), silentLogger);
    const delivered: string[] = [];
    let release: () => void = () => undefined;
    const allDelivered = new Promise<void>((r) => { release = r; });
    try {
      await queue.ready();
      await queue.startWorker(async (id) => {
        delivered.push(id);
        if (new Set(delivered).size >= 3) release();
        return 'fired';
      }, async () => undefined);
      const now = new Date();
      const ids = ['0b1e5c1e-0000-4000-8000-000000000001', '0b1e5c1e-0000-4000-8000-000000000002', '0b1e5c1e-0000-4000-8000-000000000003'];
      // The third first goes in far in the future (a job from a clock that has since moved on)…
      await queue.enqueue([{ id: ids[2], fireAt: new Date(now.getTime() + 7 * 86_400_000) }], now);
      await queue.enqueue([{ id: ids[0], fireAt: now }, { id: ids[1], fireAt: now }], now);
      await queue.enqueue([{ id: ids[0], fireAt: now }], now);
      // …and is enqueued again as due now: the waiting job is brought forward, not duplicated.
      await queue.enqueue([{ id: ids[2], fireAt: now }], now);
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([allDelivered, new Promise((_, reject) => { timeout = setTimeout(() => reject(new Error(`delivered only ${delivered.join(', ')}`)), 15_000); })]);
      clearTimeout(timeout);
      // Delivery is at least once (a finished job's id may be added again); the timer row makes firing exactly once.
      expect([...new Set(delivered)].sort()).toEqual(ids);
    } finally {
      await queue.close();
    }
  });
});
