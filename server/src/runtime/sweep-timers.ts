import { claimTimersToSweep, markTimersEnqueued } from '../store/timers.repository';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Re-enqueues timers due within `horizonMs` that have no job: never enqueued (the process died
 * between commit and enqueue) or overdue after an enqueue (the job was lost). Rows are claimed
 * with SKIP LOCKED so concurrent sweepers take disjoint sets; a failed enqueue clears the marks so
 * the next sweep tries again.
 */
export async function sweepTimers(deps: RuntimeDeps, horizonMs = 120_000): Promise<number> {
  const queue = deps.timerQueue;
  if (!queue) return 0;
  const now = deps.clock.now();
  const claimed = await deps.db.transaction((tx) => claimTimersToSweep(tx, now, horizonMs));
  if (claimed.length) {
    try {
      await queue.enqueue(claimed, now);
    } catch (err) {
      await markTimersEnqueued(deps.db.pool, claimed.map((r) => r.id), null);
      throw err;
    }
  }
  return claimed.length;
}
