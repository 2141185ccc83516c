import { seedDemoCases } from '../../server/src/seed-demo-cases';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

/** What a new user finds after the first `npm start`: cases at several steps and a registry with every status. */
let services: TestServices & { dropDatabase(): Promise<void> };
beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => { await services.close(); await services.dropDatabase(); });

describe('the demo county of a first start', () => {
  it('has applications at several steps, two refused at verification, and registered households in every status', async () => {
    expect(await seedDemoCases(services)).toBe(12);
    const query = async (text: string) => (await services.db.pool.query(text)).rows;
    const cases = await query(`SELECT i.state, i.status, i.data->'eligibility'->>'outcome' AS eligibility FROM instances i WHERE i.definition_key = 'household-identification' ORDER BY i.created_at, i.id`);
    const states = cases.map((c) => JSON.stringify(c.state)).sort();
    expect(states).toEqual([
      '"rejected"', '"rejected"', '"verification"', '"villagerAppraisal"',
      '{"publicNotice":"posting"}', '{"publicNotice":"running"}', '{"publicNotice":"running"}',
    ].sort());
    expect(cases.map((c) => c.eligibility).filter(Boolean).sort()).toEqual(['aboveLine', 'eligible', 'eligible', 'eligible', 'eligible', 'excluded']);
    const notices = await query(`SELECT count(*)::int AS n FROM notices WHERE status = 'open' AND kind = 'identification'`);
    expect(notices[0].n).toBeGreaterThanOrEqual(3);
    const registry = await query(`SELECT status, count(*)::int AS n FROM households WHERE registered_at = '2016-12-20T02:00:00Z' GROUP BY status ORDER BY status`);
    expect(Object.fromEntries(registry.map((r) => [r.status, r.n]))).toEqual({ 未脱贫: 2, 预脱贫: 1, 已脱贫: 1, 返贫: 1 });
    // Every ID number is one person's: no two claims or households share one.
    const dup = await query(`SELECT id_number FROM id_number_claims GROUP BY id_number HAVING count(*) > 1`);
    expect(dup).toEqual([]);
  });
});
