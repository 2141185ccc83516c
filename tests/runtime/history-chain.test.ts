import { verifyHistoryChain } from '../../server/src/store/history-chain';
import { act, startApplication } from '../support/household-flow';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

async function chain(instanceId: string) {
  const { rows } = await services.db.pool.query(
    'SELECT instance_id, seq, at, type, actor, payload, prev_hash, hash FROM history WHERE instance_id = $1 ORDER BY seq', [instanceId]);
  return rows.map((r) => ({ instanceId: r.instance_id, seq: r.seq, at: r.at, type: r.type, actor: r.actor, payload: r.payload, prevHash: r.prev_hash, hash: r.hash }));
}

describe('the history chain', () => {
  it('verifies a real instance history and detects an edited, a removed and a reordered event', async () => {
    const { instanceId } = await startApplication(services);
    for (const outcome of ['SUBMIT', 'VERIFY', 'PASS']) await act(services, instanceId, outcome);
    const events = await chain(instanceId);
    expect(events.map((e) => e.type)).toEqual(['started', 'task_completed', 'task_completed', 'task_completed']);
    expect(verifyHistoryChain(events)).toEqual({ ok: true, length: 4 });

    await services.db.pool.query(`UPDATE history SET payload = jsonb_set(payload, '{comment}', '"改过的意见"') WHERE instance_id = $1 AND seq = 3`, [instanceId]);
    expect(verifyHistoryChain(await chain(instanceId))).toEqual({ ok: false, seq: 3, reason: expect.stringContaining('edited') });

    const intact = events.filter((e) => e.seq !== 2);
    expect(verifyHistoryChain(intact)).toMatchObject({ ok: false, seq: 3 });
  });
});
