import { deliverNotification } from '../../server/src/runtime/deliver-notification';
import { createLoggingChannel } from '../../server/src/runtime/notification-channels';
import type { NotificationChannel, OutboundMessage } from '../../server/src/runtime/notification-channels';
import { insertNotification } from '../../server/src/store/notifications.repository';
import { statementsSentDuring } from '../support/statements-sent';
import { NOTIFICATION_QUEUE_NAME } from '../../server/src/runtime/notification-queue';
import { act, openTask, startApplication } from '../support/household-flow';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor } from '../support/form-examples';
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
// The job queue runs (on PostgreSQL), with no outside channel: the in-app messages and a local
// channel (as development's log is) that records what it was asked to send.
const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const sentLocally: OutboundMessage[] = [];
const localChannel: NotificationChannel = { name: 'log', local: true, send: async (message) => { sentLocally.push(message); } };
beforeAll(async () => { services = await startTestServices({ timers: 'queue', channels: [localChannel] }); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

/** A second worker of the unit, with the roles of `like`, and a disabled one: who is told, and who is not. */
async function addWorkers(like: string): Promise<{ active: string; disabled: string }> {
  const { rows: [model] } = await services.db.pool.query('SELECT tenant_id, roles, org_unit_id FROM users WHERE username = $1', [like]);
  const add = async (suffix: string, disabled: boolean) => {
    const id = services.ids.uuid();
    await services.db.pool.query(
      `INSERT INTO users (id, tenant_id, username, display_name, password_hash, roles, org_unit_id, disabled) VALUES ($1, $2, $3, $4, 'x', $5, $6, $7)`,
      [id, model.tenant_id, `${like}-${suffix}-${id.slice(0, 8)}`, `${like} ${suffix}`, model.roles, model.org_unit_id, disabled]);
    return id;
  };
  return { active: await add('second', false), disabled: await add('disabled', true) };
}

describe('a step\'s notifications with only in-app messages and local channels to deliver', () => {
  it('are delivered by the step\'s own statement: written delivered with their messages, then sent to the local channels, with no queued job', async () => {
    const clerk = await services.actor('cun-dongyuan');
    const workers = await addWorkers('cun-dongyuan');
    const { instanceId } = await startApplication(services);
    const task = await openTask(services, instanceId);
    const data = await uploadEvidence(task.form_key, exampleDataFor(task.form_key), { services, actor: clerk, instanceId });
    const told: string[][] = [];
    const stop = services.messageChannel.subscribe((userIds) => told.push(userIds));
    const stepAt = services.clock.now();
    let opened: { id: string } | undefined;
    const sent = await statementsSentDuring(async () => {
      opened = (await services.runtime.completeTask({ taskId: task.id, outcome: 'SUBMIT', actor: clerk, data, comment: '同意' })).openedTasks[0];
    });
    // Nothing reads the notification back or writes the messages after the step's statement.
    expect(sent.filter((name) => name.startsWith('jz_write_step'))).toHaveLength(1);
    expect(sent).not.toContain('jz_find_notification_to_deliver');
    expect(sent).not.toContain('jz_insert_messages_and_mark_delivered');
    // Delivered when the step answers: no waiting for a later delivery.
    const { rows: [notification] } = await services.db.pool.query(
      'SELECT id, kind, status, attempts, channels_done, enqueued_at, delivered_at FROM notifications WHERE task_id = $1', [opened!.id]);
    expect(notification).toMatchObject({ kind: 'task_assigned', status: 'delivered', attempts: 1, channels_done: ['log'], enqueued_at: stepAt, delivered_at: stepAt });
    const { rows: messages } = await services.db.pool.query(
      'SELECT user_id, kind, title, body, instance_id, task_id, subject FROM messages WHERE notification_id = $1', [notification.id]);
    // The unit's active workers of the task's roles, but not the clerk who caused it, nor a disabled account.
    expect(messages.map((m) => m.user_id)).toEqual([workers.active]);
    const { rows: [instance] } = await services.db.pool.query('SELECT subject FROM instances WHERE id = $1', [instanceId]);
    expect(messages[0]).toMatchObject({
      kind: 'task_assigned', title: `新的待办：入户核实 · ${instance.subject.text}`, body: expect.stringMatching(/^办理时限 \d{4}-\d{2}-\d{2}$/),
      instance_id: instanceId, task_id: opened!.id, subject: instance.subject,
    });
    // After the commit: the local channel sends it, and every node's 消息 streams hear who has new messages.
    const local = await eventually(async () => sentLocally.find((m) => m.notificationId === notification.id), 'the local channel\'s send');
    expect(local).toMatchObject({ kind: 'task_assigned', title: messages[0].title, body: messages[0].body, link: `/tasks/${opened!.id}` });
    expect(local.recipients.map((r) => r.userId)).toEqual([workers.active]);
    await eventually(async () => told.some((ids) => ids.includes(workers.active)), 'the 消息 signal');
    stop();
    const { rows: [jobs] } = await services.db.pool.query(
      `SELECT count(*)::int AS n FROM bullmq.event WHERE queue = $1 AND event = 'added' AND data ->> 'jobId' = $2`, [NOTIFICATION_QUEUE_NAME, notification.id]);
    expect(jobs.n).toBe(0);
  });

  it('tell the workers of a task a return reopened who returned it and why', async () => {
    await addWorkers('cun-dongyuan');
    const clerk = await services.actor('cun-dongyuan');
    const { rows: others } = await services.db.pool.query(
      `SELECT id FROM users WHERE org_unit_id = $1 AND roles && '{village_clerk}' AND NOT disabled AND id <> $2 ORDER BY id`, [clerk.orgUnitId, clerk.userId]);
    expect(others.length).toBeGreaterThan(0);
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    await act(services, instanceId, 'RETURN', { comment: '收入证明缺页，请补正' });
    const reopened = await openTask(services, instanceId);
    expect(reopened.state).toBe('application');
    const { rows: [notification] } = await services.db.pool.query('SELECT id, kind, status FROM notifications WHERE task_id = $1', [reopened.id]);
    expect(notification).toMatchObject({ kind: 'returned', status: 'delivered' });
    const { rows: messages } = await services.db.pool.query('SELECT user_id, title, body FROM messages WHERE notification_id = $1 ORDER BY user_id', [notification.id]);
    // The clerk who returned it is not told of their own act.
    expect(messages.map((m) => m.user_id)).toEqual(others.map((u) => u.id));
    expect(messages[0].title).toMatch(/^案件被退回：填写贫困户申请 · /);
    expect(messages[0].body).toBe(`${clerk.displayName ?? clerk.username}退回：收入证明缺页，请补正`);
  });

  it('say the same as the queue\'s delivery would: each message written by the step\'s statement is what delivering its notification later writes', async () => {
    await addWorkers('cun-dongyuan');
    const deps = { db: services.db, tenantId: services.config.tenantId, clock: services.clock, ids: services.ids, logger, channels: [] };
    const told = async (id: string) => (await services.db.pool.query(
      'SELECT user_id, kind, title, body, subject FROM messages WHERE notification_id = $1 ORDER BY user_id', [id])).rows;
    /** The open task's notification, delivered by its step, and a pending copy of it delivered as the queue does. */
    const sameAsQueued = async (instanceId: string, kind: string) => {
      const task = await openTask(services, instanceId);
      const { rows: [notification] } = await services.db.pool.query(`SELECT id, kind, status FROM notifications WHERE task_id = $1`, [task.id]);
      expect(notification).toMatchObject({ kind, status: 'delivered' });
      const copy = services.ids.uuid();
      await services.db.pool.query(
        `INSERT INTO notifications (id, tenant_id, instance_id, task_id, template, kind, payload, status, deliver_at, created_at, attempts, channels_done)
         SELECT $2, tenant_id, instance_id, task_id, template, kind, payload, 'pending', deliver_at, created_at, 0, '{}' FROM notifications WHERE id = $1`, [notification.id, copy]);
      await expect(deliverNotification(deps, copy)).resolves.toBe('delivered');
      const byStep = await told(notification.id);
      expect(byStep.length).toBeGreaterThan(0);
      expect(await told(copy)).toEqual(byStep);
    };
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    await sameAsQueued(instanceId, 'task_assigned');
    await act(services, instanceId, 'RETURN', { comment: '户口簿复印件不清晰' });
    await sameAsQueued(instanceId, 'returned');
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
  const pendingUrge = async (taskId: string, instanceId: string, deliverAt = services.clock.now()) => {
    // A step's notifications handed over to this process are delivered after its commit: let that finish first.
    await eventually(async () => (await services.db.pool.query(
      `SELECT count(*)::int AS n FROM notifications WHERE instance_id = $1 AND status = 'pending' AND enqueued_at IS NOT NULL`, [instanceId])).rows[0].n === 0,
    'the step\'s notifications delivered');
    const id = services.ids.uuid();
    await insertNotification(services.db.pool, {
      id, tenantId: services.config.tenantId, kind: 'urge', instanceId, taskId, payload: { by: '县扶贫办', text: '请尽快办理' }, deliverAt,
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

  it('when it is delivered after it was due (a queue that was down), then its messages are dated when it was due', async () => {
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    const task = await openTask(services, instanceId);
    const due = new Date(services.clock.now().getTime() - 3 * 3_600_000);
    // One delivered by the log alone (messages and the delivered mark in one statement), one through an outside channel too.
    const byLog = await pendingUrge(task.id, instanceId, due);
    await expect(deliverNotification(deliveryDeps([createLoggingChannel(logger)]), byLog)).resolves.toBe('delivered');
    const bySms = await pendingUrge(task.id, instanceId, due);
    await expect(deliverNotification(deliveryDeps([{ name: 'sms', send: async () => undefined }]), bySms)).resolves.toBe('delivered');
    const { rows } = await services.db.pool.query('SELECT DISTINCT created_at FROM messages WHERE notification_id = ANY($1::uuid[])', [[byLog, bySms]]);
    expect(rows).toEqual([{ created_at: due }]);
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
