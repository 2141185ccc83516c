import { deliverNotification } from '../../server/src/runtime/deliver-notification';
import { createLoggingChannel } from '../../server/src/runtime/notification-channels';
import type { NotificationChannel } from '../../server/src/runtime/notification-channels';
import { insertNotification } from '../../server/src/store/notifications.repository';
import { statementsSentDuring } from '../support/statements-sent';
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

describe('delivering a notification', () => {
  // Without the job queue: its workers poll the database, and these tests count the statements sent.
  let services: TestServices & { dropDatabase(): Promise<void> };
  beforeAll(async () => { services = await startTestServices({ channels: [createLoggingChannel(logger)] }); });
  afterAll(async () => { await services.close(); await services.dropDatabase(); });
  const deliveryDeps = (channels: NotificationChannel[]) => ({
    db: services.db, tenantId: services.config.tenantId, clock: services.clock, ids: services.ids, logger, channels,
  });
  const pendingUrge = async (taskId: string, instanceId: string) => {
    // A step's notifications handed over to this process are delivered after its commit: let that finish first.
    await eventually(async () => (await services.db.pool.query(
      `SELECT count(*)::int AS n FROM notifications WHERE instance_id = $1 AND status = 'pending' AND enqueued_at IS NOT NULL`, [instanceId])).rows[0].n === 0,
    'the step\'s notifications delivered');
    const id = services.ids.uuid();
    await insertNotification(services.db.pool, {
      id, tenantId: services.config.tenantId, kind: 'urge', instanceId, taskId, payload: { by: '县扶贫办', text: '请尽快办理' }, deliverAt: services.clock.now(),
    });
    return id;
  };

  it('with only the log left takes two statements: the notification with its task\'s workers, then the messages and the delivered mark', async () => {
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    const task = await openTask(services, instanceId);
    const id = await pendingUrge(task.id, instanceId);
    const { rows: workers } = await services.db.pool.query(
      `SELECT u.id FROM users u JOIN tasks t ON t.org_unit_id = u.org_unit_id AND u.roles && t.candidate_roles WHERE t.id = $1 AND NOT u.disabled`, [task.id]);
    expect(workers.length).toBeGreaterThan(0);
    let outcome: string | undefined;
    const sent = await statementsSentDuring(async () => { outcome = await deliverNotification(deliveryDeps([createLoggingChannel(logger)]), id); });
    expect(outcome).toBe('delivered');
    expect(sent).toEqual(['jz_find_notification_to_deliver', 'jz_insert_messages_and_mark_delivered']);
    const { rows: [row] } = await services.db.pool.query('SELECT status, attempts, channels_done FROM notifications WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'delivered', attempts: 1, channels_done: ['log'] });
    const { rows: told } = await services.db.pool.query('SELECT user_id, title FROM messages WHERE notification_id = $1 ORDER BY user_id', [id]);
    expect(told.map((m) => m.user_id).sort()).toEqual(workers.map((w) => w.id).sort());
    expect(told[0].title).toMatch(/^催办：/);
  });

  it('with an outside channel that fails writes the messages once and retries only the channels that did not take it', async () => {
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    const task = await openTask(services, instanceId);
    const id = await pendingUrge(task.id, instanceId);
    const sentBy: string[] = [];
    let failing = true;
    const outside: NotificationChannel = {
      name: 'sms',
      send: async () => { sentBy.push('sms'); if (failing) throw new Error('gateway down'); },
    };
    const log: NotificationChannel = { name: 'log', local: true, send: async () => { sentBy.push('log'); } };
    await expect(deliverNotification(deliveryDeps([log, outside]), id)).rejects.toThrow('gateway down');
    const { rows: [afterFailure] } = await services.db.pool.query('SELECT status, channels_done FROM notifications WHERE id = $1', [id]);
    expect(afterFailure).toEqual({ status: 'pending', channels_done: ['log'] });
    failing = false;
    await expect(deliverNotification(deliveryDeps([log, outside]), id)).resolves.toBe('delivered');
    expect(sentBy).toEqual(['log', 'sms', 'sms']);
    const { rows: [done] } = await services.db.pool.query('SELECT status, channels_done FROM notifications WHERE id = $1', [id]);
    expect(done).toEqual({ status: 'delivered', channels_done: ['log', 'sms'] });
    const { rows: [messages] } = await services.db.pool.query('SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS users FROM messages WHERE notification_id = $1', [id]);
    expect(messages.n).toBe(messages.users);
    expect(messages.n).toBeGreaterThan(0);
  });
});
