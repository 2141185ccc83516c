import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { canonicalJson, hashHistoryEvent, sealHistoryEvent, verifyHistoryChain, verifyInstanceHistory } from '../../server/src/store/history-chain';
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

async function head(instanceId: string) {
  const { rows } = await services.db.pool.query('SELECT history_seq, history_hash FROM instances WHERE id = $1', [instanceId]);
  return { seq: rows[0].history_seq as number, hash: rows[0].history_hash as string };
}

/** A case with four events: started and three completed tasks. */
async function caseWithHistory(): Promise<string> {
  const { instanceId } = await startApplication(services);
  for (const outcome of ['SUBMIT', 'VERIFY', 'PASS']) await act(services, instanceId, outcome);
  return instanceId;
}

/**
 * Runs SQL as someone who can switch triggers off (a superuser, as the test database's owner is):
 * with `session_replication_role = replica` ordinary triggers do not fire, so the append-only
 * trigger does not stop the tampering the chain must then reveal.
 */
async function asAttacker(run: (client: PoolClient) => Promise<unknown>): Promise<void> {
  const client = await services.db.pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await run(client);
  } finally {
    await client.query('RESET session_replication_role');
    client.release();
  }
}

describe('the history chain', () => {
  it('verifies a real instance history and detects an edited and a removed event', async () => {
    const instanceId = await caseWithHistory();
    const events = await chain(instanceId);
    expect(events.map((e) => e.type)).toEqual(['started', 'task_completed', 'task_completed', 'task_completed']);
    expect(verifyHistoryChain(events)).toEqual({ ok: true, length: 4 });
    expect(verifyHistoryChain(events, await head(instanceId))).toEqual({ ok: true, length: 4 });

    await asAttacker((c) => c.query(`UPDATE history SET payload = jsonb_set(payload, '{comment}', '"改过的意见"') WHERE instance_id = $1 AND seq = 3`, [instanceId]));
    expect(verifyHistoryChain(await chain(instanceId))).toEqual({ ok: false, seq: 3, kind: 'edited', reason: expect.stringContaining('edited') });

    const intact = events.filter((e) => e.seq !== 2);
    expect(verifyHistoryChain(intact)).toMatchObject({ ok: false, seq: 2, kind: 'missing' });
  });

  it('detects two events swapped in the database, by seq and by content', async () => {
    const bySeq = await caseWithHistory();
    // Swap seq 2 and 3 (via a free seq, the pair is unique).
    await asAttacker(async (c) => {
      await c.query('UPDATE history SET seq = 99 WHERE instance_id = $1 AND seq = 2', [bySeq]);
      await c.query('UPDATE history SET seq = 2 WHERE instance_id = $1 AND seq = 3', [bySeq]);
      await c.query('UPDATE history SET seq = 3 WHERE instance_id = $1 AND seq = 99', [bySeq]);
    });
    const swapped = await chain(bySeq);
    expect(swapped.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(verifyHistoryChain(swapped, await head(bySeq))).toMatchObject({ ok: false, seq: 2, kind: 'reordered' });

    // Swap everything but seq between events 3 and 4: each row is intact except for where it sits.
    const byContent = await caseWithHistory();
    await asAttacker((c) => c.query(`
      UPDATE history h SET at = o.at, type = o.type, actor = o.actor, payload = o.payload, prev_hash = o.prev_hash, hash = o.hash
      FROM history o WHERE h.instance_id = $1 AND o.instance_id = $1 AND h.seq IN (3, 4) AND o.seq = 7 - h.seq`, [byContent]));
    const moved = await chain(byContent);
    expect(verifyHistoryChain(moved, await head(byContent))).toMatchObject({ ok: false, seq: 3, kind: 'reordered' });
  });

  it('detects the last events removed, which leaves an intact but shorter chain, only against the instance row', async () => {
    const instanceId = await caseWithHistory();
    await asAttacker((c) => c.query('DELETE FROM history WHERE instance_id = $1 AND seq >= 3', [instanceId]));
    const left = await chain(instanceId);
    expect(left.map((e) => e.seq)).toEqual([1, 2]);
    // On its own the rest still chains: only the instance's recorded head shows the loss.
    expect(verifyHistoryChain(left)).toEqual({ ok: true, length: 2 });
    expect(verifyHistoryChain(left, await head(instanceId))).toMatchObject({ ok: false, seq: 3, kind: 'truncated' });
    expect(await verifyInstanceHistory(services.db.pool, services.config.tenantId, instanceId)).toEqual({
      orgPath: expect.any(String),
      verification: { ok: false, events: 2, brokenAt: 3, kind: 'truncated', reason: { zh: expect.stringContaining('第 3 条'), en: expect.stringContaining('removed') } },
    });
  });

  it('detects a gap in seq and a replaced last event', async () => {
    const gap = await caseWithHistory();
    await asAttacker((c) => c.query('DELETE FROM history WHERE instance_id = $1 AND seq = 2', [gap]));
    expect(verifyHistoryChain(await chain(gap), await head(gap))).toMatchObject({ ok: false, seq: 2, kind: 'missing' });

    // The last event re-hashed after an edit chains fine, but no longer ends where the instance says.
    const replaced = await caseWithHistory();
    const events = await chain(replaced);
    const last = events[3];
    const forged = hashHistoryEvent(last.prevHash, { ...last, payload: { ...last.payload, comment: '伪造' } });
    await asAttacker((c) => c.query(`UPDATE history SET payload = jsonb_set(payload, '{comment}', '"伪造"'), hash = $2 WHERE instance_id = $1 AND seq = 4`, [replaced, forged]));
    expect(verifyHistoryChain(await chain(replaced))).toEqual({ ok: true, length: 4 });
    expect(verifyHistoryChain(await chain(replaced), await head(replaced))).toMatchObject({ ok: false, seq: 4, kind: 'head_mismatch' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of history rows in the database', async () => {
    const instanceId = await caseWithHistory();
    const { pool } = services.db;
    await expect(pool.query(`UPDATE history SET payload = '{}' WHERE instance_id = $1 AND seq = 2`, [instanceId])).rejects.toThrow(/append-only: UPDATE/);
    await expect(pool.query('DELETE FROM history WHERE instance_id = $1 AND seq = 4', [instanceId])).rejects.toThrow(/历史记录只能追加.*DELETE/);
    await expect(pool.query('TRUNCATE history CASCADE')).rejects.toThrow(/append-only: TRUNCATE/);
    // Appending stays possible: the case goes on and its chain is whole.
    await act(services, instanceId, 'POSTED');
    expect(await verifyInstanceHistory(pool, services.config.tenantId, instanceId)).toMatchObject({ verification: { ok: true, events: 5 } });
  });
});

describe('sealHistoryEvent', () => {
  it('hashes the canonical JSON of the whole event and hands back the canonical actor and payload it sent', () => {
    const at = new Date('2026-03-01T08:00:00.000Z');
    const event = { instanceId: '7f3d0a2e-0000-4000-8000-000000000001', seq: 3, at, type: 'task_completed',
      actor: { username: 'cun-dongyuan', roles: ['village_clerk'], userId: undefined }, payload: { z: 1, a: { y: [1, { c: 2, b: 1 }], x: '曾庆华' }, skip: undefined } };
    const prev = 'f'.repeat(64);
    const whole = canonicalJson({ instanceId: event.instanceId, seq: 3, at: at.toISOString(), type: event.type, actor: event.actor, payload: event.payload });
    const sealed = sealHistoryEvent(prev, event);
    expect(sealed.hash).toBe(createHash('sha256').update(prev).update('\n').update(whole).digest('hex'));
    expect(sealed.payloadJson).toBe('{"a":{"x":"曾庆华","y":[1,{"b":1,"c":2}]},"z":1}');
    expect(JSON.parse(sealed.actorJson)).toEqual({ username: 'cun-dongyuan', roles: ['village_clerk'] });
    expect(hashHistoryEvent(prev, event)).toBe(sealed.hash);
    const noActor = { ...event, actor: undefined };
    expect(sealHistoryEvent(prev, noActor).hash).toBe(createHash('sha256').update(prev).update('\n')
      .update(canonicalJson({ instanceId: event.instanceId, seq: 3, at: at.toISOString(), type: event.type, payload: event.payload })).digest('hex'));
  });
});

describe('canonical JSON', () => {
  // JSON.stringify with every object's keys put in order: the same text by another road (no
  // integer-like keys here, which an object would order numerically).
  const reference = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v));

  it('sorts keys at every level, leaves out undefined members and writes dates as ISO text', () => {
    const values: unknown[] = [
      null, 0, -1.5, 'é"\\\n', true, [], {}, [undefined, null, { b: undefined, a: 1 }],
      { 乙: 1, 甲: [1, { z: 'x', y: new Date(Date.UTC(2026, 11, 6)) }], ab: { b: { d: 1, c: 2 }, a: [] }, a: undefined, A: 'upper', _: null },
      { members: Array.from({ length: 20 }, (_, i) => ({ name: `成员${i}`, idNumber: `44142419900101${String(i).padStart(4, '0')}`, age: i, tags: ['a', i] })) },
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson({ 10: 'a', 2: 'b', b: 1 })).toBe('{"10":"a","2":"b","b":1}');
  });
});
