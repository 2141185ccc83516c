import { randomUUID } from 'node:crypto';
import { fundReport, postDueInterestSubsidies, postInterestSubsidy } from '../../server/src/domain/funds';
import { recordMeasure } from '../../server/src/domain/help/measures';
import { registerImportedHouseholds } from '../../server/src/domain/households/household-import.writer';
import { ConflictError, createManualClock } from '../../server/src/kernel';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

/**
 * 小额信贷贴息 posted from the micro-credit measures (§三: loans ≤ 5 万元, ≤ 3 years, interest
 * subsidised): each completed loan year is posted once, on the loan's anniversary, at the loan amount ×
 * the configured rate (4.35 %), against the county's special funds of the year it falls due; running
 * the job again posts nothing twice. The clock is a manual one moved by the test.
 */
let services: TestServices & { dropDatabase(): Promise<void> };
const clock = createManualClock(new Date('2017-03-01T01:00:00Z'));
beforeAll(async () => { services = await startTestServices({ clock }); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

const TENANT = '441424';
const DONGYUAN = { id: '441424130201', path: '441424/441424130/441424130201' };
const households: Record<string, string> = {};

async function household(head: string, idNumber: string): Promise<string> {
  const id = randomUUID();
  await registerImportedHouseholds(services.db, TENANT, [{
    id, tenantId: TENANT, orgUnitId: DONGYUAN.id, orgPath: DONGYUAN.path, headName: head, headIdNumber: idNumber, category: '一般贫困户', status: '未脱贫',
    data: { head: { name: head, idNumber } }, at: new Date('2016-12-20T02:00:00Z'),
  }], () => undefined);
  households[head] = id;
  return id;
}

async function loan(head: string, data: Record<string, unknown>): Promise<string> {
  const helper = await services.actor('bm-caizheng');
  return services.db.transaction((client) => recordMeasure(client, {
    ids: () => randomUUID(), tenantId: TENANT, household: { id: households[head], headIdNumber: 'x' }, config: services.configForYear(2017), now: clock.now(), locale: 'zh-CN',
    data: { kind: 'microCredit', lender: '五华县农村信用合作联社', interestSubsidised: true, ...data },
    actor: { userId: helper.userId, name: helper.displayName ?? '财政局经办人', orgUnitId: helper.orgUnitId, unitName: '县财政局' },
  }));
}

const post = () => services.db.transaction((client) => postDueInterestSubsidies(client, {
  tenantId: TENANT, now: clock.now(), configForYear: services.configForYear, uuid: () => randomUUID(),
}));
const postings = async () => (await services.db.pool.query(
  `SELECT a.year, a.source, a.amount::float AS amount, a.loan_year, h.head_name FROM fund_allocations a JOIN measures m ON m.id = a.measure_id JOIN households h ON h.id = m.household_id
   WHERE a.kind = 'interest_subsidy' ORDER BY h.head_name COLLATE "C", a.loan_year`)).rows;

describe('interest subsidies posted from micro-credit measures', () => {
  beforeAll(async () => {
    await household('甲贷款', '441424198001010011');
    await household('乙贷款', '441424198001010038');
    await household('丙贷款', '441424198001010054');
    await loan('甲贷款', { date: '2017-03-01', loanAmount: 30000, loanYears: 3 });
    await loan('乙贷款', { date: '2017-06-15', loanAmount: 50000, loanYears: 2.5 });
    // No subsidy agreed: never posted.
    await loan('丙贷款', { date: '2017-03-01', loanAmount: 20000, loanYears: 1, interestSubsidised: false });
  });

  it('posts nothing before a loan year is complete', async () => {
    clock.set(new Date('2018-02-28T15:00:00Z')); // 2018-02-28 23:00 in China
    expect(await post()).toBe(0);
    expect(await postings()).toEqual([]);
  });

  it('posts the first loan year on its anniversary at 4.35 % of the loan, against the county\'s special funds of that year, once however often it runs', async () => {
    clock.set(new Date('2018-02-28T16:30:00Z')); // 2018-03-01 00:30 in China
    expect(await post()).toBe(1);
    expect(await post()).toBe(0);
    expect(await postings()).toEqual([{ year: 2018, source: '县级财政专项扶贫资金', amount: 1305, loan_year: 1, head_name: '甲贷款' }]);
  });

  it('posts every loan year that fell due since, a part last year pro rata, and at most the plan\'s 3 years', async () => {
    clock.set(new Date('2021-01-01T01:00:00Z'));
    expect(await post()).toBe(5);
    clock.set(new Date('2026-01-01T01:00:00Z'));
    expect(await post()).toBe(0);
    expect(await postings()).toEqual([
      { year: 2018, source: '县级财政专项扶贫资金', amount: 2175, loan_year: 1, head_name: '乙贷款' },
      { year: 2019, source: '县级财政专项扶贫资金', amount: 2175, loan_year: 2, head_name: '乙贷款' },
      { year: 2020, source: '县级财政专项扶贫资金', amount: 1087.5, loan_year: 3, head_name: '乙贷款' },
      { year: 2018, source: '县级财政专项扶贫资金', amount: 1305, loan_year: 1, head_name: '甲贷款' },
      { year: 2019, source: '县级财政专项扶贫资金', amount: 1305, loan_year: 2, head_name: '甲贷款' },
      { year: 2020, source: '县级财政专项扶贫资金', amount: 1305, loan_year: 3, head_name: '甲贷款' },
    ]);
  });

  it('refuses to post by hand the subsidy of a loan on record (it would be paid twice), and writes nothing', async () => {
    const county = await services.actor('xian');
    const before = await postings();
    const err = await services.db.transaction((client) => postInterestSubsidy(client, {
      tenantId: TENANT, actor: county, config: services.configForYear(2018), uuid: () => randomUUID(), now: clock.now(),
      input: { householdId: households['甲贷款'], loanAmount: 30000, loanYears: 3, subsidyAmount: 1305, source: '县级财政专项扶贫资金', paidOn: '2018-03-05' },
    })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toContain('甲贷款户的扶贫小额信贷已有贷款记录');
    expect(await postings()).toEqual(before);
    const { rows: [{ n }] } = await services.db.pool.query(`SELECT count(*)::int AS n FROM fund_allocations WHERE kind = 'interest_subsidy' AND measure_id IS NULL`);
    expect(n).toBe(0);
  });

  it('shows the postings in the fund report by source, town and year, and the report adds up', async () => {
    const report = await fundReport(services.db.pool, { tenantId: TENANT, scopePath: '441424', year: 2018, perPerson: 20000 });
    const special = report.sources.find((s) => s.source === '县级财政专项扶贫资金')!;
    expect(special).toEqual(expect.objectContaining({ year: 2018, interestSubsidies: 3480, disbursed: 3480 }));
    expect(special.balance).toBe(special.received - special.allocated);
    expect(report.towns.find((t) => t.townName === '华城镇')).toEqual(expect.objectContaining({ interestSubsidies: 3480 }));
    expect(report.totals.received).toBe(report.totals.allocated + report.totals.balance);
  });
});
