import { claimTimersToSweep, markTimersEnqueued } from '../store/timers.repository';
import type { RuntimeDeps } from './runtime-deps';

/**
 * How far ahead the job queue holds timers, by default. The timers table is the schedule: a step
 * hands the queue only the timers due within the horizon (a reminder in a minute), and the sweep
 * hands over the rest (a 7-day notice period) as they come within it. So the queue holds the
 * near-term jobs only, a step that schedules a long timer costs no queue work, and a timer
 * cancelled before it comes near never reaches the queue.
 */
export const TIMER_QUEUE_HORIZON_MS = 120_000;

/** The horizon for a periodic sweep every `sweepIntervalMs`: at least two sweeps fall within it. */
export function timerHorizonFor(sweepIntervalMs: number): number {
  return Math.max(TIMER_QUEUE_HORIZON_MS, 2 * sweepIntervalMs);
}

/**
 * Enqueues the timers due within the horizon that have no job: those a step left to the sweep
 * (due later than the horizon when scheduled), never enqueued (the process died between commit
 * and enqueue), or overdue after an enqueue (the job was lost). Rows are claimed with SKIP LOCKED
 * so concurrent sweepers take disjoint sets; a failed enqueue clears the marks so the next sweep
 * tries again.
 */
export async function sweepTimers(deps: RuntimeDeps, horizonMs = deps.timerHorizonMs ?? TIMER_QUEUE_HORIZON_MS): Promise<number> {
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
