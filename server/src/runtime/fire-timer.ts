import { applyEvent } from '../engine';
import { ConflictError, NotFoundError, SYSTEM_ACTOR } from '../kernel';
import { findTimerForStep, listDueTimerIds, markTimerFired } from '../store/timers.repository';
import { commitStep } from './commit-step';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Delivers one timer through the ordinary step. A fired or cancelled timer is a no-op; a timer
 * not yet due is left for later. Safe to call from several processes at once: the step is gated
 * on the timer still being scheduled and on the instance version.
 */
export async function fireTimer(deps: RuntimeDeps, timerId: string): Promise<'fired' | 'skipped' | 'not_due'> {
  const outcome = await deliverTimer(deps, timerId);
  deps.metrics?.timerDelivered(outcome.outcome, outcome.lateSeconds);
  return outcome.outcome;
}

async function deliverTimer(deps: RuntimeDeps, timerId: string): Promise<{ outcome: 'fired' | 'skipped' | 'not_due'; lateSeconds?: number }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    // The timer and its instance in one read: a due timer's step needs both.
    const found = await findTimerForStep(deps.db.pool, timerId, deps.snapshots?.recall(timerId));
    if (!found || found.timer.status !== 'scheduled') return { outcome: 'skipped' };
    const { timer, instance } = found;
    const now = deps.clock.now();
    if (timer.fireAt.getTime() > now.getTime()) return { outcome: 'not_due' };
    if (found.instanceTenantId !== deps.tenantId) throw new NotFoundError(`Instance ${timer.instanceId} does not exist`);
    const def = await deps.catalog.byId(instance.definitionId);
    const result = applyEvent(def.loaded, instance.snapshot, { type: timer.eventType }, { now, calendar: deps.calendar });
    try {
      if (!result.accepted) {
        // A stale timer (its state already left): record that it was delivered, change nothing else.
        await markTimerFired(deps.db.pool, timerId, now);
        return { outcome: 'skipped' };
      }
      await commitStep(deps, {
        def, instance, isNew: false, result, now, actor: SYSTEM_ACTOR, historyType: 'timer_fired',
        historyPayload: { timerId, event: timer.eventType, from: instance.state }, firedTimerId: timerId,
      });
      return { outcome: 'fired', lateSeconds: (now.getTime() - timer.fireAt.getTime()) / 1000 };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Another step changed the instance (or fired this timer): reload and look again.
    }
  }
  throw new ConflictError(`Timer ${timerId} could not be delivered after 5 attempts`);
}

/** Fires every timer due by the clock's now (the sweep's direct path and the test clock's); answers how many fired. */
export async function fireDueTimers(deps: RuntimeDeps, limit = 500): Promise<number> {
  const ids = await listDueTimerIds(deps.db.pool, deps.tenantId, deps.clock.now(), limit);
  let fired = 0;
  for (const id of ids) {
    try {
      if ((await fireTimer(deps, id)) === 'fired') fired++;
    } catch (err) {
      // One timer that cannot be delivered (a definition that loops, a conflict) must not hold back the others.
      deps.logger.error('timer not delivered', { timerId: id, error: (err as Error).message });
    }
  }
  return fired;
}
