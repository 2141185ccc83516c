import { pairWithHelper, registerHousehold } from '../support/registered-households';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

/** Department units added by the admin, and a village's 帮扶单位 with its households' 帮扶责任人 as a town reads and changes them. */
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

describe('department units and pairings, for the admin pages', () => {
  let dongyuan: string;
  let paired: string;
  let waiting: string;
  beforeAll(async () => {
    const { services } = harness;
    const { rows: [village] } = await services.db.pool.query("SELECT id FROM org_units WHERE name = '董源村'");
    dongyuan = village.id;
    const ids: string[] = [];
    for (const [name, status] of [['甘丽芳', '未脱贫'], ['钟建国', '已脱贫'], ['曾伟清', '清退']] as const) {
      ids.push((await registerHousehold(services, '董源村', { headName: name, status })).id);
    }
    [paired, waiting] = ids;
    await pairWithHelper(services, paired, 'bangfu-li');
  });

  it('When the admin adds a department under the county, then it is a unit of level department; a wrong code or parent is a 400 in Chinese, a taken code a 409', async () => {
    const admin = await harness.login('admin');
    const created = await admin.post('/api/admin/org-units', { id: '441424908', parentId: '441424', level: 'department', name: '县退役军人事务局' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: '441424908', parentId: '441424', level: 'department', path: '441424/441424908' });
    const listed = await admin.get('/api/org-units?level=department');
    expect(listed.body.items.map((u: any) => u.name)).toContain('县退役军人事务局');

    const badCode = await admin.post('/api/admin/org-units', { id: '441424555', parentId: '441424', level: 'department', name: '县档案馆' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.fields['/id'][0]).toContain('部门代码为县代码加 9 开头的三位数');
    const { rows: [town] } = await harness.services.db.pool.query("SELECT id FROM org_units WHERE name = '华城镇'");
    const underTown = await admin.post('/api/admin/org-units', { id: `${town.id}9`, parentId: town.id, level: 'department', name: '镇农办' });
    expect(underTown.status).toBe(400);
    expect(underTown.body.error.fields['/level'][0]).toBe('部门只能设在县级单位下');
    expect((await admin.post('/api/admin/org-units', { id: '441424908', parentId: '441424', level: 'department', name: '重复' })).status).toBe(409);
    expect((await (await harness.login('xian')).post('/api/admin/org-units', { id: '441424909', parentId: '441424', level: 'department', name: '县统计局' })).status).toBe(403);
  });

  it('When the town reads 董源村\'s pairings, then it sees the village\'s 帮扶单位 and each registered household\'s helper (none for one waiting, 清退 left out)', async () => {
    const town = await harness.login('zhen-huacheng');
    const answer = await town.get(`/api/help/pairings?village=${dongyuan}`);
    expect(answer.status).toBe(200);
    expect(answer.body.village).toEqual({ id: dongyuan, name: '董源村' });
    expect(answer.body.helpUnit).toEqual({ id: '441424902', name: '县教育局' });
    expect(answer.body.households).toEqual([
      { id: paired, headName: '甘丽芳', category: '一般贫困户', status: '未脱贫', helper: expect.objectContaining({ name: '李志强', unit: '县教育局', helpKind: '重点帮扶' }) },
      { id: waiting, headName: '钟建国', category: '一般贫困户', status: '已脱贫', helper: null },
    ]);
  });

  it('When the town reassigns a household from the list, then the list shows the new helper and the household keeps both in its history', async () => {
    const town = await harness.login('zhen-huacheng');
    const helpers = (await town.get('/api/helpers')).body.items;
    const wang = helpers.find((h: any) => h.name === '王春梅');
    const moved = await town.post(`/api/households/${paired}/helper`, { helperUserId: wang.userId, reason: '李志强调离县教育局' });
    expect(moved.status).toBe(200);
    const after = (await town.get(`/api/help/pairings?village=${dongyuan}`)).body.households.find((h: any) => h.id === paired);
    expect(after.helper).toMatchObject({ name: '王春梅', unit: '县农业农村局' });
    expect(moved.body.items.map((a: any) => [a.helperName, a.endedAt === null])).toEqual([['王春梅', true], ['李志强', false]]);
  });

  it('When another town, a village clerk or a bad village code asks, then it is a 404, a 403 and a 400, and nothing is shown', async () => {
    expect((await (await harness.login('zhen-zhuanshui')).get(`/api/help/pairings?village=${dongyuan}`)).status).toBe(404);
    expect((await (await harness.login('cun-dongyuan')).get(`/api/help/pairings?village=${dongyuan}`)).status).toBe(403);
    const bad = await (await harness.login('xian')).get('/api/help/pairings?village=董源村');
    expect(bad.status).toBe(400);
    expect((await (await harness.login('xian')).get('/api/help/pairings?village=441424999999')).status).toBe(404);
  });
});
