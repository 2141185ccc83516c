import { act, instanceRow, openTask, startApplication } from '../support/household-flow';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

const stored = async (instanceId: string) =>
  (await services.db.pool.query(`SELECT snapshot->'context' ? 'data' AS has_data, data FROM instances WHERE id = $1`, [instanceId])).rows[0];

describe('the stored snapshot', () => {
  it('keeps the form data once: in the data column, not again inside the snapshot', async () => {
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    const row = await stored(instanceId);
    expect(row.has_data).toBe(false);
    expect(row.data.application.household.head.name).toBe('曾庆华');
    // The next step restores the data from the column: the verification sees the application.
    await act(services, instanceId, 'VERIFY');
    expect((await instanceRow(services, instanceId)).data).toEqual(expect.objectContaining({ application: row.data.application, verification: expect.any(Object) }));
  });

  it('restores a snapshot written with its own copy of the data (rows from before the split)', async () => {
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    await services.db.pool.query(`UPDATE instances SET snapshot = jsonb_set(snapshot, '{context,data}', data) WHERE id = $1`, [instanceId]);
    expect((await stored(instanceId)).has_data).toBe(true);
    await act(services, instanceId, 'VERIFY');
    expect((await openTask(services, instanceId)).state).toBe('villagerAppraisal');
    expect((await stored(instanceId)).has_data).toBe(false);
  });
});
