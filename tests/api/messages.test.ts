import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { hashPassword } from '../../server/src/auth/passwords';
import { createWebhookChannel } from '../../server/src/runtime/notification-channels';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

// Messages: notifications written with the step are delivered by queued jobs (retried after a
// failing channel), shown in each user's 消息 list and pushed live over SSE to every node;
// reminders and escalations come from the shared test clock; 转办 stays within the unit; 催办 is
// rate-limited.

/** A webhook receiver that fails the first `failFirst` 催办 it receives with 500 (everything else: 200). */
async function startWebhook(failFirst: number) {
  const received: Array<{ status: number; body: any; key: string | undefined }> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const status = body.kind === 'urge' && received.filter((r) => r.body.kind === 'urge').length < failFirst ? 500 : 200;
      received.push({ status, body, key: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(status).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); }) };
}

/** Polls `probe` until it answers something truthy (the queue's workers deliver in the background). */
async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, limitMs = 15_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resume) => setTimeout(resume, 50));
  }
}

/** Reads server-sent events from a stream as they come. */
function readEvents(body: ReadableStream<Uint8Array>) {
  const events: Array<{ event: string; data: any }> = [];
  let buffer = '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  return { events, cancel: async () => { await reader.cancel().catch(() => undefined); await pump; } };
}

let webhook: Awaited<ReturnType<typeof startWebhook>>;
let harness: ApiHarness;
let other: ApiHarness;

beforeAll(async () => {
  webhook = await startWebhook(2);
  harness = await startApiHarness({ messageStream: { perUser: 3, heartbeatMs: 200 } }, {
    timers: 'queue', channels: [createWebhookChannel(webhook.url)], notificationRetryDelayMs: 100,
  });
  // A second node on the same database and queue, configured alike (either node's worker may deliver a job).
  other = await startApiHarness({}, { databaseUrl: harness.services.db.url, timers: 'queue', channels: [createWebhookChannel(webhook.url)], notificationRetryDelayMs: 100 });
});
afterAll(async () => {
  await other?.close();
  await harness?.close();
  await webhook?.close();
});

const APPLICATION = 'household-identification.application';
/** A new household case of 董源村, submitted (its verification task open for the village). */
async function submittedCase(clerk: ApiClient) {
  const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  expect(started.status).toBe(201);
  const data = withFreshIdNumbers(exampleFor(APPLICATION));
  await drive(harness, 'dongyuan', started.body.id, ['SUBMIT'], { [APPLICATION]: data });
  return started.body.id as string;
}

const messagesOf = async (client: ApiClient, query = '') => (await client.get(`/api/notifications${query}`)).body;

describe('delivery', () => {
  it('When the public objects and the town sends the case back, then the clerk is told of the objection and of the return, the town of its new task, and nobody of their own act', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const town = await harness.login('zhen-huacheng');
    const id = await submittedCase(clerk);
    await drive(harness, 'dongyuan', id, ['VERIFY', 'PASS', 'POSTED']);
    const { rows: [notice] } = await harness.services.db.pool.query('SELECT id FROM notices WHERE instance_id = $1', [id]);
    const townBefore = (await messagesOf(town)).unread;
    const objection = await harness.anonymous.post(`/api/notices/${notice.id}/objections`, { content: '该户有人在县城购房' });
    expect(objection.status).toBe(201);

    // The clerk who started the case: 异议 on my case.
    const clerkMessage = await eventually(async () => (await messagesOf(clerk)).items.find((m: any) => m.kind === 'objection' && m.instanceId === id), 'the objection message');
    expect(clerkMessage.title).toContain('收到异议');
    expect(clerkMessage.body).toBe('该户有人在县城购房');
    // The town reviewers: the objection review is theirs now.
    const review = await openTaskOf(clerk, id);
    const townMessage = await eventually(async () => (await messagesOf(town)).items.find((m: any) => m.kind === 'task_assigned' && m.taskId === review.id), 'the town\'s task message');
    expect(townMessage.title).toMatch(/^新的待办：异议调查核实/);
    expect((await messagesOf(town)).unread).toBe(townBefore + 1);

    // The town upholds the objection and sends the case back to the appraisal: the clerk is told it was returned.
    const back = await town.post(`/api/tasks/${review.id}/complete`, { outcome: 'UPHOLD_REAPPRAISE', comment: '请重新评议' });
    expect(back.status).toBe(200);
    const appraisal = await openTaskOf(clerk, id);
    const returned = await eventually(async () => (await messagesOf(clerk)).items.find((m: any) => m.kind === 'returned' && m.taskId === appraisal.id), 'the returned message');
    expect(returned.title).toMatch(/^案件被退回：村民民主评议/);
    expect(returned.body).toContain('请重新评议');
    // Whoever acted is not told of their own act.
    expect((await messagesOf(town)).items.some((m: any) => m.taskId === appraisal.id)).toBe(false);
    // The town's 新的待办 is settled by the review it asked for: read, out of the bell's count and of the unread list.
    const settled = (await messagesOf(town)).items.find((m: any) => m.id === townMessage.id);
    expect(settled.readAt).not.toBeNull();
    expect((await messagesOf(town)).unread).toBe(townBefore);
    expect((await messagesOf(town, '?unread=1')).items.some((m: any) => m.id === townMessage.id)).toBe(false);
    // The clerk's return is still to read: its task is open.
    expect((await messagesOf(clerk, '?unread=1')).items.some((m: any) => m.id === returned.id)).toBe(true);
  });

  it('When the webhook fails twice, then the queued job retries until it takes the message, and the in-app message is written once', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const town = await harness.login('zhen-huacheng');
    const id = await submittedCase(clerk);
    const task = await openTaskOf(clerk, id);
    const urged = await town.post(`/api/tasks/${task.id}/urge`, { text: '请本周内入户' });
    expect(urged.status).toBe(201);
    const { pool } = harness.services.db;
    const { rows: [row] } = await pool.query(`SELECT id FROM notifications WHERE task_id = $1 AND kind = 'urge'`, [task.id]);
    const after = await eventually(async () => (await pool.query('SELECT status, attempts, channels_done, last_error FROM notifications WHERE id = $1 AND status <> $2', [row.id, 'pending'])).rows[0], 'the urge delivered');
    expect(after).toMatchObject({ status: 'delivered', channels_done: ['webhook'], last_error: null });
    expect(after.attempts).toBe(3);
    const forUrge = webhook.received.filter((r) => r.key === row.id);
    expect(forUrge.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(forUrge[2].body).toMatchObject({ kind: 'urge', link: `/tasks/${task.id}`, recipients: [{ username: 'cun-dongyuan' }] });
    const urges = (await messagesOf(clerk)).items.filter((m: any) => m.kind === 'urge' && m.taskId === task.id);
    expect(urges).toHaveLength(1);
    expect(urges[0].body).toMatch(/催办：请本周内入户$/);

    // A second 催办 within the hour is refused, and nothing is written.
    const again = await town.post(`/api/tasks/${task.id}/urge`, { text: '再催' });
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('3600');
    expect((await pool.query(`SELECT count(*)::int AS n FROM notifications WHERE task_id = $1 AND kind = 'urge'`, [task.id])).rows[0].n).toBe(1);
    // Those who may work the task do not urge it.
    expect((await clerk.post(`/api/tasks/${task.id}/urge`, {})).status).toBe(403);
  });
});

