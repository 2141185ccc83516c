import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { openTaskOf, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

// The household's 乡镇 / 行政村 / 村民小组 (`x-org-address` in schemas/_defs.json) are the org tree's
// units under the case's own: the server holds any submission to that, whatever the browser showed.
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

const APPLICATION = 'household-identification.application';
const application = (address: Record<string, string>) => {
  const data = withFreshIdNumbers(exampleFor(APPLICATION));
  data.household.address = { ...data.household.address, ...address };
  return data;
};
const historyCount = async (id: string) =>
  Number((await harness.services.db.pool.query('SELECT count(*) FROM history WHERE instance_id = $1', [id])).rows[0].count);
const instanceCount = async () => Number((await harness.services.db.pool.query('SELECT count(*) FROM instances')).rows[0].count);

async function submit(address: Record<string, string>) {
  const clerk = await harness.login('cun-dongyuan');
  const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  const task = await openTaskOf(clerk, id);
  const before = await historyCount(id);
  const answer = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: application(address) });
  return { clerk, id, answer, before };
}

describe('the application\'s address is the case\'s own unit in the org tree', () => {
  it.each([
    ['another town', { town: '转水镇' }, '/household/address/town', '乡镇应为本案所属的华城镇'],
    ['another village of the same town', { village: '河子口村' }, '/household/address/village', '行政村应为本案所属的董源村'],
    ['a 村民小组 only another village has (河子口村 has eight, 董源村 five)', { group: '第八村民小组' }, '/household/address/group', '村民小组应为董源村的村民小组，请从列表中选择'],
    ['a 村民小组 the tree does not hold', { group: '董源村东片' }, '/household/address/group', '村民小组应为董源村的村民小组，请从列表中选择'],
  ])('When a clerk of 董源村 submits an application in %s, then it is refused on that field and nothing is written', async (_label, address, pointer, message) => {
    const { clerk, id, answer, before } = await submit(address);
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual({ [pointer]: [message] });
    expect((await openTaskOf(clerk, id)).state).toBe('application');
    expect(await historyCount(id)).toBe(before);
  });

  it('When the address is 华城镇 / 董源村 / one of its 村民小组, then the application is taken', async () => {
    const { clerk, id, answer } = await submit({ town: '华城镇', village: '董源村', group: '第五村民小组' });
    expect(answer.status).toBe(200);
    expect((await openTaskOf(clerk, id)).state).toBe('verification');
    expect((await clerk.get(`/api/instances/${id}`)).body.data.application.household.address).toEqual({ town: '华城镇', village: '董源村', group: '第五村民小组' });
  });
});

describe('start data carrying the address', () => {
  beforeAll(async () => {
    // The same process with the application as its start form and no starter roles, so a town can file one.
    const { pool } = harness.services.db;
    const { rows } = await pool.query(`SELECT document, form_versions FROM definitions WHERE key = 'household-identification' AND status = 'published'`);
    const { starterRoles: _roles, ...document } = { ...rows[0].document, key: 'address-at-start', startForm: APPLICATION };
    await pool.query(
      `INSERT INTO definitions (id, tenant_id, key, version, status, title, document, form_versions, published_at)
       VALUES (gen_random_uuid(), $1, 'address-at-start', 1, 'published', $2, $3, $4, now())`,
      [harness.services.config.tenantId, JSON.stringify(document.title), JSON.stringify(document), JSON.stringify(rows[0].form_versions)]);
  });

  it('When a village clerk starts a case naming another village, then it is refused under /data and no case is made', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const before = await instanceCount();
    const answer = await clerk.post('/api/instances', { definitionKey: 'address-at-start', data: application({ village: '河子口村' }) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual({ '/data/household/address/village': ['行政村应为本案所属的董源村'] });
    expect(await instanceCount()).toBe(before);
  });

  it('When a town files a case, then the address takes any village of that town with one of its own 村民小组, and no village of another town', async () => {
    const town = await harness.login('zhen-huacheng');
    const before = await instanceCount();
    const elsewhere = await town.post('/api/instances', { definitionKey: 'address-at-start', data: application({ village: '转水村', group: '第一村民小组' }) });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.fields).toEqual({ '/data/household/address/village': ['行政村应为华城镇的行政村，请从列表中选择'] });
    const wrongGroup = await town.post('/api/instances', { definitionKey: 'address-at-start', data: application({ village: '董源村', group: '第八村民小组' }) });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.error.fields).toEqual({ '/data/household/address/group': ['村民小组应为董源村的村民小组，请从列表中选择'] });
    expect(await instanceCount()).toBe(before);
    const good = await town.post('/api/instances', { definitionKey: 'address-at-start', data: application({ village: '河子口村', group: '第八村民小组' }) });
    expect(good.status).toBe(201);
    expect(await instanceCount()).toBe(before + 1);
  });
});
