import { findSensitiveFields } from '../../server/src/forms';
import { maskPersonalData } from '../../server/src/domain/masking';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, startApiHarness } from '../api/api-harness';
import type { ApiHarness } from '../api/api-harness';

const APPLICATION = 'household-identification.application';

describe('findSensitiveFields', () => {
  it('finds personal-number fields by format, through $ref, lists, sections and conditional branches', () => {
    const schema = {
      type: 'object',
      $defs: { id: { type: 'string', format: 'id-card' }, acct: { type: 'string', format: 'bank-account' } },
      properties: {
        name: { type: 'string' },
        payee: { $ref: '#/$defs/acct' },
        people: { type: 'array', items: { type: 'object', properties: { pid: { $ref: '#/$defs/id' }, phone: { type: 'string', format: 'mobile' } } } },
      },
      allOf: [{ if: {}, then: { properties: { certificate: { type: 'string', format: 'certificate-no' } } } }],
      examples: [{ properties: { decoy: { format: 'id-card' } } }],
    };
    expect(Object.fromEntries(findSensitiveFields(schema))).toEqual({ payee: 'bank-account', pid: 'id-card', certificate: 'certificate' });
  });

  it('masks by those fields, and any long digit run in free text', () => {
    const masked = maskPersonalData(
      { pid: '441424196803153012', note: '户主身份证 441424196803153012，账号6229370012345678901', amount: 1234567890123, name: '曾庆华' },
      new Map([['pid', 'id-card' as const]]));
    expect(masked).toEqual({ pid: '441424********3012', note: '户主身份证 441424********3012，账号622937*********8901', amount: 1234567890123, name: '曾庆华' });
  });
});

describe('personal numbers in answers', () => {
  let harness: ApiHarness;
  let instanceId: string;
  let household: any;
  beforeAll(async () => {
    harness = await startApiHarness();
    const clerk = await harness.login('cun-dongyuan');
    instanceId = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body.id;
    const data = withFreshIdNumbers(exampleFor(APPLICATION));
    household = data.household;
    await drive(harness, 'dongyuan', instanceId, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'], { [APPLICATION]: data });
    await harness.anonymous.post('/api/test/clock', { advance: 'P8D' });
    await drive(harness, 'dongyuan', instanceId, ['FORWARD', 'APPROVE', 'APPROVE']);
  });
  afterAll(async () => { await harness.close(); });

  const secrets = () => [
    household.head.idNumber, household.bankAccount, ...household.members.map((m: any) => m.idNumber),
    household.members.find((m: any) => m.disabilityCertNo).disabilityCertNo,
  ];
  const unmaskAudits = async () => (await harness.services.db.pool.query(`SELECT actor->>'username' AS who, target, reason FROM audit_events WHERE action = 'instance.unmask' ORDER BY at`)).rows;

  it.each(['cun-dongyuan', 'zhen-huacheng', 'ducha', 'xian'])('When %s reads the case, then no full ID, bank or certificate number is in the answer', async (username) => {
    const answer = await (await harness.login(username)).get(`/api/instances/${instanceId}`);
    expect(answer.status).toBe(200);
    for (const secret of secrets()) expect(answer.text).not.toContain(secret);
    expect(answer.body.data.application.household.head.idNumber).toBe(`441424********${household.head.idNumber.slice(-4)}`);
    expect(answer.body.history.find((h: any) => h.payload?.state === 'application').payload.data.household.members[5].disabilityCertNo)
      .toMatch(/^441424\*+\d{4}$/);
  });

  it.each(['cun-dongyuan', 'zhen-huacheng', 'ducha'])('When %s asks to unmask, then the answer is 403 and nothing is audited', async (username) => {
    const answer = await (await harness.login(username)).get(`/api/instances/${instanceId}?unmask=1&reason=${encodeURIComponent('核对')}`);
    expect(answer.status).toBe(403);
    for (const secret of secrets()) expect(answer.text).not.toContain(secret);
    expect(await unmaskAudits()).toEqual([]);
  });

  it('When the county unmasks with a reason, then the numbers are shown and the read is audited', async () => {
    const county = await harness.login('xian');
    expect((await county.get(`/api/instances/${instanceId}?unmask=1`)).status).toBe(400);
    const answer = await county.get(`/api/instances/${instanceId}?unmask=1&reason=${encodeURIComponent('核对银行账号')}`);
    expect(answer.status).toBe(200);
    expect(answer.body.data.application.household.bankAccount).toBe(household.bankAccount);
    expect(await unmaskAudits()).toEqual([{ who: 'xian', target: `instances/${instanceId}`, reason: '核对银行账号' }]);
  });

  it('When the registry page shows a household, then the certificate number is masked too', async () => {
    const list = await (await harness.login('zhen-huacheng')).get(`/api/households?q=${household.head.idNumber}`);
    const detail = await (await harness.login('zhen-huacheng')).get(`/api/households/${list.body.items[0].id}`);
    expect(detail.status).toBe(200);
    for (const secret of secrets()) expect(detail.text).not.toContain(secret);
  });

  it('When a search uses LIKE wildcards or a longer ID tail, then it confirms nothing', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const id: string = household.head.idNumber;
    const found = async (q: string) => (await clerk.get(`/api/households?q=${encodeURIComponent(q)}`)).body.items.length;
    expect(await found(id)).toBe(1);
    expect(await found(id.slice(-4))).toBe(1);
    // One guessed digit more than the visible tail must not be confirmable.
    expect(await found(id.slice(-5))).toBe(0);
    expect(await found(`_${id.slice(-4)}`)).toBe(0);
    expect(await found(`${id.slice(0, 17)}_`)).toBe(0);
    expect(await found('%')).toBe(0);
    expect(await found('曾%华')).toBe(0);
    expect(await found(household.head.name.slice(0, 1))).toBeGreaterThanOrEqual(1);
  });
});
