import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { exampleDataFor } from '../support/form-examples';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

/**
 * POST /api/registry-reviews (回头看) over HTTP with the demo users: 华城镇's reviewer starts the
 * year's review of 董源村 (its roster from the registry, ready in the village clerk's inbox); a
 * second start of the same village and year is a 409 in Chinese; another town's village is a 404,
 * a village clerk a 403, a bad year a 400 with the field's Chinese message; none of these start anything.
 */
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

async function village(name: string): Promise<{ id: string; path: string }> {
  const { rows: [row] } = await harness.services.db.pool.query('SELECT id, path FROM org_units WHERE name = $1 AND level = $2', [name, 'village']);
  return row;
}

async function registered(at: { id: string; path: string }): Promise<{ id: string; headName: string }> {
  const household = withFreshIdNumbers(exampleDataFor('household-identification.application').household);
  const id = harness.services.ids.uuid();
  await harness.services.db.pool.query(
    `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
     VALUES ($1, '441424', $2, $3, $4, $5, $6, '未脱贫', $7, $8, $8)`,
    [id, at.id, at.path, household.head.name, household.head.idNumber, household.category, JSON.stringify(household), harness.services.clock.now()]);
  return { id, headName: household.head.name };
}

const reviews = async () => (await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM instances WHERE definition_key = 'registry-review'`)).rows[0].n;

describe('POST /api/registry-reviews', () => {
  it('When a town reviewer starts the year\'s review of a village, then the village clerk finds its roster from the registry; a second start is a 409 in Chinese', async () => {
    const dongyuan = await village('董源村');
    const h = await registered(dongyuan);
    const zhen = await harness.login('zhen-huacheng');
    const started = await zhen.post('/api/registry-reviews', { year: 2018, villageIds: [dongyuan.id] });
    expect(started.status).toBe(201);
    expect(started.body).toEqual({ year: 2018, started: [expect.objectContaining({ villageId: dongyuan.id, villageName: '董源村', households: expect.any(Number) })], skipped: [] });
    const instanceId = started.body.started[0].instanceId;

    const clerk = await harness.login('cun-dongyuan');
    const inbox = await clerk.get('/api/tasks?definitionKey=registry-review');
    const task = inbox.body.items.find((t: { instanceId: string }) => t.instanceId === instanceId);
    expect(task).toEqual(expect.objectContaining({ state: 'roster', formKey: 'registry-review.roster' }));
    const opened = await clerk.get(`/api/tasks/${task.id}`);
    const line = opened.body.prefill.households.find((l: { householdId: string }) => l.householdId === h.id);
    expect(line).toEqual(expect.objectContaining({ headName: h.headName }));
    expect(line.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);

    const before = await reviews();
    const again = await zhen.post('/api/registry-reviews', { year: 2018, villageIds: [dongyuan.id] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('董源村2018年度回头看已发起，不能重复发起');
    expect(await reviews()).toBe(before);
  });

  it('When the reviewer names another town\'s village, then it is a 404; a village clerk gets a 403 and a bad year a 400, and nothing is started', async () => {
    const before = await reviews();
    // A village of another town than 华城镇 (441424130).
    const { rows: [other] } = await harness.services.db.pool.query(`SELECT id FROM org_units WHERE level = 'village' AND id NOT LIKE '441424130%' ORDER BY id LIMIT 1`);
    const zhen = await harness.login('zhen-huacheng');
    expect((await zhen.post('/api/registry-reviews', { year: 2017, villageIds: [other.id] })).status).toBe(404);
    const clerk = await harness.login('cun-dongyuan');
    const refused = await clerk.post('/api/registry-reviews', { year: 2017 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('只有乡镇或县级审核员可以发起回头看');
    const bad = await zhen.post('/api/registry-reviews', { year: 2010 });
    expect(bad.status).toBe(400);
    expect(Object.values(bad.body.error.fields ?? {}).flat().join()).toMatch(/2016/);
    // Nor is a review started as an ordinary case, around the registry.
    const direct = await zhen.post('/api/instances', { definitionKey: 'registry-review', data: { year: 2017, villageId: '441424130201', villageName: '董源村', households: [] } });
    expect(direct.status).toBe(403);
    expect(await reviews()).toBe(before);
  });
});
