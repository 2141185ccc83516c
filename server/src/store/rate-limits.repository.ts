import type { SqlClient } from './sql-client';

/** The counted value of one hit on a fixed-window counter. */
export interface RateLimitCount {
  hits: number;
  windowStart: Date;
}

/**
 * Counts one hit of `key` in one statement and answers the counted value: a window that started
 * `windowMs` or more before `now` restarts at `now`. Concurrent hits on one key queue on its row
 * lock, so each gets a distinct count and a burst cannot slip several hits past a limit.
 */
export async function countRateLimitHit(db: SqlClient, key: string, now: Date, windowMs: number): Promise<RateLimitCount> {
  const { rows } = await db.query<{ hits: number; window_start: Date }>(
    `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN rate_limits.window_start <= $2::timestamptz - make_interval(secs => $3 / 1000.0) THEN 1 ELSE rate_limits.hits + 1 END,
       window_start = CASE WHEN rate_limits.window_start <= $2::timestamptz - make_interval(secs => $3 / 1000.0) THEN $2 ELSE rate_limits.window_start END
     RETURNING hits, window_start`,
    [key, now, windowMs]);
  return { hits: rows[0].hits, windowStart: rows[0].window_start };
}

/** Takes back one hit of the window that counted it; a window that has since restarted is left alone. */
export async function refundRateLimitHit(db: SqlClient, key: string, windowStart: Date): Promise<void> {
  await db.query('UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND window_start = $2 AND hits > 0', [key, windowStart]);
}

/** Forgets every hit of `key`. */
export async function deleteRateLimit(db: SqlClient, key: string): Promise<void> {
  await db.query('DELETE FROM rate_limits WHERE key = $1', [key]);
}

/**
 * Deletes the counters whose window started before `before`. Every attempt with a new key (a
 * login with an invented username, an objection from a new address) adds a row, so without this
 * an anonymous caller could grow the table without bound. Answers how many rows went.
 */
export async function deleteStaleRateLimits(db: SqlClient, before: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM rate_limits WHERE window_start < $1', [before]);
  return rowCount ?? 0;
}
