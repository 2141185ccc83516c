import { resolveConfigForYear } from '../../server/src/domain/county-config';
import { fundReport } from '../../server/src/domain/funds';
import { helpIndicatorReport } from '../../server/src/domain/help/help-indicators';
import { findNotice } from '../../server/src/domain/notices/notices.query';
import { exitShortfalls, findVillageIndicators, listVillages, villageExitsByYear } from '../../server/src/domain/villages';
import { seedDemoCases } from '../../server/src/seed-demo-cases';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

/** What a new user finds after the first `npm start`: cases at several steps and a registry with every status. */
let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

describe('the demo county of a first start', () => {
  it('has applications at several steps, two refused at verification, and registered households in every status', async () => {
    expect(await seedDemoCases(services)).toBe(23);
    const query = async (text: string) => (await services.db.pool.query(text)).rows;
    const cases = await query(`SELECT i.state, i.status, i.data->'eligibility'->>'outcome' AS eligibility FROM instances i WHERE i.definition_key = 'household-identification' ORDER BY i.created_at, i.id`);
    const states = cases.map((c) => JSON.stringify(c.state)).sort();
    expect(states).toEqual([
      '"rejected"', '"rejected"', '"verification"', '"villagerAppraisal"',
      '{"publicNotice":"posting"}', '{"publicNotice":"running"}', '{"publicNotice":"running"}',
      '"registered"', '"registered"', '"registered"', '"townReview"', '"townReview"', '"countyApproval"',
    ].sort());
    expect(cases.map((c) => c.eligibility).filter(Boolean).sort()).toEqual(['aboveLine', ...Array(10).fill('eligible'), 'excluded']);
    // The reviewers find work too, none of it overdue: a roster of two for the town, one case for the county.
    const reviews = await query(`SELECT state, count(*)::int AS n, bool_and(due_at > '${services.clock.now().toISOString()}') AS in_time
      FROM tasks WHERE status = 'open' AND state IN ('townReview', 'countyApproval') GROUP BY state ORDER BY state`);
    expect(reviews).toEqual([{ state: 'countyApproval', n: 1, in_time: true }, { state: 'townReview', n: 2, in_time: true }]);
    // Their workers were told, as a live case's are: 新的待办 in the town reviewer's and the county's messages, dated by the step, days ago.
    const told = await query(`SELECT n.id, n.status FROM notifications n JOIN tasks t ON t.id = n.task_id
      WHERE t.status = 'open' AND t.state IN ('townReview', 'countyApproval') AND n.kind = 'task_assigned'`);
    expect(told).toHaveLength(3);
    for (const n of told) if (n.status === 'pending') await services.notifications.deliver(n.id);
    const messages = await query(`SELECT u.username, m.title, m.created_at FROM messages m JOIN users u ON u.id = m.user_id JOIN tasks t ON t.id = m.task_id
      WHERE t.status = 'open' AND t.state IN ('townReview', 'countyApproval') ORDER BY u.username, m.title`);
    expect(messages.map((m) => [m.username, m.title.replace(/ · .*/, '')])).toEqual([
      ['xian', '新的待办：县级审定'], ['zhen-huacheng', '新的待办：乡镇审核'], ['zhen-huacheng', '新的待办：乡镇审核'],
    ]);
    for (const m of messages) expect(m.created_at.getTime()).toBeLessThan(services.clock.now().getTime() - 86_400_000);
    const notices = await query(`SELECT count(*)::int AS n FROM notices WHERE status = 'open' AND kind = 'identification'`);
    expect(notices[0].n).toBeGreaterThanOrEqual(3);
    const registry = await query(`SELECT status, count(*)::int AS n FROM households WHERE registered_at = '2016-12-20T02:00:00Z' GROUP BY status ORDER BY status`);
    expect(Object.fromEntries(registry.map((r) => [r.status, r.n]))).toEqual({ 未脱贫: 2, 预脱贫: 1, 已脱贫: 1, 返贫: 1 });

    // Stages lived through the processes: registered, out of poverty, fallen back, each by its own cases.
    const lived = await query(`SELECT h.head_name, h.status, i.state AS registered_by,
        (SELECT string_agg(c.to_status, ' → ' ORDER BY c.changed_at) FROM household_status_changes c WHERE c.household_id = h.id) AS path
      FROM households h JOIN instances i ON i.id = h.source_instance_id ORDER BY h.head_name`);
    expect(lived).toEqual([
      { head_name: '刘水生', status: '已脱贫', registered_by: 'registered', path: '预脱贫 → 已脱贫' },
      { head_name: '曾志坚', status: '返贫', registered_by: 'registered', path: '预脱贫 → 已脱贫 → 返贫' },
      { head_name: '钟秀兰', status: '未脱贫', registered_by: 'registered', path: null },
    ]);
    const ended = await query(`SELECT definition_key, state, status FROM instances WHERE definition_key IN ('household-exit', 'household-relapse') ORDER BY definition_key, created_at`);
    expect(ended).toEqual([
      { definition_key: 'household-exit', state: 'exited', status: 'completed' },
      { definition_key: 'household-exit', state: 'exited', status: 'completed' },
      { definition_key: 'household-relapse', state: 'relapsed', status: 'completed' },
    ]);
    const relapse = await query(`SELECT c.reason, c.route FROM household_status_changes c JOIN households h ON h.id = c.household_id WHERE h.head_name = '曾志坚' AND c.to_status = '返贫'`);
    expect(relapse).toEqual([{ route: '返贫', reason: expect.stringMatching(/^因病返贫/) }]);
    const help = await query(`SELECT measure_type FROM help_records r JOIN households h ON h.id = r.household_id WHERE h.head_name = '曾志坚' ORDER BY r.date DESC LIMIT 1`);
    expect(help).toEqual([{ measure_type: '医疗' }]);
    // Their evidence was uploaded and bound like a clerk's: the visit and posting photos of each case.
    const evidence = await query(`SELECT count(DISTINCT a.instance_id)::int AS n FROM attachments a JOIN instances i ON i.id = a.instance_id WHERE i.state = '"registered"' OR i.definition_key = 'household-relapse'`);
    expect(evidence[0].n).toBe(4);
    const livedNotices = await query(`SELECT kind, status FROM notices WHERE kind IN ('relapse', 'registration') ORDER BY kind, status`);
    expect(livedNotices).toEqual([
      { kind: 'registration', status: 'open' }, { kind: 'registration', status: 'open' }, { kind: 'registration', status: 'open' },
      { kind: 'relapse', status: 'closed' },
    ]);
    // Every ID number is one person's: no two claims or households share one.
    const dup = await query(`SELECT id_number FROM id_number_claims GROUP BY id_number HAVING count(*) > 1`);
    expect(dup).toEqual([]);
  });

  it('shows each registered household still in the programme with its helper, its 2017 plan, its measures and its 帮扶记录卡, and the indicators follow them', async () => {
    const query = async (text: string) => (await services.db.pool.query(text)).rows;
    const helpers = await query(`SELECT h.head_name, h.category, a.help_kind, u.username FROM household_helpers a JOIN households h ON h.id = a.household_id JOIN users u ON u.id = a.helper_user_id
      WHERE a.ended_at IS NULL AND h.registered_at = '2016-12-20T02:00:00Z' ORDER BY h.head_name`);
    expect(helpers.map((r) => [r.head_name, r.username, r.help_kind])).toEqual(
      [['刘德胜', 'bangfu-li', '重点帮扶'], ['李观松', 'bangfu-li', '重点帮扶'], ['钟火生', 'bangfu-li', '重点帮扶'], ['魏亚妹', 'bangfu-li', '联系帮扶']]
        .sort((a, b) => a[0].localeCompare(b[0])));
    const perHousehold = await query(`SELECT h.head_name,
        (SELECT count(*)::int FROM help_plans p WHERE p.household_id = h.id AND p.year = 2017) AS plans,
        (SELECT count(*)::int FROM measures m WHERE m.household_id = h.id) AS measures,
        (SELECT count(*)::int FROM help_records r WHERE r.household_id = h.id) AS card
      FROM households h WHERE h.registered_at = '2016-12-20T02:00:00Z' AND h.status <> '已脱贫'`);
    for (const row of perHousehold) {
      expect(row.plans).toBe(1);
      expect(row.measures).toBeGreaterThanOrEqual(3);
      // Every measure files one card line, and the signed visit one more.
      expect(row.card).toBe(row.measures + 1);
    }

    const [dongyuan] = await query(`SELECT path FROM org_units WHERE name = '董源村'`);
    const report = await helpIndicatorReport(services.db.pool, '441424', dongyuan.path, 2017, resolveConfigForYear(services.county, 2017));
    expect(report.villages.map((v) => v.name)).toEqual(['董源村']);
    // 2017, every household of the village registered by then (the imported ones, the exited one and the three that lived
    // through the processes, which have no measures recorded): two of eight households with labour linked to an enterprise
    // (below the plan's 30 %), everyone 60+ pensioned as registered, 70 % of eligible medical costs covered where recorded.
    expect(report.total).toMatchObject({
      households: 8,
      enterpriseLinkage: { count: 2, of: 8, share: 0.25, target: 0.3, met: false },
      training: { count: 4, of: 8, met: false },
      transfer: { count: 3, of: 8, met: false },
      pension60: { count: 16, of: 16, met: true },
      medicalCostCoverage: { count: 35200, of: 46000, share: 0.765, target: 0.7, met: true },
      schoolAllowance: { count: 6, of: 16, share: 0.375, met: false },
    });
  });

  it('shows villages with their yearly indicators: four designated by the 8,000 元 / 5 % rule, 河子口村 left in 2017 through village-exit, 董源村 ready to propose 2018', async () => {
    const config = resolveConfigForYear(services.county, 2016);
    const register = await listVillages(services.db.pool, '441424', '441424');
    const byName = Object.fromEntries(register.map((v) => [v.name, v]));
    expect(Object.keys(byName).sort()).toEqual(['河亨村', '河子口村', '红星村', '葵富村', '董源村', '铁炉村'].sort());
    expect(register.filter((v) => v.designated).map((v) => v.name).sort()).toEqual(['河亨村', '河子口村', '董源村', '铁炉村'].sort());
    expect(byName['河子口村']).toEqual(expect.objectContaining({ townName: '华城镇', exitedYear: 2017, latest: expect.objectContaining({ year: 2017, perCapitaIncome: 10120 }) }));
    expect(byName['董源村']).toEqual(expect.objectContaining({ exitedYear: null, latest: expect.objectContaining({ year: 2018, perCapitaIncome: 10350, collectiveIncome: 126000 }) }));
    const dongyuan2018 = await findVillageIndicators(services.db.pool, '441424', byName['董源村'].id, 2018);
    expect(exitShortfalls(dongyuan2018!, resolveConfigForYear(services.county, 2018))).toEqual([]);
    expect(exitShortfalls((await findVillageIndicators(services.db.pool, '441424', byName['河亨村'].id, 2017))!, config)).toEqual(['人均可支配收入9200元，低于出列标准9820元', '宽带网络未达标']);
    // The dashboard's village card: 4 designated, 1 left in 2017, against the plan's 92 by 2018.
    const exits = await villageExitsByYear(services.db.pool, { tenantId: '441424', scopePath: '441424', targets: config.villageExitTargetByYear as Record<string, number> });
    expect(exits).toEqual({ designated: 4, years: [
      { year: 2016, exited: 0, cumulative: 0, target: 0 }, { year: 2017, exited: 1, cumulative: 1, target: 0 }, { year: 2018, exited: 0, cumulative: 1, target: 92 },
    ] });
    const cases = (await services.db.pool.query(`SELECT i.state, i.status, o.name FROM instances i JOIN org_units o ON o.id = i.org_unit_id WHERE i.definition_key = 'village-exit'`)).rows;
    expect(cases).toEqual([{ state: 'exited', status: 'completed', name: '河子口村' }]);
    // Its exit notice, as the public reads it, shows the village's 2017 figures and the county's decision.
    const [{ id: noticeId }] = (await services.db.pool.query(`SELECT id FROM notices WHERE kind = 'village-exit'`)).rows;
    const notice = await findNotice(services.db.pool, '441424', noticeId);
    expect(notice?.content.village).toEqual(expect.objectContaining({
      name: '河子口村', townName: '华城镇', year: 2017, exitLine: 9820, meetsLine: true,
      indicators: expect.objectContaining({ perCapitaIncome: 10120, collectiveIncome: 105000, broadband: true }),
      decision: expect.objectContaining({ decisionNumber: '五扶办〔2017〕91号' }),
    }));
  });

  it('posts the demo loan\'s interest subsidies (30,000 元 for 3 years at 4.35 %) and the 2017 project\'s sources to the ledger, and the fund report adds up', async () => {
    const subsidies = (await services.db.pool.query(`SELECT year, amount::float AS amount FROM fund_allocations WHERE kind = 'interest_subsidy' AND measure_id IS NOT NULL ORDER BY year`)).rows;
    expect(subsidies).toEqual([{ year: 2018, amount: 1305 }, { year: 2019, amount: 1305 }, { year: 2020, amount: 1305 }]);
    const report = await fundReport(services.db.pool, { tenantId: '441424', scopePath: '441424', perPerson: 20000 });
    expect(report.totals.received).toBeCloseTo(report.totals.allocated + report.totals.balance, 2);
    expect(report.sources.filter((s) => s.interestSubsidies > 0).map((s) => [s.year, s.interestSubsidies])).toEqual([[2018, 1305], [2019, 1305], [2020, 1305]]);
    // 董源村's photovoltaic project, approved in 2017: its three sources set aside, the provincial and helping unit's money received;
    // then tendered, built, accepted, paid 40 / 55 / 5 % of its 1,538,000 元 contract and closed after its results notice.
    expect(report.projects).toEqual([expect.objectContaining({
      name: '董源村200千瓦村级光伏扶贫电站', townName: '华城镇', villageName: '董源村', approvedBudget: 1600000, allocated: 1600000,
      contractAmount: 1538000, paid: 1538000, unpaid: 62000, status: '已完结',
    })]);
    const notices = (await services.db.pool.query(`SELECT n.kind, n.status FROM notices n JOIN projects p ON p.instance_id = n.instance_id ORDER BY n.starts_at`)).rows;
    expect(notices).toEqual([{ kind: 'project-plan', status: 'closed' }, { kind: 'project-award', status: 'closed' }, { kind: 'project-results', status: 'closed' }]);
    // No step of the demo's past (2016–2018) waits in anybody's inbox: every open task is of this year's cases.
    const stale = (await services.db.pool.query(`SELECT state, due_at FROM tasks WHERE status IN ('open', 'claimed') AND due_at < $1`,
      [new Date(services.clock.now().getTime() - 365 * 86_400_000)])).rows;
    expect(stale).toEqual([]);
    const of2017 = Object.fromEntries(report.sources.filter((s) => s.year === 2017).map((s) => [s.source, s]));
    expect(of2017['省级财政专项扶贫资金']).toEqual(expect.objectContaining({ received: 1000000, toProjects: 1000000, balance: 0 }));
    expect(of2017['帮扶单位资金']).toEqual(expect.objectContaining({ received: 400000, toProjects: 400000, balance: 0 }));
    expect(of2017['县级财政专项扶贫资金']).toEqual(expect.objectContaining({ received: 30000000, toProjects: 200000, balance: 29800000 }));
  });
});
