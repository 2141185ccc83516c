import { deleteStaleRateLimits } from '../../server/src/store/rate-limits.repository';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

describe('rate-limit counters', () => {
  it('When counters of invented usernames are a day old, then pruning deletes them and keeps the current ones', async () => {
    const pool = services.db.pool;
    const now = new Date('2026-12-06T08:00:00Z');
    const old = new Date(now.getTime() - 25 * 3_600_000);
    await pool.query(`INSERT INTO rate_limits (key, window_start, hits) SELECT 'login:sprayed-' || n || '|127.0.0.1', $1, 1 FROM generate_series(1, 500) n`, [old]);
    await pool.query(`INSERT INTO rate_limits (key, window_start, hits) VALUES ('login:cun-dongyuan|127.0.0.1', $1, 3)`, [new Date(now.getTime() - 60_000)]);
    expect(await deleteStaleRateLimits(pool, new Date(now.getTime() - 24 * 3_600_000))).toBe(500);
    const { rows } = await pool.query('SELECT key, hits FROM rate_limits');
    expect(rows).toEqual([{ key: 'login:cun-dongyuan|127.0.0.1', hits: 3 }]);
  });
});
