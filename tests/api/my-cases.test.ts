import { exampleDataFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

/**
 * 我发起的 and 已办 answer, per case, where it is now: the open steps with the unit that holds each
 * and their due date, or when it ended — what the clerk's lists show once a case has left the village.
 */

const APPLICATION = 'household-identification.application';
let harness: ApiHarness;

beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

it('When the clerk lists 我发起的 and the town reviewer 已办, then each case names its subject, 受理编号 and the step it waits on with the unit that holds it', async () => {
  const clerk = await harness.login('cun-dongyuan');
  const instanceId = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body.id;
  const application = withFreshIdNumbers(exampleDataFor(APPLICATION)) as { household: { head: { name: string } } };
  await drive(harness, 'dongyuan', instanceId, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'], { [APPLICATION]: application });

  const mine = await clerk.get('/api/instances?mine=1');
  expect(mine.status).toBe(200);
  const item = mine.body.items.find((i: { id: string }) => i.id === instanceId);
  expect(item).toEqual(expect.objectContaining({
    status: 'running', receiptNo: expect.stringMatching(/^441424-\d{4}-\d{6}$/), endedAt: null,
    subject: expect.objectContaining({ householdName: application.household.head.name }),
  }));
  // The posting is done: the case waits on the notice's timer, with no step open.
  expect(item.currentSteps).toEqual([]);

  // An objection opens the town's review: the clerk sees the case is with 华城镇.
  const { rows } = await harness.services.db.pool.query(`SELECT id FROM notices WHERE instance_id = $1 AND status = 'open'`, [instanceId]);
  expect((await harness.anonymous.post(`/api/notices/${rows[0].id}/objections`, { content: '请核实收入。' })).status).toBe(201);
  const after = (await clerk.get('/api/instances?mine=1')).body.items.find((i: { id: string }) => i.id === instanceId);
  expect(after.currentSteps).toEqual([{ title: { zh: '异议调查核实', en: 'Objection review' }, orgUnitName: '华城镇', dueAt: expect.any(String) }]);

  // The clerk handled four steps of it: it is in their 已办 too; the town reviewer has not handled it yet.
  expect((await clerk.get('/api/instances?handled=1')).body.items.map((i: { id: string }) => i.id)).toContain(instanceId);
  const town = await harness.login('zhen-huacheng');
  expect((await town.get('/api/instances?handled=1')).body.items.map((i: { id: string }) => i.id)).not.toContain(instanceId);
  expect((await town.get('/api/instances?mine=1')).body.items).toEqual([]);
});
