/**
 * The org tree holds every seeded village's 村民小组 (the plan posts notices at the 村委会 and in
 * each group): generated names, labelled demo, reachable by the public org-unit list.
 */
import { demoGroupCount, groupName, seedOrgUnits } from '../../server/src/domain/org-seed';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

describe('村民小组 in the seeded org tree', () => {
  it('When the groups of 董源村 are listed, then they come in order with generated names, labelled demo', async () => {
    const answer = await harness.anonymous.get('/api/org-units?parent=董源村');
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((u: { name: string }) => u.name)).toEqual(['第一村民小组', '第二村民小组', '第三村民小组', '第四村民小组', '第五村民小组']);
    expect(answer.body.items[0]).toEqual({
      id: '44142413020101', parentId: '441424130201', level: 'group', name: '第一村民小组',
      path: '441424/441424130/441424130201/44142413020101', relativelyPoor: false, demo: true,
    });
  });

  it('When the seed has run, then every village has its groups and no other unit is labelled demo', async () => {
    const { rows } = await harness.services.db.pool.query<{ village: string; groups: number; demo: number }>(
      `SELECT v.name AS village, count(g.id)::int AS groups, count(g.id) FILTER (WHERE g.flags->>'demo' = 'true')::int AS demo
       FROM org_units v LEFT JOIN org_units g ON g.parent_id = v.id AND g.level = 'group'
       WHERE v.tenant_id = '441424' AND v.level = 'village' GROUP BY v.name`);
    expect(rows.length).toBe(35);
    for (const row of rows) {
      expect(row.groups).toBeGreaterThanOrEqual(5);
      expect(row.demo).toBe(row.groups);
    }
    const { rows: others } = await harness.services.db.pool.query(`SELECT id FROM org_units WHERE level <> 'group' AND flags ? 'demo'`);
    expect(others).toEqual([]);
  });

  it('When the town list is read, then its villages carry no demo label and groups are not mixed in', async () => {
    const answer = await harness.anonymous.get('/api/org-units?parent=华城镇');
    expect(answer.body.items.length).toBe(34);
    expect(answer.body.items.every((u: { level: string; demo?: boolean }) => u.level === 'village' && u.demo === undefined)).toBe(true);
  });

  it('names groups with Chinese numerals and gives each village between 5 and 9', () => {
    expect(groupName(1)).toBe('第一村民小组');
    expect(groupName(10)).toBe('第十村民小组');
    expect(groupName(12)).toBe('第十二村民小组');
    const counts = seedOrgUnits().filter((u) => u.level === 'village').map((_, i) => demoGroupCount(i));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...counts)).toBeLessThanOrEqual(9);
  });
});
