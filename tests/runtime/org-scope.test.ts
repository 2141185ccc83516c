import { canActOnTask, isWithinScope, taskOrgUnit } from '../../server/src/auth/org-scope';
import type { Actor } from '../../server/src/kernel';

/**
 * The one scope check, on hand-written paths of the seed's tree (五华县 441424, 华城镇 441424130,
 * 董源村 441424130201, 河子口村 441424130202, 转水镇 441424103) and on paths built to catch a
 * check by string prefix.
 */

const actor = (orgPath: string, roles: string[] = []): Actor => ({ userId: 'u', username: 'u', roles, orgUnitId: orgPath.split('/').pop()!, orgPath });

const COUNTY = '441424';
const HUACHENG = '441424/441424130';
const DONGYUAN = '441424/441424130/441424130201';
const HEZIKOU = '441424/441424130/441424130202';
const ZHUANSHUI = '441424/441424103';

describe('isWithinScope', () => {
  it.each([
    ['the county sees itself', COUNTY, COUNTY],
    ['the county sees a town', COUNTY, HUACHENG],
    ['the county sees a village two levels down', COUNTY, DONGYUAN],
    ['a town sees its village', HUACHENG, DONGYUAN],
    ['a town sees a 村民小组 three levels down', HUACHENG, `${DONGYUAN}/44142413020101`],
    ['a village sees itself', DONGYUAN, DONGYUAN],
  ])('When %s, then it is within scope', (_what, scope, path) => {
    expect(isWithinScope({ orgPath: scope }, path)).toBe(true);
  });

  it.each([
    ['a village does not see its town', DONGYUAN, HUACHENG],
    ['a village does not see the county', DONGYUAN, COUNTY],
    ['a village does not see its neighbour', DONGYUAN, HEZIKOU],
    ['a town does not see another town', HUACHENG, ZHUANSHUI],
    ['a town does not see another town\'s village', ZHUANSHUI, DONGYUAN],
    ['a county does not see another county', COUNTY, '441481/441481100'],
    // Prefix traps: the path starts with the scope's text but is not below it.
    ['441424/441424 does not hold 441424/4414241', '441424/441424', '441424/4414241'],
    ['441424 does not hold 4414241', COUNTY, '4414241'],
    ['441424 does not hold 4414240/441424013', COUNTY, '4414240/441424013'],
    ['a town does not hold a longer code that starts with it', HUACHENG, '441424/4414241301'],
    ['a village does not hold a longer code that starts with it', DONGYUAN, `${DONGYUAN}9`],
    ['a county code that is a prefix of another does not hold it', '44142', COUNTY],
  ])('When %s, then it is outside the scope', (_what, scope, path) => {
    expect(isWithinScope({ orgPath: scope }, path)).toBe(false);
  });

  it('When an actor has no unit (the public, the system), then no unit of the county is within its scope', () => {
    for (const path of [COUNTY, HUACHENG, DONGYUAN]) expect(isWithinScope({ orgPath: '' }, path)).toBe(false);
  });
});

describe('canActOnTask', () => {
  const townTask = { candidateRoles: ['town_reviewer'], orgPath: HUACHENG };
  const villageTask = { candidateRoles: ['village_work_team'], orgPath: DONGYUAN };
  const countyTask = { candidateRoles: ['county_reviewer'], orgPath: COUNTY };

  it.each([
    ['the town reviewer on the town\'s task', actor(HUACHENG, ['town_reviewer']), townTask],
    ['the village work team on the village\'s task', actor(DONGYUAN, ['village_clerk', 'village_work_team']), villageTask],
    ['the county reviewer on the county\'s task', actor(COUNTY, ['county_reviewer']), countyTask],
    ['a county-level town reviewer on a town task below', actor(COUNTY, ['town_reviewer']), townTask],
    ['an inspector on a task of the inspectors\' own process', actor(COUNTY, ['inspector']), { candidateRoles: ['inspector', 'county_reviewer'], orgPath: COUNTY }],
  ])('When %s, then they may act', (_what, who, task) => {
    expect(canActOnTask(who, task)).toBe(true);
  });

  it.each([
    ['the county reviewer on a town task (not a candidate role)', actor(COUNTY, ['county_reviewer']), townTask],
    ['the inspector on any household task', actor(COUNTY, ['inspector']), countyTask],
    ['an admin on a reviewer\'s task', actor(COUNTY, ['admin']), countyTask],
    ['another town\'s reviewer', actor(ZHUANSHUI, ['town_reviewer']), townTask],
    ['the neighbouring village\'s work team', actor(HEZIKOU, ['village_clerk', 'village_work_team']), villageTask],
    ['a town reviewer on a county task above them', actor(HUACHENG, ['county_reviewer']), countyTask],
    ['a reviewer whose path is a text prefix of the task\'s', actor('441424/441424', ['town_reviewer']), { candidateRoles: ['town_reviewer'], orgPath: '441424/4414241' }],
    ['anyone on a task with no candidate roles', actor(COUNTY, ['admin', 'county_reviewer']), { candidateRoles: [], orgPath: COUNTY }],
  ])('When %s, then they may not act', (_what, who, task) => {
    expect(canActOnTask(who, task)).toBe(false);
  });
});

describe('taskOrgUnit', () => {
  it.each([
    ['a village case at town scope', DONGYUAN, 'town', { orgUnitId: '441424130', orgPath: HUACHENG }],
    ['a village case at county scope', DONGYUAN, 'county', { orgUnitId: '441424', orgPath: COUNTY }],
    ['a village case at village scope', DONGYUAN, 'village', { orgUnitId: '441424130201', orgPath: DONGYUAN }],
    ['a village case at instance scope', DONGYUAN, 'instance', { orgUnitId: '441424130201', orgPath: DONGYUAN }],
    ['a 村民小组 case at village scope', `${DONGYUAN}/44142413020101`, 'village', { orgUnitId: '441424130201', orgPath: DONGYUAN }],
    ['a 村民小组 case at instance scope', `${DONGYUAN}/44142413020101`, 'instance', { orgUnitId: '44142413020101', orgPath: `${DONGYUAN}/44142413020101` }],
    ['a town case at village scope (no village above it: the town itself)', HUACHENG, 'village', { orgUnitId: '441424130', orgPath: HUACHENG }],
    ['a county case at town scope', COUNTY, 'town', { orgUnitId: '441424', orgPath: COUNTY }],
  ] as const)('When %s, then the task belongs to the right unit', (_what, path, scope, expected) => {
    expect(taskOrgUnit(path, scope)).toEqual(expected);
  });
});