describe('reminders and escalation', () => {
  it('When the test clock passes a day before the deadline and then the deadline, then the workers are reminded and the town above is told the village task is overdue', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const town = await harness.login('zhen-huacheng');
    const id = await submittedCase(clerk);
    const task = await openTaskOf(clerk, id);
    const due = new Date(task.dueAt).getTime();
    const hoursToReminder = Math.ceil((due - harness.services.clock.now().getTime()) / 3_600_000) - 20;
    expect((await harness.anonymous.post('/api/test/clock', { advance: `PT${hoursToReminder}H` })).status).toBe(200);
    const soon = await eventually(async () => (await messagesOf(clerk)).items.find((m: any) => m.kind === 'due_soon' && m.taskId === task.id), 'the due-soon reminder');
    expect(soon.title).toMatch(/^即将到期：入户核实/);
    expect((await messagesOf(town)).items.some((m: any) => m.kind === 'overdue' && m.taskId === task.id)).toBe(false);

    expect((await harness.anonymous.post('/api/test/clock', { advance: 'PT21H' })).status).toBe(200);
    const overdue = await eventually(async () => (await messagesOf(clerk)).items.find((m: any) => m.kind === 'overdue' && m.taskId === task.id), 'the overdue message');
    expect(overdue.title).toMatch(/^已超期：入户核实/);
    const escalation = await eventually(async () => (await messagesOf(town)).items.find((m: any) => m.kind === 'overdue' && m.taskId === task.id), 'the escalation to the town');
    expect(escalation.title).toMatch(/^超期督办：入户核实/);
    // Another clock move sends nothing twice.
    await harness.anonymous.post('/api/test/clock', { advance: 'PT1H' });
    const { rows } = await harness.services.db.pool.query(`SELECT kind, count(*)::int AS n FROM notifications WHERE task_id = $1 AND kind IN ('due_soon', 'overdue') GROUP BY kind ORDER BY kind`, [task.id]);
    expect(rows).toEqual([{ kind: 'due_soon', n: 1 }, { kind: 'overdue', n: 1 }]);
  });
});

