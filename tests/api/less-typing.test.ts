import { chinaDateString } from '../../server/src/kernel';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

// Less typing on the server's side: a step's form opens with what its definition carries forward
// (meta.task.prefill), the date forms fill in is the server's, and the head of household typed once
// in the members' list is the rule the server checks too.
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

const APPLICATION = 'household-identification.application';

async function startedCase(data = withFreshIdNumbers(exampleFor(APPLICATION))) {
  const clerk = await harness.login('cun-dongyuan');
  const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  expect(started.status).toBe(201);
  return { clerk, id: started.body.id as string, data };
}

describe('less typing', () => {
  it('When the home visit opens, then its form starts with the living conditions the application declared', async () => {
    const { clerk, id, data } = await startedCase();
    await drive(harness, 'dongyuan', id, ['SUBMIT'], { [APPLICATION]: data });
    const task = await openTaskOf(clerk, id);
    expect(task.state).toBe('verification');
    const detail = (await clerk.get(`/api/tasks/${task.id}`)).body;
    expect(detail.prefill).toEqual({ livingConditions: data.household.livingConditions });
  });

  it('When an objection is filed against the notice, then the objection review opens with its text as 异议内容摘要; a done task carries no prefill', async () => {
    const { id } = await startedCase();
    await drive(harness, 'dongyuan', id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    const notice = (await harness.anonymous.get('/api/notices?town=华城镇')).body.items[0];
    // The board names where the household lives as the case's subject does: village and 村民小组.
    expect(notice.place).toBe('董源村第三村民小组');
    expect((await harness.anonymous.get(`/api/notices/${notice.id}`)).body.place).toBe('董源村第三村民小组');
    const content = '反映该户户主之子在深圳务工，月收入约5000元，申报的工资性收入偏低，请核实。';
    const filed = await harness.anonymous.post(`/api/notices/${notice.id}/objections`, { content });
    expect(filed.status).toBe(201);
    const town = await harness.login('zhen-huacheng');
    const task = await openTaskOf(town, id);
    expect(task.state).toBe('objectionReview');
    expect((await town.get(`/api/tasks/${task.id}`)).body.prefill).toEqual({ objectionSummary: content });

    const verification = (await town.get(`/api/instances/${id}`)).body.tasks.find((t: any) => t.state === 'verification');
    expect(verification.status).toBe('completed');
    expect((await town.get(`/api/tasks/${verification.id}`)).body.prefill).toBeUndefined();
  });

  it('When a user asks who they are, then the answer carries today in China by the server\'s clock', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const me = (await clerk.get('/api/me')).body;
    expect(me.today).toBe(chinaDateString(harness.services.clock.now()));
  });

  it('When the head block names someone other than the member marked 户主, then the application is refused on the head\'s fields and nothing moves', async () => {
    const { clerk, id, data } = await startedCase();
    data.household.head.name = '曾庆平';
    const task = await openTaskOf(clerk, id);
    const answer = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields['/household/head/name']).toEqual([`应与第 1 位家庭成员（户主）一致：${data.household.members[0].name}`]);
    expect((await openTaskOf(clerk, id)).state).toBe('application');
  });

  it('When the notice is to be posted, then its form opens with the village\'s 村委会 and every 村民小组 from the org tree, so the clerk only removes what was not posted', async () => {
    const { clerk, id, data } = await startedCase();
    await drive(harness, 'dongyuan', id, ['SUBMIT', 'VERIFY', 'PASS'], { [APPLICATION]: data });
    const task = await openTaskOf(clerk, id);
    expect(task.state).toBe('publicNotice.posting');
    const places = ['董源村村委会', '第一村民小组', '第二村民小组', '第三村民小组', '第四村民小组', '第五村民小组'];
    expect((await clerk.get(`/api/tasks/${task.id}`)).body.prefill).toEqual({ places });
    // What the form opened with is what the posting rule asks for: posted as offered, it is accepted.
    const example = exampleFor('household-identification.publicNotice');
    await drive(harness, 'dongyuan', id, ['POSTED'], { 'household-identification.publicNotice': { ...example, places } });
    expect((await clerk.get(`/api/instances/${id}`)).body.state).toEqual({ publicNotice: 'running' });
  });
});
