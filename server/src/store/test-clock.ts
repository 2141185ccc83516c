import type { Pool } from 'pg';
import { advanceTime, createOffsetClock } from '../kernel';
import type { AdjustableClock } from '../kernel';

/**
 * The test clock of NODE_ENV=test, shared through the database: workflow time is the wall clock
 * plus the offset in `test_clock`, so moving the clock on one server process moves it on every
 * process on the same database (and it stays moved across restarts). Each process reads the
 * offset with `sync()` before it handles a request or delivers a timer (one primary-key read), so
 * what one node moved the next request sees on any node.
 */
export interface SharedTestClock extends AdjustableClock {
  sync(): Promise<void>;
  advance(by: string | number): Promise<Date>;
}

export function createSharedTestClock(pool: Pool): SharedTestClock {
  const clock = createOffsetClock();
  const take = (rows: Array<{ offset_ms: string | number }>) => { if (rows[0]) clock.catchUp(Number(rows[0].offset_ms)); };
  return {
    now: () => clock.now(),
    async sync() {
      const { rows } = await pool.query({ name: 'jz_test_clock', text: 'SELECT offset_ms FROM test_clock WHERE id = 1' });
      take(rows);
    },
    async advance(by) {
      await this.sync();
      const now = clock.now().getTime();
      // Calendar months have different lengths: the step is measured from the shared time now.
      const step = advanceTime(now, by) - now;
      if (!(step > 0)) throw new Error(`the test clock only moves forward, not by "${String(by)}"`);
      const { rows } = await pool.query(
        `INSERT INTO test_clock (id, offset_ms) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET offset_ms = test_clock.offset_ms + $1, updated_at = now() RETURNING offset_ms`,
        [step]);
      take(rows);
      return clock.now();
    },
  };
}
