import { createLoggingChannel } from '../../server/src/runtime/notification-channels';
import { NOTIFICATION_QUEUE_NAME } from '../../server/src/runtime/notification-queue';
import { act, openTask, startApplication } from '../support/household-flow';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

/** Polls `probe` until it answers something truthy (delivery runs after the step's answer). */
async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, limitMs = 15_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resume) => setTimeout(resume, 50));
  }
}

let services: TestServices & { dropDatabase(): Promise<void> };
// The job queue runs (on PostgreSQL), with no outside channel: the in-app messages and the log (development's channel).
const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
beforeAll(async () => { services = await startTestServices({ timers: 'queue', channels: [createLoggingChannel(logger)] }); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

describe('a step\'s notifications with only in-app messages to write', () => {
  it('are written by the step marked as handed over and delivered by the committing process, with no queued job', async () => {
    const { instanceId } = await startApplication(services);
    const stepAt = services.clock.now();
    await act(services, instanceId, 'SUBMIT');
    const task = await openTask(services, instanceId);
    const { rows: [written] } = await services.db.pool.query('SELECT id, enqueued_at FROM notifications WHERE task_id = $1', [task.id]);
    // Marked by the step's own statement (no later statement marks it), so the sweep leaves it to the committing process.
    expect(written.enqueued_at).toEqual(stepAt);
    const delivered = await eventually(async () => (await services.db.pool.query(
      `SELECT status, delivered_at, attempts FROM notifications WHERE id = $1 AND status <> 'pending'`, [written.id])).rows[0], 'the notification delivered');
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1 });
    // The queue never saw it: no job was added under its id.
    const { rows: [jobs] } = await services.db.pool.query(
      `SELECT count(*)::int AS n FROM bullmq.event WHERE queue = $1 AND event = 'added' AND data ->> 'jobId' = $2`, [NOTIFICATION_QUEUE_NAME, written.id]);
    expect(jobs.n).toBe(0);
  });
});
