import { drive, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

/** Tampers as a superuser would: with `session_replication_role = replica` the append-only trigger does not fire. */
async function tamper(sql: string, values: unknown[]): Promise<void> {
  const client = await harness.services.db.pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, values);
  } finally {
    await client.query('RESET session_replication_role');
    client.release();
  }
}

describe('GET /api/instances/:id/verify', () => {
  let instanceId: string;

  beforeAll(async () => {
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    await drive(harness, 'dongyuan', instanceId, ['SUBMIT', 'VERIFY']);
  }, 60_000);

  it('When an inspector or an admin verifies a real case, then the chain is whole; other roles get 403, no session 401', async () => {
    for (const username of ['ducha', 'admin']) {
      const answer = await (await harness.login(username)).get(`/api/instances/${instanceId}/verify`);
      expect({ username, status: answer.status, body: answer.body }).toEqual({ username, status: 200, body: { ok: true, events: 3 } });
    }
    for (const username of ['cun-dongyuan', 'zhen-huacheng', 'xian']) {
      const answer = await (await harness.login(username)).get(`/api/instances/${instanceId}/verify`);
      expect({ username, status: answer.status, code: answer.body.error?.code }).toEqual({ username, status: 403, code: 'forbidden' });
    }
    expect((await harness.anonymous.get(`/api/instances/${instanceId}/verify`)).status).toBe(401);
  });

  it('When the case does not exist, then the inspector gets 404', async () => {
    const inspector = await harness.login('ducha');
    expect((await inspector.get('/api/instances/00000000-0000-4000-8000-00000000abcd/verify')).status).toBe(404);
    expect((await inspector.get('/api/instances/not-a-case/verify')).status).toBe(404);
  });

  it('When a history row is edited, and then the last events deleted, behind the trigger, then verify names where the chain breaks', async () => {
    const inspector = await harness.login('ducha');
    await tamper(`UPDATE history SET payload = jsonb_set(payload, '{comment}', '"改过的意见"') WHERE instance_id = $1 AND seq = 2`, [instanceId]);
    const edited = await inspector.get(`/api/instances/${instanceId}/verify`);
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({ ok: false, events: 3, brokenAt: 2, kind: 'edited', reason: { zh: '第 2 条记录的内容被修改', en: 'event 2 was edited' } });

    // Then removing the edited event and the one after it leaves an intact chain that stops short of the case's recorded end.
    await tamper('DELETE FROM history WHERE instance_id = $1 AND seq >= 2', [instanceId]);
    const truncated = await inspector.get(`/api/instances/${instanceId}/verify`);
    expect(truncated.body).toEqual({ ok: false, events: 1, brokenAt: 2, kind: 'truncated', reason: expect.objectContaining({ zh: expect.stringContaining('被删除') }) });
  });

  it('When anyone tries to change history through the application\'s connection, then the database refuses', async () => {
    const { pool } = harness.services.db;
    await expect(pool.query('DELETE FROM history WHERE instance_id = $1', [instanceId])).rejects.toThrow(/append-only/);
  });
});
