import { countRateLimitHit, deleteRateLimit, refundRateLimitHit } from '../store/rate-limits.repository';
import type { SqlPool } from '../store/sql-client';
import type { Clock } from '../kernel';

/** The counted value of one hit: the decision is taken on it, never on a separate read. */
export interface RateLimitHit {
  /** True when this hit is within the limit (its count is at most `limit`). */
  allowed: boolean;
  /** The count this hit produced, itself included. */
  hits: number;
  /** Seconds until the window that counted this hit ends (at least 1). */
  retryAfterSeconds: number;
  /** Start of the window that counted this hit, for {@link RateLimiter.refund}. */
  windowStart: Date;
}

/**
 * A fixed-window counter kept in PostgreSQL, so every server process shares the same limits.
 * There is deliberately no "is it blocked?" read: a check followed by a separate count lets a
 * parallel burst through between the two, so callers count first and decide on the counted value.
 */
export interface RateLimiter {
  /** Counts one hit for `key` in one statement and answers the counted value. */
  hit(key: string): Promise<RateLimitHit>;
  /**
   * Takes back one hit of the window that counted it (an attempt that turned out not to be a
   * failure); a window that has since ended is left alone.
   */
  refund(key: string, windowStart: Date): Promise<void>;
  /** Forgets every hit of `key`. */
  reset(key: string): Promise<void>;
}

/**
 * Creates a limiter of `limit` hits per `windowMs` under `name` (the rows of different limiters
 * never collide). Time comes from `clock`, so tests move the window with an injected clock.
 * Needs the `rate_limits` table (store/schema.ts).
 */
export function createRateLimiter(pool: SqlPool, clock: Clock, options: { name: string; limit: number; windowMs: number }): RateLimiter {
  const { name, limit, windowMs } = options;
  const rowKey = (key: string) => `${name}:${key}`;
  const retryAfter = (windowStart: Date, now: Date) => Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return {
    async hit(key) {
      const now = clock.now();
      // One statement that counts and answers: the decision is taken on the counted value.
      const { hits, windowStart } = await countRateLimitHit(pool, rowKey(key), now, windowMs);
      return { allowed: hits <= limit, hits, retryAfterSeconds: retryAfter(windowStart, now), windowStart };
    },
    async refund(key, windowStart) {
      await refundRateLimitHit(pool, rowKey(key), windowStart);
    },
    async reset(key) {
      await deleteRateLimit(pool, rowKey(key));
    },
  };
}
