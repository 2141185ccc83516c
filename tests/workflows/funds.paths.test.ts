import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { createAppServer } from '../../server/src/api/app-server';
import { createApp } from '../../server/src/api/create-app';
import { ApiClient } from '../api/api-harness';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * The fund ledger (§四(二)): the county's yearly funds booked from the configuration, allocations
 * made when the county approves a project, disbursements posted by the project's own steps,
 * interest subsidies of micro-credit loans, and a report by source, town and project that adds up
 * (received = allocated + balance), read as JSON and as Excel. Also: 三公开 notices carry the
 * project, and a misuse finding in a tracking audit starts an assessment-escalation case.
 */
let driver: WorkflowDriver;
let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  driver = await startWorkflowDriver({ start: new Date('2017-03-01T01:00:00Z') });
  const server = createAppServer(createApp(driver.services, { testClock: driver.services.clock }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => { server.closeAllConnections(); await new Promise<void>((done) => server.close(() => done())); };
});
afterAll(async () => { await close(); await driver.close(); });

async function login(username: string): Promise<ApiClient> {
  const answer = await new ApiClient(base).post('/api/auth/login', { username, password: TEST_DEMO_PASSWORD });
  if (answer.status !== 200) throw new Error(`login of ${username}: ${answer.status} ${answer.text}`);
  return new ApiClient(base, username, (answer.headers.get('set-cookie') ?? '').split(';')[0], answer.body.csrfToken);
}

const CONTRACT = 1538000;
const SOURCES = [
  { source: '省级财政专项扶贫资金', amount: 1000000 }, { source: '帮扶单位资金', amount: 400000 }, { source: '县级财政专项扶贫资金', amount: 200000 },
];
const state = async (instanceId: string) => (await driver.openTask(instanceId)).state;

/** A project of 1.6 M yuan from three sources, approved at `approved`. */
async function approvedProject(approved: number, name = '董源村200千瓦村级光伏扶贫电站'): Promise<string> {
  const instanceId = await driver.start('project-tendering');
  await driver.act(instanceId, 'SUBMIT', { patch: { projectName: name, budget: 1600000, fundSources: SOURCES } });
  await driver.act(instanceId, 'APPROVE');
  await driver.act(instanceId, 'APPROVE', { patch: { approvedBudget: approved } });
  return instanceId;
}

/** On through the plan notice, tender and award to the contract and construction. */
async function toConstruction(instanceId: string): Promise<void> {
  await driver.act(instanceId, 'POSTED');
  await driver.elapse('P10D');
  await driver.act(instanceId, 'DECIDE');
  await driver.act(instanceId, 'PUBLISHED');
  await driver.act(instanceId, 'RECOMMEND');
  await driver.act(instanceId, 'POSTED');
  await driver.elapse('P3D');
  await driver.act(instanceId, 'SIGN');
  expect(await state(instanceId)).toBe('inProgress');
}

const pay = (stage: number, stageName: string, percent: number) => ({
  stage, stageName, percent, amount: (CONTRACT * percent) / 100, contractAmount: CONTRACT, retentionPercent: 5,
});

