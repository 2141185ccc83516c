import type { Pool } from 'pg';
import type { Clock } from '../runtime/ports';

/** A fixed-window counter kept in PostgreSQL, so every server process shares the same limits. */
export interface RateLimiter {
  /** Counts one hit for `key`; answers whether it is still within the limit and when the window resets. */
  hit(key: string): Promise<{ allowed: boolean; hits: number; retryAfterSeconds: number }>;
  /** Whether `key` has reached the limit, without counting a hit. */
  isBlocked(key: string): Promise<{ blocked: boolean; retryAfterSeconds: number }>;
  reset(key: string): Promise<void>;
}

/**
 * Creates a limiter of `limit` hits per `windowMs` under `name` (the rows of different limiters
 * never collide). Needs the `rate_limits` table (store/schema.ts).
 */
export function createRateLimiter(pool: Pool, clock: Clock, options: { name: string; limit: number; windowMs: number }): RateLimiter {
  const { name, limit, windowMs } = options;
  const rowKey = (key: string) => `${name}:${key}`;
  const retryAfter = (windowStart: Date, now: Date) => Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return {
    async hit(key) {
      const now = clock.now();
      const { rows } = await pool.query(
        `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_start <= $2::timestamptz - make_interval(secs => $3 / 1000.0) THEN 1 ELSE rate_limits.hits + 1 END,
           window_start = CASE WHEN rate_limits.window_start <= $2::timestamptz - make_interval(secs => $3 / 1000.0) THEN $2 ELSE rate_limits.window_start END
         RETURNING hits, window_start`,
        [rowKey(key), now, windowMs]);
      const { hits, window_start: windowStart } = rows[0];
      return { allowed: hits <= limit, hits, retryAfterSeconds: retryAfter(windowStart, now) };
    },
    async isBlocked(key) {
      const now = clock.now();
      const { rows } = await pool.query('SELECT hits, window_start FROM rate_limits WHERE key = $1', [rowKey(key)]);
      const row = rows[0];
      if (!row || row.window_start.getTime() + windowMs <= now.getTime()) return { blocked: false, retryAfterSeconds: 0 };
      return { blocked: row.hits >= limit, retryAfterSeconds: retryAfter(row.window_start, now) };
    },
    async reset(key) {
      await pool.query('DELETE FROM rate_limits WHERE key = $1', [rowKey(key)]);
    },
  };
}