describe('转办', () => {
  it('When a clerk hands a task to a colleague, then only a colleague of the same unit with the role is accepted, the hand-over is audited and the colleague told', async () => {
    const { pool } = harness.services.db;
    await pool.query(
      `INSERT INTO users (id, tenant_id, username, display_name, password_hash, roles, org_unit_id)
       SELECT gen_random_uuid(), '441424', 'cun-dongyuan-2', '董源村文书二', $1, ARRAY['village_clerk', 'village_work_team'], org_unit_id FROM users WHERE username = 'cun-dongyuan'`,
      [await hashPassword(TEST_DEMO_PASSWORD)]);
    const clerk = await harness.login('cun-dongyuan');
    const id = await submittedCase(clerk);
    const task = await openTaskOf(clerk, id);
    const colleagues = (await clerk.get(`/api/tasks/${task.id}/colleagues`)).body.items;
    expect(colleagues.map((c: any) => c.username)).toEqual(['cun-dongyuan-2']);
    const { rows: [hezikou] } = await pool.query(`SELECT id FROM users WHERE username = 'cun-hezikou'`);
    const { rows: [townUser] } = await pool.query(`SELECT id FROM users WHERE username = 'zhen-huacheng'`);
    for (const userId of [hezikou.id, townUser.id, 'not-a-user']) {
      const refused = await clerk.post(`/api/tasks/${task.id}/reassign`, { userId });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields['/userId']).toEqual(['请选择本单位有办理权限的同事']);
    }
    expect((await pool.query('SELECT status, assignee FROM tasks WHERE id = $1', [task.id])).rows[0]).toEqual({ status: 'open', assignee: null });
    // Someone of another village may not even see it.
    expect((await (await harness.login('cun-hezikou')).post(`/api/tasks/${task.id}/reassign`, { userId: colleagues[0].id })).status).toBe(404);

    const handed = await clerk.post(`/api/tasks/${task.id}/reassign`, { userId: colleagues[0].id, comment: '我下周外出培训' });
    expect(handed.status).toBe(200);
    expect(handed.body.status).toBe('claimed');
    expect((await pool.query('SELECT assignee FROM tasks WHERE id = $1', [task.id])).rows[0].assignee).toBe(colleagues[0].id);
    const { rows: audit } = await pool.query(`SELECT action, target, reason, actor->>'username' AS who, details->>'toUsername' AS "to" FROM audit_events WHERE action = 'task.reassign' AND target = $1`, [task.id]);
    expect(audit).toEqual([{ action: 'task.reassign', target: task.id, reason: '我下周外出培训', who: 'cun-dongyuan', to: 'cun-dongyuan-2' }]);
    const colleague = await harness.login('cun-dongyuan-2');
    const told = await eventually(async () => (await messagesOf(colleague)).items.find((m: any) => m.kind === 'reassigned' && m.taskId === task.id), 'the colleague\'s message');
    expect(told.title).toMatch(/^转办给您：入户核实/);
    expect(told.body).toContain('我下周外出培训');
    // The task is the colleague's now: the clerk can no longer hand it on.
    expect((await clerk.post(`/api/tasks/${task.id}/reassign`, { userId: colleagues[0].id })).status).toBe(409);
  });
});

describe('the 消息 stream', () => {
  it('When a message is written on one node, then an SSE client of the other node sees its unread count change; reads count down; the per-user cap holds', async () => {
    const clerkOnOther = await other.login('cun-dongyuan');
    const headers = { cookie: (clerkOnOther as any).cookie as string, 'accept-encoding': 'gzip, br' };
    const answer = await fetch(`${other.base}/api/events`, { headers });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(answer.headers.get('content-encoding')).toBeNull();
    const stream = readEvents(answer.body!);
    try {
      const first = await eventually(async () => stream.events.find((e) => e.event === 'unread'), 'the first unread event');
      const start = first.data.unread as number;
      expect(start).toBe((await messagesOf(clerkOnOther)).unread);

      // On the first node the town urges a task of the clerk's village.
      const clerk = await harness.login('cun-dongyuan');
      const id = await submittedCase(clerk);
      const task = await openTaskOf(clerk, id);
      expect((await (await harness.login('zhen-huacheng')).post(`/api/tasks/${task.id}/urge`, {})).status).toBe(201);
      await eventually(async () => stream.events.some((e) => e.event === 'unread' && e.data.unread === start + 1), 'the count pushed across nodes');

      // Reading it on the first node counts down on the second.
      const message = (await messagesOf(clerk, '?unread=1')).items.find((m: any) => m.taskId === task.id);
      expect((await clerk.post(`/api/notifications/${message.id}/read`)).status).toBe(200);
      await eventually(async () => stream.events.at(-1)?.data.unread === start, 'the count after reading');
      expect((await messagesOf(clerk, '?unread=1')).items.some((m: any) => m.id === message.id)).toBe(false);
    } finally {
      await stream.cancel();
    }

    // Anonymous: 401. Over the per-user cap of the first node (3): 429.
    expect((await fetch(`${harness.base}/api/events`)).status).toBe(401);
    const clerk = await harness.login('cun-dongyuan');
    const cookie = (clerk as any).cookie as string;
    const open = await Promise.all([1, 2, 3].map(() => fetch(`${harness.base}/api/events`, { headers: { cookie } })));
    expect(open.map((a) => a.status)).toEqual([200, 200, 200]);
    const refused = await fetch(`${harness.base}/api/events`, { headers: { cookie } });
    expect(refused.status).toBe(429);
    // Heartbeats keep an idle stream talking (every 200 ms here).
    const reader = open[0].body!.getReader();
    let seen = '';
    while (!seen.includes(': ping')) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    await Promise.all(open.slice(1).map((a) => a.body!.cancel()));
  });
});
