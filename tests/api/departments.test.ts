import { DEPARTMENTS } from '../../server/src/domain/org-seed';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

const APPLICATION = 'household-identification.application';

/** Registers one household of the village through every step of identification, over HTTP. */
async function registerThrough(village: 'dongyuan' | 'zhuanshui', application: unknown): Promise<string> {
  const clerk = await harness.login(village === 'dongyuan' ? 'cun-dongyuan' : 'cun-zhuanshui');
  const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  expect(started.status).toBe(201);
  await drive(harness, village, started.body.id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'], { [APPLICATION]: application });
  await harness.anonymous.post('/api/test/clock', { advance: 'P8D' });
  await drive(harness, village, started.body.id, ['FORWARD', 'APPROVE', 'APPROVE']);
  return started.body.id;
}

describe('county departments as org units with their own roles', () => {
  let dongyuanCase: string;
  beforeAll(async () => {
    dongyuanCase = await registerThrough('dongyuan', exampleFor(APPLICATION));
    await registerThrough('zhuanshui', withFreshIdNumbers(exampleFor(APPLICATION)));
  }, 120_000);

  it('When the county is seeded, then its seven departments are units under the county, each with an officer of role department_officer', async () => {
    const admin = await harness.login('admin');
    const units = await admin.get('/api/org-units?level=department');
    expect(units.status).toBe(200);
    expect(units.body.items.map((u: any) => u.name).sort()).toEqual(DEPARTMENTS.map((d) => d.name).sort());
    expect(units.body.items.every((u: any) => u.parentId === '441424' && u.path === `441424/${u.id}`)).toBe(true);
    const housing = await harness.login('bm-zhujian');
    expect((await housing.get('/api/me')).body.user).toMatchObject({ roles: ['department_officer'], orgUnitName: '县住建局', orgUnitId: '441424901' });
    // The county's towns are still what a town picker lists (departments are not towns).
    const towns = await harness.anonymous.get('/api/org-units');
    expect(towns.body.items).toHaveLength(16);
    expect(towns.body.items.every((u: any) => u.level === 'town')).toBe(true);
  });

  it('When a department officer opens the registry, then they read the households of every town, and no case of a village', async () => {
    const education = await harness.login('bm-jiaoyu');
    const list = await education.get('/api/households?pageSize=50');
    expect(list.status).toBe(200);
    expect(list.body.items.map((h: any) => h.villageName).sort()).toEqual(['董源村', '转水村']);
    expect(list.body.items.every((h: any) => /\*{8}/.test(h.headIdNumber))).toBe(true);
    const one = await education.get(`/api/households/${list.body.items[0].id}`);
    expect(one.status).toBe(200);
    // A town filter narrows within the county; the village's own case stays the village's.
    expect((await education.get(`/api/households?town=${encodeURIComponent('转水镇')}`)).body.items.map((h: any) => h.villageName)).toEqual(['转水村']);
    expect((await education.get(`/api/instances/${dongyuanCase}`)).status).toBe(404);
    expect((await education.get('/api/tasks')).body.items).toEqual([]);
    // Read-only: no unmasking, no import, no case started.
    expect((await education.get('/api/households?unmask=1&reason=核对')).status).toBe(403);
    expect((await education.post('/api/instances', { definitionKey: 'household-identification' })).status).toBe(403);
  });

  it('When a helper is paired with no household, then their registry is empty and a household of the county is not found', async () => {
    const xian = await harness.login('xian');
    const any = (await xian.get('/api/households')).body.items[0];
    const helper = await harness.login('bangfu-wang');
    expect((await helper.get('/api/households')).body).toMatchObject({ items: [], total: 0 });
    expect((await helper.get(`/api/households/${any.id}`)).status).toBe(404);
  });
});
