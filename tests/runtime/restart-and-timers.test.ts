import { createTestDatabase } from '../support/test-database';
import { act, instanceRow, startApplication } from '../support/household-flow';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';
import { createManualClock, silentLogger } from '../../server/src/kernel';
import { enqueueTimers } from '../../server/src/runtime/commit-step';
import { TIMER_QUEUE_HORIZON_MS } from '../../server/src/runtime/sweep-timers';

/**
 * Timers across process lifetimes: every "process" here is a full set of services (pool,
 * BullMQ queue and worker on the PostgreSQL backend) on one shared database.
 */
let database: { url: string; drop(): Promise<void> };
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.drop(); });

async function walkToNotice(services: TestServices): Promise<string> {
  const { instanceId } = await startApplication(services);
  for (const outcome of ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']) await act(services, instanceId, outcome);
  return instanceId;
}

/** Waits for the worker to deliver (polls the row; the clock, not this wait, decides due-ness). */
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function timerRows(services: TestServices, instanceId: string) {
  return (await services.db.pool.query('SELECT id, status, enqueued_at, fire_at FROM timers WHERE instance_id = $1', [instanceId])).rows;
}

async function firedEvents(services: TestServices, instanceId: string) {
  return (await services.db.pool.query(`SELECT count(*)::int AS n FROM history WHERE instance_id = $1 AND type = 'timer_fired'`, [instanceId])).rows[0].n;
}

type ManualClock = ReturnType<typeof createManualClock>;
interface CaseAtNotice { services: TestServices; clock: ManualClock; instanceId: string; timer: { id: string; fire_at: Date } }

/** A case walked to its notice period on services of its own (a manual clock, `timers` delivery), closed after `body`. */
async function withCaseAtNotice(timers: 'queue' | 'none', body: (at: CaseAtNotice) => Promise<void>): Promise<void> {
  const clock = createManualClock();
  const services = await startTestServices({ databaseUrl: database.url, clock, timers });
  try {
    const instanceId = await walkToNotice(services);
    const [timer] = await timerRows(services, instanceId);
    await body({ services, clock, instanceId, timer });
  } finally {
    await services.close();
  }
}

describe('timers across restarts', () => {
  it('continues in a new process: the pending 7-day timer fires exactly once', async () => {
    const clock = createManualClock();
    const first = await startTestServices({ databaseUrl: database.url, clock, timers: 'queue' });
    const instanceId = await walkToNotice(first);
    const [timer] = await timerRows(first, instanceId);
    // Seven days away: the database holds it; no queue job until it comes within the horizon.
    expect(timer).toEqual(expect.objectContaining({ status: 'scheduled', enqueued_at: null }));
    expect(await first.timerQueue!.queue.getJob(timer.id)).toBeUndefined();
    await first.close();

    clock.advance('P7D');
    clock.advance('PT2M');
    const second = await startTestServices({ databaseUrl: database.url, clock, timers: 'queue' });
    try {
      await until(() => timerRows(second, instanceId), (rows) => rows[0].status === 'fired', 'the timer to fire');
      expect((await instanceRow(second, instanceId)).state).toBe('preliminaryOpinion');
      // A second delivery of the same timer (at-least-once queues) changes nothing.
      expect(await second.runtime.fireTimer(timer.id)).toBe('skipped');
      expect(await second.runtime.fireDueTimers()).toBe(0);
      expect(await firedEvents(second, instanceId)).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('hands a timer to the queue when it comes within the horizon: the sweep before that leaves it, the sweep after enqueues it as a delayed job', async () => {
    await withCaseAtNotice('queue', async ({ services, clock, instanceId, timer }) => {
      const fireAt: Date = timer.fire_at;
      clock.advance(fireAt.getTime() - clock.now().getTime() - TIMER_QUEUE_HORIZON_MS - 60_000);
      expect(await services.runtime.sweepTimers()).toBe(0);
      expect((await timerRows(services, instanceId))[0].enqueued_at).toBeNull();
      clock.advance('PT2M');
      expect(await services.runtime.sweepTimers()).toBe(1);
      expect((await timerRows(services, instanceId))[0].enqueued_at).toEqual(clock.now());
      const job = await services.timerQueue!.queue.getJob(timer.id);
      expect(job?.data).toEqual({ timerId: timer.id });
      expect(await job!.isDelayed()).toBe(true);
    });
  });

  it('a step hands over at once only the timers due within the horizon (the committed step\'s own enqueue)', async () => {
    await withCaseAtNotice('none', async ({ services, instanceId, timer }) => {
      const fireAt: Date = timer.fire_at;
      const handed: string[] = [];
      const deps = {
        db: services.db, logger: silentLogger, timerHorizonMs: TIMER_QUEUE_HORIZON_MS,
        timerQueue: { enqueue: async (timers: ReadonlyArray<{ id: string }>) => { handed.push(...timers.map((t) => t.id)); }, close: async () => undefined },
      };
      await enqueueTimers(deps, [{ id: timer.id, fireAt }], new Date(fireAt.getTime() - TIMER_QUEUE_HORIZON_MS - 1));
      expect(handed).toEqual([]);
      expect((await timerRows(services, instanceId))[0].enqueued_at).toBeNull();
      const near = new Date(fireAt.getTime() - TIMER_QUEUE_HORIZON_MS);
      await enqueueTimers(deps, [{ id: timer.id, fireAt }], near);
      expect(handed).toEqual([timer.id]);
      expect((await timerRows(services, instanceId))[0].enqueued_at).toEqual(near);
    });
  });

  it('fires a timer once when the process died between commit and enqueue, with two processes sweeping', async () => {
    const clock = createManualClock();
    const dying = await startTestServices({ databaseUrl: database.url, clock, timers: 'none' });
    const instanceId = await walkToNotice(dying);
    const [timer] = await timerRows(dying, instanceId);
    expect(timer.enqueued_at).toBeNull(); // committed, never handed to a queue
    await dying.close();

    clock.advance('P7D');
    const [b, c] = await Promise.all([
      startTestServices({ databaseUrl: database.url, clock, timers: 'queue' }),
      startTestServices({ databaseUrl: database.url, clock, timers: 'queue' }),
    ]);
    try {
      await Promise.all([b.runtime.sweepTimers(), c.runtime.sweepTimers(), b.runtime.fireDueTimers(), c.runtime.fireDueTimers()]);
      await until(() => timerRows(b, instanceId), (rows) => rows[0].status === 'fired', 'the timer to fire');
      expect(await firedEvents(b, instanceId)).toBe(1);
      expect((await instanceRow(b, instanceId)).state).toBe('preliminaryOpinion');
      const tasks = await b.db.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE instance_id = $1 AND state = 'preliminaryOpinion'`, [instanceId]);
      expect(tasks.rows[0].n).toBe(1);
    } finally {
      await Promise.all([b.close(), c.close()]);
    }
  });

  it('does not fire a timer before it is due', async () => {
    await withCaseAtNotice('none', async ({ services, clock, instanceId, timer }) => {
      clock.advance('P6D');
      expect(await services.runtime.fireTimer(timer.id)).toBe('not_due');
      expect(await services.runtime.fireDueTimers()).toBe(0);
      expect((await instanceRow(services, instanceId)).state).toEqual({ publicNotice: 'running' });
    });
  });

  it('does not deliver a timer whose case is another county\'s: the timer and its case are read together, the case\'s county checked', async () => {
    await withCaseAtNotice('none', async ({ services, clock, instanceId, timer }) => {
      await services.db.pool.query(`UPDATE instances SET tenant_id = 'other-county' WHERE id = $1`, [instanceId]);
      clock.advance('P8D');
      await expect(services.runtime.fireTimer(timer.id)).rejects.toMatchObject({ name: 'NotFoundError' });
      expect((await timerRows(services, instanceId))[0].status).toBe('scheduled');
      expect(await firedEvents(services, instanceId)).toBe(0);
    });
  });
});
