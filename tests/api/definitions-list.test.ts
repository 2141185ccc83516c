import type { DefinitionList } from '../../server/src/contract';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

/** The client names processes and steps from this list, so a newly published process needs no client change. */
describe('GET /api/definitions names processes and their steps', () => {
  it('When a clerk lists the definitions, then each has its title in both languages and its task states with titles', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const list = (await clerk.get<DefinitionList>('/api/definitions')).body;
    const identification = list.items.find((d) => d.key === 'household-identification');
    expect(identification?.titles).toEqual({ zh: '贫困户识别', en: 'Poor household identification' });
    expect(identification?.tasks).toEqual(expect.arrayContaining([
      { state: 'application', title: { zh: '填写贫困户申请', en: 'Fill in the application' } },
      { state: 'townReview', title: { zh: '乡镇审核', en: 'Town review' } },
      // A nested step carries the dotted state id its tasks carry.
      { state: 'publicNotice.posting', title: { zh: '张贴公示并登记', en: 'Post the notice' } },
    ]));
    // How a case ends, so a finished case's list row says registered or refused rather than only done.
    expect([...(identification?.ends ?? [])].sort((x, y) => x.state.localeCompare(y.state))).toEqual([
      { state: 'registered', title: { zh: '已识别建档', en: 'Registered' }, refused: false },
      { state: 'rejected', title: { zh: '不予纳入', en: 'Not enrolled' }, refused: true },
    ]);
  });

  it('When an admin publishes a new process, then a clerk lists it with its title and steps, and not before', async () => {
    const admin = await harness.login('admin');
    const clerk = await harness.login('cun-dongyuan');
    expect((await admin.post('/api/definitions', { key: 'seed-grant', title: { zh: '种苗补助' } })).status).toBe(201);
    const keysOf = async () => (await clerk.get<DefinitionList>('/api/definitions')).body.items.map((d) => d.key);
    expect(await keysOf()).not.toContain('seed-grant');

    expect((await admin.post('/api/definitions/seed-grant/drafts/1/publish')).status).toBe(200);
    const listed = (await clerk.get<DefinitionList>('/api/definitions')).body.items.find((d) => d.key === 'seed-grant');
    // Without an English title, the zh one stands in rather than nothing.
    expect(listed).toMatchObject({ titles: { zh: '种苗补助', en: '种苗补助' }, currentVersion: 1 });
    expect(listed?.tasks).toEqual([{ state: 'apply', title: { zh: '提交申请', en: 'Submit the application' } }]);
    // A process that names no ending lists none: its finished cases read as done.
    expect(listed?.ends).toEqual([]);
  });
});
