import { watchStatements } from '../support/statements-sent';
import { dataChangeOf } from '../../server/src/store/step-writer';
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
    // The row was changed behind the runtime's back (its history hash is the same): read it, not the node's copy.
    services.snapshots.forget(instanceId);
    await act(services, instanceId, 'VERIFY');
    expect((await openTask(services, instanceId)).state).toBe('villagerAppraisal');
    expect((await stored(instanceId)).has_data).toBe(false);
  });

  it('sends only the form data a step changed, and the row still holds all of it', async () => {
    const { instanceId } = await startApplication(services);
    await act(services, instanceId, 'SUBMIT');
    const before = (await instanceRow(services, instanceId)).data;
    // Capture the step statement's data parameter while VERIFY runs.
    const sent: string[] = [];
    await watchStatements(() => act(services, instanceId, 'VERIFY'), {
      sent: (s) => {
        if (typeof s === 'string' || !s.name?.startsWith('jz_write_step')) return;
        // The statement takes only the parameters its parts name, numbered in order: find the data's.
        const at = Number(/data \|\| \$(\d+)::jsonb/.exec(s.text)?.[1]);
        sent.push(s.values![at - 1] as string);
      },
    });
    expect(sent).toHaveLength(1);
    const change = JSON.parse(sent[0]);
    // The step's form data and what its guards decided (the eligibility rule applied), nothing else.
    expect(Object.keys(change)).toEqual(['verification', 'eligibility']);
    expect(sent[0]).not.toContain(before.application.household.head.name);
    const after = (await instanceRow(services, instanceId)).data;
    expect(after).toEqual({ ...before, verification: change.verification, eligibility: change.eligibility });
  });
});

describe('dataChangeOf', () => {
  it('names the top-level keys whose value is another object, and replaces the whole value when a key went', () => {
    const kept = { a: 1 };
    expect(dataChangeOf({ kept, old: 1 }, { kept, old: 2, added: { b: 1 } })).toEqual({ merge: { old: 2, added: { b: 1 } } });
    expect(dataChangeOf({ kept }, { kept })).toEqual({ merge: {} });
    expect(dataChangeOf({ kept, gone: 1 }, { kept })).toEqual({ replace: { kept } });
    expect(dataChangeOf(undefined, { kept })).toEqual({ merge: { kept } });
  });
});
