import { resolveConfigForYear } from '../../server/src/domain/county-config';
import { helpIndicatorReport } from '../../server/src/domain/help/help-indicators';
import { seedDemoCases } from '../../server/src/seed-demo-cases';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

/** What a new user finds after the first `npm start`: cases at several steps and a registry with every status. */
let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

describe('the demo county of a first start', () => {
  it('has applications at several steps, two refused at verification, and registered households in every status', async () => {
    expect(await seedDemoCases(services)).toBe(18);
    const query = async (text: string) => (await services.db.pool.query(text)).rows;
    const cases = await query(`SELECT i.state, i.status, i.data->'eligibility'->>'outcome' AS eligibility FROM instances i WHERE i.definition_key = 'household-identification' ORDER BY i.created_at, i.id`);
    const states = cases.map((c) => JSON.stringify(c.state)).sort();
    expect(states).toEqual([
      '"rejected"', '"rejected"', '"verification"', '"villagerAppraisal"',
      '{"publicNotice":"posting"}', '{"publicNotice":"running"}', '{"publicNotice":"running"}',
      '"registered"', '"registered"', '"registered"',
    ].sort());
    expect(cases.map((c) => c.eligibility).filter(Boolean).sort()).toEqual(['aboveLine', 'eligible', 'eligible', 'eligible', 'eligible', 'eligible', 'eligible', 'eligible', 'excluded']);
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
});
