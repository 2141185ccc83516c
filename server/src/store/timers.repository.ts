import type { Pool, PoolClient } from 'pg';
import { instanceStepColumnsKnowing, toInstanceStepRow } from './instances.repository';
import type { HeldSnapshot, InstanceStepRow } from './instances.repository';

/** The pool, or the caller's connection inside a transaction. */
type Queryable = Pool | PoolClient;

/** A timer row as delivery needs it. */
export interface TimerRow {
  id: string;
  instanceId: string;
  eventType: string;
  fireAt: Date;
  status: string;
}

const TIMER_FOR_STEP_SQL = `
SELECT tm.id AS timer_id, tm.event_type, tm.fire_at, tm.status AS timer_status, i.tenant_id AS instance_tenant_id, ${instanceStepColumnsKnowing('$2')}
FROM timers tm JOIN instances i ON i.id = tm.instance_id
WHERE tm.id = $1`;

/**
 * One timer with the instance its step starts from, in one statement (the instance's tenant beside
 * it, for the caller to check), or undefined when there is no timer with that id.
 */
export async function findTimerForStep(db: Queryable, timerId: string, held?: HeldSnapshot): Promise<{ timer: TimerRow; instance: InstanceStepRow; instanceTenantId: string } | undefined> {
  const { rows } = await db.query({ name: 'jz_load_timer_for_step', text: TIMER_FOR_STEP_SQL, values: [timerId, held?.hash ?? null] });
  const r = rows[0];
  if (!r) return undefined;
  return {
    timer: { id: r.timer_id, instanceId: r.id, eventType: r.event_type, fireAt: r.fire_at, status: r.timer_status },
    instance: toInstanceStepRow(r, held),
    instanceTenantId: r.instance_tenant_id,
  };
}

/** Records a stale timer (its state already left) as delivered, changing nothing else. */
export async function markTimerFired(db: Queryable, timerId: string, now: Date): Promise<void> {
  await db.query(`UPDATE timers SET status = 'fired', fired_at = $2 WHERE id = $1 AND status = 'scheduled'`, [timerId, now]);
}

/** Ids of scheduled timers due by `now`, earliest first. */
export async function listDueTimerIds(db: Queryable, tenantId: string, now: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT id FROM timers WHERE status = 'scheduled' AND fire_at <= $1 AND tenant_id = $2 ORDER BY fire_at LIMIT $3`, [now, tenantId, limit]);
  return rows.map((r) => r.id as string);
}

/** How many of these timers have fired and how many are still scheduled (by any node). */
export async function countTimerOutcomes(db: Queryable, timerIds: string[]): Promise<{ fired: number; scheduled: number }> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'fired')::int AS fired, count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled
       FROM timers WHERE id = ANY($1::uuid[])`, [timerIds]);
  return { fired: rows[0].fired as number, scheduled: rows[0].scheduled as number };
}

/** Marks timers as handed to the job queue at `at` (or clears the mark with null, so the sweep retries them). */
export async function markTimersEnqueued(db: Queryable, timerIds: string[], at: Date | null): Promise<void> {
  await db.query({ name: 'jz_mark_enqueued', text: 'UPDATE timers SET enqueued_at = $2 WHERE id = ANY($1::uuid[])', values: [timerIds, at] });
}

/**
 * Claims up to 500 timers due within `horizonMs` that have no job (never enqueued, or overdue a
 * minute after an enqueue: the job was lost) and marks them enqueued. SKIP LOCKED gives concurrent
 * sweepers disjoint sets; run it inside a transaction so the lock holds until the mark commits.
 */
export async function claimTimersToSweep(tx: PoolClient, now: Date, horizonMs: number): Promise<Array<{ id: string; fireAt: Date }>> {
  const { rows } = await tx.query(
    `SELECT id, fire_at FROM timers
     WHERE status = 'scheduled' AND fire_at <= $1::timestamptz + make_interval(secs => $2 / 1000.0)
       AND (enqueued_at IS NULL OR (fire_at < $1::timestamptz - interval '1 minute' AND enqueued_at < $1::timestamptz - interval '1 minute'))
     ORDER BY fire_at LIMIT 500 FOR UPDATE SKIP LOCKED`, [now, horizonMs]);
  if (rows.length) await markTimersEnqueued(tx, rows.map((r) => r.id), now);
  return rows.map((r) => ({ id: r.id, fireAt: r.fire_at }));
}

/** The scheduled timers of some instances (a migration's plan keeps their fire times). */
export async function listScheduledTimersOf(db: Queryable, instanceIds: string[]): Promise<Array<{ instanceId: string; key: string; eventType: string; fireAt: Date }>> {
  const { rows } = await db.query(
    `SELECT instance_id, key, event_type, fire_at FROM timers WHERE instance_id = ANY($1::uuid[]) AND status = 'scheduled' ORDER BY fire_at`, [instanceIds]);
  return rows.map((r) => ({ instanceId: r.instance_id, key: r.key, eventType: r.event_type, fireAt: r.fire_at }));
}

/** How many scheduled timers are past due by more than `graceMs` at `now` (delivery is late: a metric to alert on). */
export async function countOverdueTimers(db: Queryable, tenantId: string, now: Date, graceMs = 60_000): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM timers WHERE status = 'scheduled' AND fire_at < $1::timestamptz - make_interval(secs => $2 / 1000.0) AND tenant_id = $3`,
    [now, graceMs, tenantId]);
  return rows[0].n as number;
}
