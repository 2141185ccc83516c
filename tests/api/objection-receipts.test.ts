import { exampleDataFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

/**
 * An objection gets its own number (异议编号) in the step that files it, and the public can look
 * it up with that number and the phone's last four digits (or the code printed on the receipt of
 * an objection without a phone) — anonymously, rate-limited, and answering only what the objector
 * may see.
 */

const APPLICATION = 'household-identification.application';
let harness: ApiHarness;

/** A new household case of 董源村 driven to its running 7-day notice; answers its notice. */
async function caseAtNotice(): Promise<{ instanceId: string; noticeId: string }> {
  const clerk = await harness.login('cun-dongyuan');
  const instanceId = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body.id;
  await drive(harness, 'dongyuan', instanceId, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'], { [APPLICATION]: withFreshIdNumbers(exampleDataFor(APPLICATION)) });
  const { rows } = await harness.services.db.pool.query(`SELECT id FROM notices WHERE instance_id = $1 AND status = 'open'`, [instanceId]);
  return { instanceId, noticeId: rows[0].id };
}

const lookup = (receiptNo: string, phoneTail: string, headers: Record<string, string> = {}) =>
  harness.anonymous.post('/api/objections/lookup', { receiptNo, phoneTail }, headers);

beforeAll(async () => {
  harness = await startApiHarness({ objectionLimit: 50 });
});
afterAll(async () => { await harness.close(); });

describe('objection numbers', () => {
  it('When two objections are filed, then each gets the next 异议编号 of the county and year, stored with the phone\'s last four digits', async () => {
    const first = await caseAtNotice();
    const second = await caseAtNotice();
    const a = await harness.anonymous.post(`/api/notices/${first.noticeId}/objections`, { content: '该户有两层新楼房，家境较好。', name: '李先生', phone: '138-0013-8000' });
    const b = await harness.anonymous.post(`/api/notices/${second.noticeId}/objections`, { content: '该户儿子在深圳有稳定工作。' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    const year = new Date(harness.services.clock.now().getTime() + 8 * 3_600_000).getUTCFullYear();
    expect(a.body).toEqual(expect.objectContaining({ receiptNo: expect.stringMatching(new RegExp(`^441424-${year}-Y\\d{6}$`)), lookupBy: 'phone', status: 'received' }));
    expect(a.body.lookupCode).toBeUndefined();
    const seq = (no: string) => Number(no.slice(-6));
    expect(seq(b.body.receiptNo)).toBe(seq(a.body.receiptNo) + 1);
    // Without a phone the objector gets a four-digit code to look it up with, shown once.
    expect(b.body).toEqual(expect.objectContaining({ lookupBy: 'code', lookupCode: expect.stringMatching(/^\d{4}$/) }));
    const { rows } = await harness.services.db.pool.query('SELECT receipt_no, phone_tail FROM objections WHERE id = ANY($1::uuid[]) ORDER BY receipt_no', [[a.body.id, b.body.id]]);
    expect(rows).toEqual([{ receipt_no: a.body.receiptNo, phone_tail: '8000' }, { receipt_no: b.body.receiptNo, phone_tail: b.body.lookupCode }]);
  });

  it('When an objection is refused (the notice has closed), then it takes no number', async () => {
    const { noticeId } = await caseAtNotice();
    const filed = await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '第一条异议', phone: '13900001111' });
    const late = await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '第二条异议', phone: '13900002222' });
    expect(late.status).toBe(409);
    const { rows } = await harness.services.db.pool.query(`SELECT last FROM receipt_counters WHERE kind = 'objection'`);
    expect(rows[0].last).toBe(Number(filed.body.receiptNo.slice(-6)));
  });
});