describe('fund ledger', () => {
  let paidProject: string;
  let scaledProject: string;

  it('books the county\'s 3,000 万 special funds and 200 万 work funds for 2016–2018 from the configuration, once', async () => {
    const rows = await driver.query(`SELECT year, source, amount FROM fund_receipts WHERE basis = 'config' ORDER BY year, source`);
    expect(rows).toEqual([2016, 2017, 2018].flatMap((year) => [
      { year, source: '县级扶贫工作经费', amount: '2000000.00' }, { year, source: '县级财政专项扶贫资金', amount: '30000000.00' },
    ]));
  });

  it('allocates an approved project from its sources, scaled to the approved budget, in the approval\'s transaction', async () => {
    scaledProject = await approvedProject(1200000, '董源村高效农业示范基地');
    const rows = await driver.query(`SELECT year, source, kind, amount FROM fund_allocations WHERE instance_id = $1 ORDER BY amount DESC`, [scaledProject]);
    expect(rows).toEqual([
      { year: 2017, source: '省级财政专项扶贫资金', kind: 'project', amount: '750000.00' },
      { year: 2017, source: '帮扶单位资金', kind: 'project', amount: '300000.00' },
      { year: 2017, source: '县级财政专项扶贫资金', kind: 'project', amount: '150000.00' },
    ]);
  });

  it('posts each disbursement of the project process and reports by source, town and project adding up', async () => {
    paidProject = await approvedProject(1600000);
    await toConstruction(paidProject);
    await driver.act(paidProject, 'COMPLETE', { patch: { progressPercent: 100 } });
    await driver.act(paidProject, 'PASS');
    await driver.act(paidProject, 'ACCEPT');
    await driver.act(paidProject, 'PAY', { patch: pay(1, '进度款', 40) });
    await driver.act(paidProject, 'PAY', { patch: pay(2, '完工款', 55) });

    const county = await login('xian');
    const answer = await county.get('/api/reports/funds?year=2017');
    expect(answer.status).toBe(200);
    const report = answer.body;
    for (const line of report.sources) {
      expect({ source: line.source, sum: Math.round((line.allocated + line.balance) * 100) }).toEqual({ source: line.source, sum: Math.round(line.received * 100) });
      expect(Math.round((line.toProjects + line.interestSubsidies) * 100)).toBe(Math.round(line.allocated * 100));
    }
    const countySpecial = report.sources.find((l: any) => l.source === '县级财政专项扶贫资金');
    // 200,000 to the paid project, 150,000 to the scaled one; 95 % of the contract paid, in the paid project's share of this source (2/16).
    expect(countySpecial).toEqual(expect.objectContaining({
      year: 2017, received: 30000000, toProjects: 350000, allocated: 350000, balance: 29650000, disbursed: Math.round(CONTRACT * 0.95 * 200000 / 1600000 * 100) / 100,
    }));
    const projects = report.projects.filter((p: any) => [paidProject, scaledProject].includes(p.instanceId)).sort((a: any, b: any) => b.name.localeCompare(a.name));
    expect(projects.map((p: any) => ({ name: p.name, town: p.townName, village: p.villageName, allocated: p.allocated, paid: p.paid, unpaid: p.unpaid }))).toEqual([
      { name: '董源村高效农业示范基地', town: '华城镇', village: '董源村', allocated: 1200000, paid: 0, unpaid: 1200000 },
      { name: '董源村200千瓦村级光伏扶贫电站', town: '华城镇', village: '董源村', allocated: 1600000, paid: CONTRACT * 0.95, unpaid: 1600000 - CONTRACT * 0.95 },
    ]);
    const huacheng = report.towns.find((t: any) => t.townName === '华城镇');
    expect(huacheng.allocated).toBe(2800000);
    expect(huacheng.disbursed).toBeCloseTo(CONTRACT * 0.95, 2);
    // Every allocation in the ledger is a project's or a subsidy's: sources and projects agree.
    const sourceAllocated = report.sources.reduce((s: number, l: any) => s + l.toProjects, 0);
    expect(sourceAllocated).toBeCloseTo(report.projects.reduce((s: number, p: any) => s + p.allocated, 0), 2);
  });

  it('shows a town reviewer its own town\'s projects and not the county ledger by source', async () => {
    const town = await login('zhen-zhuanshui');
    const answer = await town.get('/api/reports/funds?year=2017');
    expect(answer.status).toBe(200);
    expect(answer.body.sources).toEqual([]);
    expect(answer.body.projects).toEqual([]);
    expect(answer.body.towns.map((t: any) => t.townName)).toEqual(['转水镇']);
  });

  it('shows the finance department (财政局) the county\'s report, read-only: the same figures as the county\'s, and no booking', async () => {
    const finance = await login('bm-caizheng');
    const county = await login('xian');
    const answer = await finance.get('/api/reports/funds?year=2017');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual((await county.get('/api/reports/funds?year=2017')).body);
    expect(answer.body.sources.length).toBeGreaterThan(0);
    expect((await finance.post('/api/funds/receipts', { year: 2017, source: '帮扶单位资金', amount: 1, documentNumber: '财〔2017〕1号' })).status).toBe(403);
  });

  it('posts a micro-credit loan\'s interest subsidy against its source, and refuses one over the loan rules with Chinese field messages', async () => {
    const [household] = await driver.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       VALUES (gen_random_uuid(), '441424', '441424130201', '441424/441424130/441424130201', '钟少芳', '11010519491231002X', '一般贫困户', '未脱贫', '{"members":[{},{},{}]}', now(), now()) RETURNING id`);
    const county = await login('xian');
    const refused = await county.post('/api/funds/interest-subsidies', {
      householdId: household.id, loanAmount: 60000, loanYears: 4, subsidyAmount: 3000, source: '县级财政专项扶贫资金', paidOn: '2017-06-30',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ '/loanAmount': ['扶贫小额信贷每户不超过50000元'], '/loanYears': ['扶贫小额信贷期限不超过3年'] });
    const before = await county.get('/api/reports/funds?year=2017');
    const posted = await county.post('/api/funds/interest-subsidies', {
      householdId: household.id, loanAmount: 50000, loanYears: 3, subsidyAmount: 2175, source: '县级财政专项扶贫资金', paidOn: '2017-06-30',
    });
    expect(posted.status).toBe(201);
    const after = await county.get('/api/reports/funds?year=2017');
    const line = (r: any) => r.body.sources.find((l: any) => l.source === '县级财政专项扶贫资金');
    expect(line(after)).toEqual(expect.objectContaining({
      interestSubsidies: 2175, allocated: line(before).allocated + 2175, balance: line(before).balance - 2175, disbursed: line(before).disbursed + 2175,
    }));
    expect(after.body.standard).toEqual({ perPerson: 20000, persons: 3, amount: 60000 });
    const clerk = await login('cun-dongyuan');
    expect((await clerk.post('/api/funds/interest-subsidies', { householdId: household.id, loanAmount: 1, loanYears: 1, subsidyAmount: 1, source: 'x', paidOn: '2017-06-30' })).status).toBe(403);
  });

  it('exports the report as Excel with the same figures: 资金来源 (with 合计), 乡镇, 项目', async () => {
    const county = await login('xian');
    const json = (await county.get('/api/reports/funds?year=2017')).body;
    const answer = await county.get('/api/reports/funds.xlsx?year=2017');
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['资金来源', '乡镇', '项目']);
    const sources = workbook.getWorksheet('资金来源')!;
    expect((sources.getRow(1).values as unknown[]).slice(1)).toEqual(['年度', '资金来源', '到位资金（元）', '已安排（元）', '其中项目', '其中贴息', '已拨付（元）', '结余（元）']);
    const total = sources.getRow(sources.rowCount);
    expect(total.getCell(2).value).toBe('合计');
    expect([total.getCell(3).value, total.getCell(4).value, total.getCell(8).value]).toEqual([json.totals.received, json.totals.allocated, json.totals.balance]);
    expect(Number(total.getCell(3).value)).toBeCloseTo(Number(total.getCell(4).value) + Number(total.getCell(8).value), 2);
    const projects = workbook.getWorksheet('项目')!;
    expect(projects.rowCount - 1).toBe(json.projects.length);
    expect(projects.getRow(2).getCell(1).value).toBe(json.projects[0].name);
  });

  it('puts the project\'s real content on its 三公开 results notice', async () => {
    await driver.act(paidProject, 'PAY', { patch: pay(3, '质保金', 5) });
    expect(await state(paidProject)).toBe('resultsPublicity.resultsNotice');
    const [notice] = await driver.query(`SELECT id FROM notices WHERE instance_id = $1 AND kind = 'project-results'`, [paidProject]);
    const answer = await new ApiClient(base).get(`/api/notices/${notice.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body.content.project).toEqual({
      name: '董源村200千瓦村级光伏扶贫电站', projectType: '村集体经济', location: '华城镇董源村', budget: 1600000, fundSources: SOURCES,
      winner: '广东粤能新能源工程有限公司', amount: CONTRACT, paid: CONTRACT, beneficiaries: ['曾庆华', '李桂英', '古伟明'], beneficiaryCount: 3,
    });
  });
});

