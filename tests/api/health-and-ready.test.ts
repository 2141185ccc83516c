import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

/** `GET /api/health` (liveness) and `GET /api/ready` (readiness), on the app in-process. */
describe('liveness and readiness', () => {
  const lifecycle = { draining: false };
  let harness: ApiHarness;
  beforeAll(async () => { harness = await startApiHarness({ lifecycle }, { timers: 'queue' }); });
  afterAll(async () => { await harness.close(); });
  afterEach(() => { lifecycle.draining = false; });

  it('When everything answers, then /api/ready is 200 with the database, its migrations, the queue and the disk ok, and /api/health is 200', async () => {
    const ready = await harness.anonymous.get('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok', database: 'ok', migrations: 'ok', queue: 'ok', disk: 'ok', draining: false,
      details: { database: { newestApplied: expect.any(Number), newestShipped: expect.any(Number) }, queue: { backend: 'postgres', worker: 'running' } },
    });
    const health = await harness.anonymous.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', draining: false, uptimeSeconds: expect.any(Number) });
  });

  it('When the process drains, then /api/ready answers 503 "draining" with Retry-After while /api/health stays 200', async () => {
    lifecycle.draining = true;
    const ready = await harness.anonymous.get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('5');
    expect(ready.body).toMatchObject({ status: 'draining', draining: true, database: 'ok', migrations: 'ok' });
    const health = await harness.anonymous.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.draining).toBe(true);
  });

  it('When the database lacks the newest migration this release ships, then /api/ready answers 503 with migrations "missing"', async () => {
    const { pool } = harness.services.db;
    const { rows: [newest] } = await pool.query('SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1');
    await pool.query('DELETE FROM drizzle.__drizzle_migrations WHERE id = $1', [newest.id]);
    try {
      const ready = await harness.anonymous.get('/api/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', database: 'ok', migrations: 'missing' });
      expect(ready.body.details.database.newestApplied).toBeLessThan(ready.body.details.database.newestShipped);
    } finally {
      await pool.query('INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES ($1, $2, $3)', [newest.id, newest.hash, newest.created_at]);
    }
    expect((await harness.anonymous.get('/api/ready')).status).toBe(200);
  });
});