describe('the public lookup', () => {
  it('When the objector looks up number and phone tail, then the answer follows the review — reviewing with its due date, then concluded with the decision — and tells nothing else', async () => {
    const { instanceId, noticeId } = await caseAtNotice();
    const filed = await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '申请人隐瞒了经营收入。', name: '王女士', phone: '0753-4431234' });
    expect(filed.status).toBe(201);
    const no = filed.body.receiptNo as string;

    const reviewing = await lookup(no.toLowerCase(), '1234');
    expect(reviewing.status).toBe(200);
    expect(reviewing.body).toEqual({
      receiptNo: no, filedAt: filed.body.filedAt, status: 'reviewing', dueAt: expect.any(String), result: null,
      notice: { id: noticeId, title: expect.stringContaining('公示'), townName: '华城镇', villageName: '董源村' },
    });
    // Nothing of the objection's text, the objector, the household or the reviewers.
    for (const secret of ['隐瞒', '王女士', '4431234', instanceId, 'zhen-huacheng']) expect(reviewing.text).not.toContain(secret);

    // The town investigates and dismisses the objection.
    const town = await harness.login('zhen-huacheng');
    const task = await openTaskOf(town, instanceId);
    expect(task.state).toBe('objectionReview');
    const review = exampleDataFor(task.formKey) as Record<string, unknown>;
    const done = await town.post(`/api/tasks/${task.id}/complete`, { outcome: 'DISMISS', data: { ...review, decision: 'dismissed' }, comment: '经核实，经营收入已计入。' });
    expect(done.status).toBe(200);

    const concluded = await lookup(no, '1234');
    expect(concluded.body).toEqual(expect.objectContaining({ status: 'concluded', dueAt: null, result: { label: '异议不成立', labelEn: 'Dismiss objection', at: expect.any(String) } }));
    expect(concluded.text).not.toContain('经营收入');
  });

  it('When an objection was filed without a phone, then it is found with the code on its receipt', async () => {
    const { noticeId } = await caseAtNotice();
    const filed = await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '匿名反映：该户有轿车。' });
    const found = await lookup(filed.body.receiptNo, filed.body.lookupCode);
    expect(found.status).toBe(200);
    expect(found.body.receiptNo).toBe(filed.body.receiptNo);
  });

  it('When number and digits do not match, then the answer is the same 404 whether the number exists or not; after five wrong tries the number is locked for everyone, even with the right digits', async () => {
    const { noticeId } = await caseAtNotice();
    const filed = await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '异议', phone: '13712345678' });
    const no = filed.body.receiptNo as string;
    const missing = await lookup('441424-2001-Y999999', '5678');
    expect(missing.status).toBe(404);
    const wrong = await lookup(no, '0000');
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.message).toBe(missing.body.error.message);
    expect(wrong.body.error.message).toMatch(/^没有找到与该编号和电话后四位/);
    // The right digits in between refund their try: only wrong ones count.
    expect((await lookup(no, '5678')).status).toBe(200);
    for (let i = 1; i < 5; i++) expect((await lookup(no, `000${i}`)).status).toBe(404);
    const locked = await lookup(no, '5678');
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/该编号查询错误次数过多/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // A number that does not exist leaves no counter behind: nothing an anonymous caller invents is stored.
    const { rows } = await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM rate_limits WHERE key = 'objection-lookup-number:441424-2001-Y999999'`);
    expect(rows[0].n).toBe(0);
  });

  it('When the input is malformed, then it is a 400 with Chinese field messages and nothing is counted against the number', async () => {
    for (const body of [{ receiptNo: '441424-2026-000001', phoneTail: '1234' }, { receiptNo: '441424-2026-Y000001', phoneTail: '12' }, { receiptNo: '441424-2026-Y000001' }, { receiptNo: 'x'.repeat(500), phoneTail: '1234' }]) {
      const answer = await harness.anonymous.post('/api/objections/lookup', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid');
      expect(JSON.stringify(answer.body.error.fields)).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('the lookup\'s budget', () => {
  it('When one address keeps asking, then it is cut off with 429 and Retry-After before any lookup is made, and other numbers are not locked by it', async () => {
    const lookups = harness.services.db.pool;
    const before = (await lookups.query(`SELECT count(*)::int AS n FROM rate_limits WHERE key LIKE 'objection-lookup-number:%'`)).rows[0].n;
    let answer = await lookup('441424-2001-Y000001', '1234');
    let tries = 1;
    while (answer.status !== 429 && tries < 100) {
      answer = await lookup(`441424-2001-Y${String(tries).padStart(6, '0')}`, '1234');
      tries++;
    }
    expect(answer.status).toBe(429);
    expect(answer.body.error.message).toBe('查询次数过多，请稍后再试');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    // 30 per address and 10 minutes: the suite's earlier lookups count too.
    expect(tries).toBeLessThanOrEqual(30);
    expect((await lookups.query(`SELECT count(*)::int AS n FROM rate_limits WHERE key LIKE 'objection-lookup-number:%'`)).rows[0].n).toBe(before);
  });
});
