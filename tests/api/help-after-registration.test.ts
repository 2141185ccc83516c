import ExcelJS from 'exceljs';
import { formByKey } from '../forms/form-fixtures';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

const APPLICATION = 'household-identification.application';

async function registerThrough(village: 'dongyuan' | 'zhuanshui', application: any): Promise<string> {
  const clerk = await harness.login(village === 'dongyuan' ? 'cun-dongyuan' : 'cun-zhuanshui');
  const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  await drive(harness, village, started.body.id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'], { [APPLICATION]: application });
  await harness.anonymous.post('/api/test/clock', { advance: 'P8D' });
  await drive(harness, village, started.body.id, ['FORWARD', 'APPROVE', 'APPROVE']);
  const { rows: [row] } = await harness.services.db.pool.query('SELECT id FROM households WHERE source_instance_id = $1', [started.body.id]);
  return row.id;
}

/** The form's example of one measure kind, dated `date`. */
function measure(kind: string, date: string) {
  const examples: any[] = structuredClone(formByKey('help.measure').schema.examples as unknown[]);
  return { ...examples.find((e) => e.kind === kind), date };
}

describe('after registration: helpers, plans, the 帮扶记录卡, measures and indicators', () => {
  let dongyuan: string;
  let zhuanshui: string;
  let today: string;
  let xian: ApiClient;
  beforeAll(async () => {
    dongyuan = await registerThrough('dongyuan', exampleFor(APPLICATION));
    zhuanshui = await registerThrough('zhuanshui', withFreshIdNumbers(exampleFor(APPLICATION)));
    xian = await harness.login('xian');
    today = (await xian.get('/api/me')).body.today;
  }, 180_000);

  it('When the county registers a household of a village paired with a 帮扶单位, then the same step pairs it with that unit\'s helper by category', async () => {
    const household = (await xian.get(`/api/households/${dongyuan}`)).body;
    expect(household.helpers).toEqual([expect.objectContaining({ helperName: '李志强', helperUnit: '县教育局', helpKind: '重点帮扶', assignedBy: 'system', endedAt: null })]);
    const { rows } = await harness.services.db.pool.query(
      `SELECT a.source_instance_id = h.source_instance_id AS same_case, a.assigned_at = h.registered_at AS same_step FROM household_helpers a JOIN households h ON h.id = a.household_id WHERE h.id = $1`, [dongyuan]);
    expect(rows).toEqual([{ same_case: true, same_step: true }]);
    // 转水村 has no 帮扶单位 pairing: the household waits for its town to choose.
    expect((await xian.get(`/api/households/${zhuanshui}`)).body.helpers).toEqual([]);
    // The helper reads their own household only.
    const li = await harness.login('bangfu-li');
    expect((await li.get('/api/households')).body.items.map((h: any) => h.id)).toEqual([dongyuan]);
    expect((await li.get(`/api/households/${zhuanshui}`)).status).toBe(404);
  });

  it('When a town pairs or re-pairs a household, then the history keeps both with the reason; another town and bad input change nothing', async () => {
    const helpers = (await xian.get('/api/helpers')).body.items;
    const wang = helpers.find((h: any) => h.name === '王春梅');
    const li = helpers.find((h: any) => h.name === '李志强');
    expect(li).toMatchObject({ unit: '县教育局', households: 1 });

    const audited = async () => (await harness.services.db.pool.query(
      `SELECT actor->>'username' AS by, details->>'householdId' AS household, details->>'reason' AS reason FROM audit_events WHERE action = 'households.helper' ORDER BY at, id`)).rows;
    const auditedBefore = (await audited()).length;
    const zhuanshuiTown = await harness.login('zhen-zhuanshui');
    const first = await zhuanshuiTown.post(`/api/households/${zhuanshui}/helper`, { helperUserId: wang.userId, reason: '镇扶贫工作站指派' });
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([expect.objectContaining({ helperName: '王春梅', endedAt: null, assignedBy: 'zhen-zhuanshui', reason: '镇扶贫工作站指派' })]);
    expect((await zhuanshuiTown.post(`/api/households/${dongyuan}/helper`, { helperUserId: wang.userId, reason: '越权' })).status).toBe(404);

    const huacheng = await harness.login('zhen-huacheng');
    const notHelper = (await xian.get('/api/me')).body.user.id;
    const bad = await huacheng.post(`/api/households/${dongyuan}/helper`, { helperUserId: notHelper, reason: '调整' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields['/helperUserId'][0]).toMatch(/帮扶责任人/);
    expect((await huacheng.post(`/api/households/${dongyuan}/helper`, { helperUserId: li.userId, reason: '同一人' })).status).toBe(409);

    // The pairing and its audit row are one transaction: the refused ones (404, 400, 409) left neither.
    expect((await audited()).slice(auditedBefore)).toEqual([{ by: 'zhen-zhuanshui', household: zhuanshui, reason: '镇扶贫工作站指派' }]);

    const moved = await huacheng.post(`/api/households/${dongyuan}/helper`, { helperUserId: wang.userId, reason: '李志强调离县教育局帮扶岗位' });
    expect(moved.status).toBe(200);
    expect(moved.body.items).toEqual([
      expect.objectContaining({ helperName: '王春梅', endedAt: null, assignedBy: 'zhen-huacheng' }),
      expect.objectContaining({ helperName: '李志强', endedBy: 'zhen-huacheng', endReason: '李志强调离县教育局帮扶岗位', endedAt: expect.any(String) }),
    ]);
    expect((await (await harness.login('bangfu-li')).get('/api/households')).body.items).toEqual([]);
    expect((await (await harness.login('bangfu-wang')).get('/api/households')).body.items.map((h: any) => h.id).sort()).toEqual([dongyuan, zhuanshui].sort());
  });

  it('When the helper writes the year\'s 一户一策 plan, then the household page shows it with the helper as author; others may not, bad data is a 400', async () => {
    const wang = await harness.login('bangfu-wang');
    const year = Number(today.slice(0, 4));
    const plan = { ...exampleFor('help.plan'), year };
    expect((await (await harness.login('cun-dongyuan')).request('PUT', `/api/households/${dongyuan}/plans/${year}`, plan)).status).toBe(403);
    const bad = await wang.request('PUT', `/api/households/${dongyuan}/plans/${year}`, { ...plan, measures: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields['/measures'][0]).toContain('至少填写 1 项');
    expect((await wang.request('PUT', `/api/households/${dongyuan}/plans/${year}`, plan)).status).toBe(200);
    expect((await xian.get(`/api/households/${dongyuan}`)).body.plans).toEqual([expect.objectContaining({ year, authorName: '王春梅', data: expect.objectContaining({ goal: plan.goal }) })]);
  });

  it('When departments and the helper record measures, then each lands on the household page and its 帮扶记录卡; the plan\'s loan limit and each department\'s own kinds hold', async () => {
    const post = async (who: string, kind: string) => (await harness.login(who)).post(`/api/households/${dongyuan}/measures`, measure(kind, today));
    expect((await post('bm-jiaoyu', 'education')).status).toBe(201);
    expect((await post('bm-jiaoyu', 'health')).status).toBe(403);
    expect((await post('bm-weijian', 'health')).status).toBe(201);
    expect((await post('bm-renshe', 'employment')).status).toBe(201);
    expect((await post('bm-nongye', 'industry')).status).toBe(201);
    expect((await post('bangfu-wang', 'assetIncome')).status).toBe(201);
    const loan = await (await harness.login('bangfu-wang')).post(`/api/households/${dongyuan}/measures`, { ...measure('microCredit', today), loanAmount: 60000, loanYears: 4 });
    expect(loan.status).toBe(400);
    expect(loan.body.error.fields).toEqual({ '/loanAmount': ['扶贫小额信贷每户不超过 50000 元'], '/loanYears': ['贷款期限不超过 3 年'] });
    expect((await post('bm-caizheng', 'microCredit')).status).toBe(201);

    const household = (await xian.get(`/api/households/${dongyuan}`)).body;
    expect(household.measures.map((m: any) => m.kind).sort()).toEqual(['assetIncome', 'education', 'employment', 'health', 'industry', 'microCredit']);
    expect(household.measures.find((m: any) => m.kind === 'education')).toMatchObject({ memberName: '曾雅婷', unitName: '县教育局', enteredByName: '教育局经办人' });
    expect(household.helpRecords.map((r: any) => r.measureType).sort()).toEqual(['产业', '医疗', '小额信贷', '就业/培训', '教育', '资产收益'].sort());
    expect(household.helpRecords.find((r: any) => r.measureType === '医疗')).toMatchObject({ entryKind: '帮扶措施', helperUnit: '县卫健局', content: '代缴城乡居民医保4人，政策范围内医疗费用报销80%' });
  });

  it('When the village enters a visit on the card, then it shows with its confirmations and the card exports to Excel with every entry', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const entry = { ...exampleFor('help.record'), date: today };
    expect((await clerk.post(`/api/households/${dongyuan}/help-records`, entry)).status).toBe(201);
    expect((await clerk.post(`/api/households/${dongyuan}/help-records`, entry)).status).toBe(400);
    const empty = await clerk.post(`/api/households/${dongyuan}/help-records`, { ...entry, content: '' });
    expect(empty.body.error.fields['/content'][0]).toContain('至少填写 1 个字');
    expect((await (await harness.login('cun-hezikou')).post(`/api/households/${dongyuan}/help-records`, entry)).status).toBe(404);

    const card = (await xian.get(`/api/households/${dongyuan}`)).body.helpRecords;
    expect(card.find((r: any) => r.entryKind === '走访')).toMatchObject({ helperName: '董源村文书', confirmedByHousehold: true, confirmedByVillageHead: true, confirmedByTeamLeader: false, locked: false });

    const file = await xian.get(`/api/households/${dongyuan}/help-card.xlsx`);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body);
    const sheet = workbook.getWorksheet('帮扶记录卡')!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['日期', '记录类别', '帮扶内容', '贫困户确认']));
    expect(sheet.rowCount - 1).toBe(card.length);
    const contents = sheet.getColumn(6).values.slice(2);
    expect(contents).toEqual(card.map((r: any) => r.content));
  });

  it('When the county reads the indicators, then each village\'s figures follow its records against the year\'s targets in county-config.json', async () => {
    const year = Number(today.slice(0, 4));
    const report = await xian.get(`/api/reports/help-indicators?year=${year}`);
    expect(report.status).toBe(200);
    // The current year inherits 2018's figures: every willing household linked, 70 % of costs, everyone 60+ with a pension.
    expect(report.body.targets).toMatchObject({ enterpriseLinkageShare: 1, enterpriseLinkageOf: 'willing', medicalCostCoverage: 0.7, pensionCoverage60: 1 });
    const dong = report.body.villages.find((v: any) => v.name === '董源村').indicators;
    expect(dong).toMatchObject({
      households: 1,
      enterpriseLinkage: { count: 1, of: 1, share: 1, met: true },
      training: { count: 1, of: 1, met: true },
      transfer: { count: 1, of: 1, met: true },
      pension60: { count: 2, of: 2, met: true },
      insurance: { count: 6, of: 6, met: true },
      medicalCostCoverage: { count: 9600, of: 12000, share: 0.8, target: 0.7, met: true },
      schoolAllowance: { count: 1, of: 2, share: 0.5, met: false },
    });
    const zhuan = report.body.villages.find((v: any) => v.name === '转水村').indicators;
    expect(zhuan.enterpriseLinkage).toMatchObject({ count: 0, of: 1, met: false });
    expect(report.body.towns.map((t: any) => t.name).sort()).toEqual(['华城镇', '转水镇'].sort());
    // A town reads its own villages only; a department reads the county.
    const town = await (await harness.login('zhen-huacheng')).get(`/api/reports/help-indicators?year=${year}`);
    expect(town.body.villages.map((v: any) => v.name)).toEqual(['董源村']);
    expect((await (await harness.login('bm-nongye')).get(`/api/reports/help-indicators?year=${year}`)).body.villages).toHaveLength(2);
    expect((await xian.get('/api/reports/help-indicators?year=1999')).status).toBe(400);
  });
});