describe('a fund-misuse finding in the tracking audit', () => {
  const misuse = { trackingAudit: { auditor: '五华县审计局', auditDate: '2017-07-12', findings: '施工方虚报工程量，套取资金12.6万元。', misuseFound: true, misuseType: '虚报冒领' } };

  it('starts an assessment-escalation case at the county in the same step, its finding filled in from the audit', async () => {
    const instanceId = await approvedProject(1600000, '董源村饮水安全巩固提升工程');
    await toConstruction(instanceId);
    const before = await driver.query(`SELECT count(*)::int AS n FROM instances i JOIN definitions d ON d.id = i.definition_id WHERE d.key = 'assessment-escalation'`);
    await driver.act(instanceId, 'REPORT', { patch: { progressPercent: 60, ...misuse } });
    const cases = await driver.query(
      `SELECT i.id, i.org_unit_id, i.data, i.created_at FROM instances i JOIN definitions d ON d.id = i.definition_id
       WHERE d.key = 'assessment-escalation' AND i.data->'start'->'origin'->>'instanceId' = $1`, [instanceId]);
    expect(cases).toHaveLength(1);
    expect(cases[0].org_unit_id).toBe('441424');
    expect(cases[0].data.start).toEqual(expect.objectContaining({ misuseType: '虚报冒领', auditor: '五华县审计局', projectName: '董源村饮水安全巩固提升工程' }));
    // One step: the case's first event carries the reporting step's time.
    const [step] = await driver.query(`SELECT max(at) AS at FROM history WHERE instance_id = $1`, [instanceId]);
    expect(await driver.query(`SELECT at, type FROM history WHERE instance_id = $1 AND seq = 1`, [cases[0].id])).toEqual([{ at: step.at, type: 'started' }]);
    expect(await driver.query(`SELECT count(*)::int AS n FROM instances i JOIN definitions d ON d.id = i.definition_id WHERE d.key = 'assessment-escalation'`))
      .toEqual([{ n: before[0].n + 1 }]);
    const finding = await driver.openTask(cases[0].id);
    expect(finding).toEqual(expect.objectContaining({ state: 'finding', candidate_roles: ['inspector', 'county_reviewer', 'town_reviewer'] }));
  });

  it('starts nothing for an audit without a misuse finding, and refuses a misuse finding without its kind', async () => {
    const instanceId = await approvedProject(1600000, '董源村村道硬底化工程');
    await toConstruction(instanceId);
    const count = () => driver.query(`SELECT count(*)::int AS n FROM instances i JOIN definitions d ON d.id = i.definition_id WHERE d.key = 'assessment-escalation'`);
    const before = await count();
    await driver.act(instanceId, 'REPORT', { patch: { progressPercent: 30 } });
    await expect(driver.act(instanceId, 'REPORT', { patch: { progressPercent: 40, trackingAudit: { ...misuse.trackingAudit, misuseType: undefined } } }))
      .rejects.toMatchObject({ code: 'invalid' });
    expect(await count()).toEqual(before);
  });
});
