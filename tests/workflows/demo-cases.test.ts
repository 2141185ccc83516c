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
});
