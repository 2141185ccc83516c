import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { findFreePort } from '../../server/src/store/embedded-postgres';
import { drive, startApiHarness } from '../api/api-harness';
import type { ApiHarness } from '../api/api-harness';

/**
 * The admin's queue dashboard (bull-board at /admin/queues) on both queue backends: BullMQ's
 * PostgreSQL backend (the default) and Redis (REDIS_URL, Debian's redis-server started here on a
 * free port; under CI a missing redis-server fails the suite).
 */
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const underCi = Boolean(process.env.CI) && !['false', '0'].includes(process.env.CI as string);
if (!hasRedis && underCi) {
  describe('the queue dashboard on Redis', () => {
    it('needs redis-server', () => { throw new Error('redis-server is not installed: `apt-get install -y redis-server` (.ci/run does)'); });
  });
}

let redis: ChildProcess | undefined;
let redisUrl = '';
beforeAll(async () => {
  if (!hasRedis) return;
  const port = await findFreePort();
  redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
  redisUrl = `redis://127.0.0.1:${port}`;
});
afterAll(() => { redis?.kill(); });

const backends: Array<[string, () => Record<string, string>]> = [
  ['PostgreSQL', () => ({})],
  ...(hasRedis ? [['Redis', () => ({ REDIS_URL: redisUrl })] as [string, () => Record<string, string>]] : []),
];

describe.each(backends)('the queue dashboard with BullMQ on %s', (backend, env) => {
  let harness: ApiHarness;
  beforeAll(async () => { harness = await startApiHarness({}, { timers: 'queue', env: env() }); });
  afterAll(async () => { await harness.close(); });

  it('When nobody is logged in, then it answers 401; a clerk, a reviewer and an inspector get 403', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/favicon.ico']) {
      const anonymous = await harness.anonymous.get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('unauthenticated');
    }
    for (const username of ['cun-dongyuan', 'xian', 'ducha']) {
      const answer = await (await harness.login(username)).get('/admin/queues/api/queues');
      expect(answer.status).toBe(403);
      expect(answer.text).not.toContain('jz-timers');
    }
  });

  it('When a notice\'s timer comes near, then an admin sees its job on the page and in its API, read-only', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    await drive(harness, 'dongyuan', started.body.id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    const { rows } = await harness.services.db.pool.query(`SELECT id, fire_at, enqueued_at FROM timers WHERE instance_id = $1 AND status = 'scheduled'`, [started.body.id]);
    expect(rows).toHaveLength(1);
    const timerId: string = rows[0].id;
    // The 7-day timer waits in the database; the sweep hands it to the queue a minute before it is due.
    expect(rows[0].enqueued_at).toBeNull();
    harness.services.clock.advance(rows[0].fire_at.getTime() - harness.services.clock.now().getTime() - 60_000);
    expect(await harness.services.runtime.sweepTimers()).toBeGreaterThanOrEqual(1);

    const admin = await harness.login('admin');
    const page = await admin.get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<base href="/admin/queues/"');
    expect(page.text).toContain('精准 · 任务队列');

    const api = await admin.get('/admin/queues/api/queues?activeQueue=jz-timers&status=delayed&page=1&jobsPerPage=50');
    expect(api.status).toBe(200);
    const queue = api.body.queues.find((q: any) => q.name === 'jz-timers');
    expect(queue).toMatchObject({ readOnlyMode: true, description: expect.stringContaining(backend === 'Redis' ? 'Redis' : 'PostgreSQL') });
    expect(queue.counts.delayed).toBeGreaterThanOrEqual(1);
    expect(queue.jobs.map((j: any) => j.id)).toContain(timerId);
    expect(queue.jobs.find((j: any) => j.id === timerId).data).toEqual({ timerId });

    // Read-only: without the CSRF token a change is refused by the app, with it by the board; the job stays.
    const forged = await admin.withoutCsrf().request('PUT', '/admin/queues/api/queues/jz-timers/pause');
    expect(forged.status).toBe(403);
    const refused = await admin.request('PUT', `/admin/queues/api/queues/jz-timers/${timerId}/promote`);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const after = await admin.get('/admin/queues/api/queues?activeQueue=jz-timers&status=delayed&page=1&jobsPerPage=50');
    expect(after.body.queues.find((q: any) => q.name === 'jz-timers').jobs.map((j: any) => j.id)).toContain(timerId);
  });
});
