import { registerHousehold } from '../support/registered-households';
import { startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

/**
 * The 帮扶责任人's inbox: `GET /api/tasks` for a user whose only role is `helper` lists the open
 * tasks of the cases about the households paired with them (to read; they claim none), and no
 * other household's; they open those tasks and cases (not others'); a re-pairing moves the tasks to the new helper.
 */
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

/** A registered household of 董源村 with the identification example's members, each number its own. */
const registered = () => registerHousehold(harness.services, '董源村');

describe('the helper\'s inbox', () => {
  let town: ApiClient;
  let clerk: ApiClient;
  let helpers: Array<{ userId: string; name: string }>;
  beforeAll(async () => {
    town = await harness.login('zhen-huacheng');
    clerk = await harness.login('cun-dongyuan');
    helpers = (await town.get('/api/helpers')).body.items;
  });

  it('When a paired household has an open change case, then its helper sees that task in GET /api/tasks and not another household\'s, and cannot claim it', async () => {
    const li = helpers.find((h) => h.name === '李志强')!;
    const paired = await registered();
    const other = await registered();
    expect((await town.post(`/api/households/${paired.id}/helper`, { helperUserId: li.userId, reason: '镇扶贫工作站指派' })).status).toBe(200);
    const mine = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: paired.id, headName: paired.headName } });
    const notMine = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: other.id, headName: other.headName } });
    expect([mine.status, notMine.status]).toEqual([201, 201]);

    const helper = await harness.login('bangfu-li');
    const inbox = await helper.get('/api/tasks');
    expect(inbox.status).toBe(200);
    const ids = inbox.body.items.map((t: any) => t.instanceId);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(notMine.body.id);
    const task = inbox.body.items.find((t: any) => t.instanceId === mine.body.id);
    expect(task).toMatchObject({ status: 'open', state: 'apply', subject: expect.objectContaining({ householdName: paired.headName }) });
    expect(inbox.body.total).toBe(inbox.body.items.length);
    expect(inbox.body.counts.apply).toBeGreaterThanOrEqual(1);

    // The helper opens the task and its case (the inbox page's link), and no other household's.
    expect((await helper.get(`/api/tasks/${task.id}`)).status).toBe(200);
    expect((await helper.get(`/api/instances/${mine.body.id}`)).body).toMatchObject({ id: mine.body.id });
    const otherTask = (await clerk.get('/api/tasks?pageSize=100')).body.items.find((t: any) => t.instanceId === notMine.body.id);
    expect((await helper.get(`/api/tasks/${otherTask.id}`)).status).toBe(404);
    expect((await helper.get(`/api/instances/${notMine.body.id}`)).status).toBe(404);

    // Read-only: the task stays the village's.
    const claim = await helper.post(`/api/tasks/${task.id}/claim`, {});
    expect([403, 404]).toContain(claim.status);
    const complete = await helper.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: {} });
    expect([403, 404]).toContain(complete.status);
    const { rows: [row] } = await harness.services.db.pool.query('SELECT status, assignee FROM tasks WHERE id = $1', [task.id]);
    expect(row).toEqual({ status: 'open', assignee: null });
    // The village clerk's own inbox is unchanged by the helper's reading: both cases are theirs.
    const clerkIds = (await clerk.get('/api/tasks?pageSize=100')).body.items.map((t: any) => t.instanceId);
    expect(clerkIds).toEqual(expect.arrayContaining([mine.body.id, notMine.body.id]));
  });

  it('When the town re-pairs the household, then its tasks leave the former helper\'s inbox for the new one\'s', async () => {
    const li = helpers.find((h) => h.name === '李志强')!;
    const wang = helpers.find((h) => h.name === '王春梅')!;
    const household = await registered();
    expect((await town.post(`/api/households/${household.id}/helper`, { helperUserId: li.userId, reason: '指派' })).status).toBe(200);
    const started = await clerk.post('/api/instances', { definitionKey: 'household-change', data: { householdId: household.id, headName: household.headName } });
    expect(started.status).toBe(201);
    const liInbox = async () => (await (await harness.login('bangfu-li')).get('/api/tasks?pageSize=100')).body.items.map((t: any) => t.instanceId);
    expect(await liInbox()).toContain(started.body.id);

    expect((await town.post(`/api/households/${household.id}/helper`, { helperUserId: wang.userId, reason: '李志强调离' })).status).toBe(200);
    expect(await liInbox()).not.toContain(started.body.id);
    const { rows: [open] } = await harness.services.db.pool.query(`SELECT id FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.body.id]);
    expect((await (await harness.login('bangfu-li')).get(`/api/tasks/${open.id}`)).status).toBe(404);
    const { rows: [user] } = await harness.services.db.pool.query('SELECT username FROM users WHERE id = $1', [wang.userId]);
    const wangInbox = (await (await harness.login(user.username)).get('/api/tasks?pageSize=100')).body.items.map((t: any) => t.instanceId);
    expect(wangInbox).toContain(started.body.id);
  });
});
