import { request } from 'node:http';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, startApiHarness } from '../api/api-harness';
import type { ApiHarness } from '../api/api-harness';

/** One POST from a chosen loopback address (127.0.0.x), as a member of the public would send it. */
function postFrom(base: string, localAddress: string, path: string, body: unknown): Promise<{ status: number; retryAfter?: string; body: any }> {
  const url = new URL(path, base);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Polls /api/health until `done` resolves; answers the slowest answer's time and any that failed. */
async function watchHealth(base: string, done: Promise<unknown>): Promise<{ maxMs: number; failures: number; polls: number }> {
  let finished = false;
  void done.finally(() => { finished = true; });
  let maxMs = 0;
  let failures = 0;
  let polls = 0;
  while (!finished) {
    const started = performance.now();
    const answer = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    maxMs = Math.max(maxMs, performance.now() - started);
    polls++;
    if (!answer || answer.status !== 200) failures++;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { maxMs, failures, polls };
}

describe('a burst of anonymous objections', () => {
  let harness: ApiHarness;
  const noticeIds: string[] = [];
  beforeAll(async () => {
    // No concurrency gate here: what keeps the app healthy must be one connection per objection.
    harness = await startApiHarness({ anonymousWriteConcurrency: 1000 });
    const clerk = await harness.login('cun-dongyuan');
    for (let i = 0; i < 8; i++) {
      const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
      await drive(harness, 'dongyuan', started.body.id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'], { 'household-identification.application': withFreshIdNumbers(exampleFor('household-identification.application')) });
    }
    const open = await harness.anonymous.get('/api/notices?town=华城镇&pageSize=50');
    noticeIds.push(...open.body.items.map((n: any) => n.id));
    expect(noticeIds).toHaveLength(8);
  });
  afterAll(async () => { await harness.close(); });

  it('When 80 objections arrive at once from 8 addresses, then health keeps answering, nothing is 500, and no connection is left in a transaction', async () => {
    const burst = Promise.all(Array.from({ length: 80 }, (_, i) =>
      postFrom(harness.base, `127.0.0.${2 + (i % 8)}`, `/api/notices/${noticeIds[i % 8]}/objections`, { content: `异议 ${i}：该户家中有小轿车`, name: '李四' })));
    const [answers, health] = await Promise.all([burst, watchHealth(harness.base, burst)]);
    const byStatus = answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});
    console.log(`objection burst: ${JSON.stringify(byStatus)}; health polls ${health.polls}, slowest ${health.maxMs.toFixed(0)} ms, failed ${health.failures}`);

    expect(health.failures).toBe(0);
    expect(health.maxMs).toBeLessThan(2_000);
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    for (const a of answers.filter((x) => x.status === 503)) expect(Number(a.retryAfter)).toBeGreaterThan(0);
    expect(answers.filter((a) => ![201, 409, 422, 429, 503].includes(a.status))).toEqual([]);
    // Each notice takes its first objection: the case moves to objection review and the notice closes.
    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(accepted.length).toBeLessThanOrEqual(8);

    const pool = harness.services.db.pool;
    // Exactly one objection row per accepted answer: none written for a refused event.
    const { rows: [{ n: stored }] } = await pool.query('SELECT count(*)::int AS n FROM objections');
    expect(stored).toBe(accepted.length);
    const { rows: [{ n: events }] } = await pool.query(`SELECT count(*)::int AS n FROM history WHERE type = 'event' AND payload->>'event' = 'OBJECTION'`);
    expect(events).toBe(accepted.length);
    const { rows: idle } = await pool.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
    expect(idle).toEqual([]);
  }, 30_000);

  it('When anonymous writes exceed the global budget, then even a fresh address is refused with 429 and Retry-After', async () => {
    const small = await startApiHarness({ anonymousWriteLimit: 3, objectionLimit: 100 });
    try {
      const notice = '00000000-0000-4000-8000-000000000000';
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await postFrom(small.base, `127.0.1.${i + 1}`, `/api/notices/${notice}/objections`, { content: '异议' }));
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 429, 429]);
      expect(answers[3].body.error.code).toBe('too_many_submissions');
      expect(Number(answers[4].retryAfter)).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});

describe('a saturated pool', () => {
  it('When every pooled connection is taken, then a request gets 503 with Retry-After instead of hanging', async () => {
    const harness = await startApiHarness({}, { pool: { max: 3, acquireTimeoutMs: 300 } });
    try {
      const clerk = await harness.login('cun-dongyuan');
      const held = await Promise.all([1, 2, 3].map(() => harness.services.db.pool.connect()));
      try {
        const started = performance.now();
        const answer = await clerk.get('/api/tasks');
        expect(answer.status).toBe(503);
        expect(answer.body.error.code).toBe('unavailable');
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(performance.now() - started).toBeLessThan(3_000);
      } finally {
        for (const client of held) client.release();
      }
      expect((await clerk.get('/api/tasks')).status).toBe(200);
    } finally {
      await harness.close();
    }
  });
});
