import { idCardCheckCharacter } from '../../server/src/forms';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

const APPLICATION = 'household-identification.application';

/** The application example for another household head (a different, valid ID number). */
function applicationFor(idBody17: string, name: string) {
  const example = withFreshIdNumbers(exampleFor(APPLICATION));
  const original: string = example.household.head.idNumber;
  const replacement = `${idBody17}${idCardCheckCharacter(idBody17)}`;
  const text = JSON.stringify(example).split(original).join(replacement).split(example.household.head.name).join(name);
  return { data: JSON.parse(text), idNumber: replacement };
}

async function noticeIdsOf(village: string): Promise<Set<string>> {
  const answer = await harness.anonymous.get(`/api/notices?village=${encodeURIComponent(village)}&status=all`);
  expect(answer.status).toBe(200);
  return new Set(answer.body.items.map((n: any) => n.id));
}

describe('household identification over HTTP with the demo users', () => {
  it('When a village applies and someone objects, then the town dismisses it and the county registers the household', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: 'application', status: 'running', orgUnitId: '441424130201' });
    const instanceId = started.body.id;

    const inbox = await clerk.get('/api/tasks?state=application');
    expect(inbox.body.items.map((t: any) => t.instanceId)).toContain(instanceId);
    expect(inbox.body.items[0].outcomes[0]).toEqual({ event: 'SUBMIT', label: '提交', labelEn: 'Submit', kind: 'forward' });

    const before = await noticeIdsOf('董源村');
    // The example household itself (曾庆华, 441424196803153012): the first case of this database to claim its numbers.
    await drive(harness, 'dongyuan', instanceId, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'], { [APPLICATION]: exampleFor(APPLICATION) });
    const notices = [...await noticeIdsOf('董源村')].filter((id) => !before.has(id));
    expect(notices).toHaveLength(1);

    // The public page masks the ID number (the name in full, as the county configures for public scrutiny); the raw ID number appears nowhere.
    const notice = await harness.anonymous.get(`/api/notices/${notices[0]}`);
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ status: 'open', villageName: '董源村', townName: '华城镇', content: { headName: '曾庆华', headIdNumber: '441424********3012' }, objectionHotline: '0753-4432100', objectionAddress: '五华县扶贫开发局（水寨镇）' });
    expect(notice.text).not.toContain('441424196803153012');
    expect(notice.body.places).toContain('董源村村委会公告栏');

    const objection = await harness.anonymous.post(`/api/notices/${notices[0]}/objections`, { content: '该户家中有小轿车一辆，不符合条件', name: '李四', phone: '13800138000' });
    expect(objection.status).toBe(201);
    expect((await clerk.get(`/api/instances/${instanceId}`)).body.state).toBe('objectionReview');
    // The objection closed the notice: a second one is refused.
    expect((await harness.anonymous.post(`/api/notices/${notices[0]}/objections`, { content: '再次异议' })).status).toBe(409);

    const town = await harness.login('zhen-huacheng');
    const review = (await town.get('/api/tasks?state=objectionReview')).body.items.find((t: any) => t.instanceId === instanceId);
    expect(review).toMatchObject({ state: 'objectionReview', candidateRoles: ['town_reviewer'], orgUnitId: '441424130' });
    expect((await town.post(`/api/tasks/${review.id}/claim`)).body).toMatchObject({ status: 'claimed', assignee: 'zhen-huacheng' });
    const dismissed = await town.post(`/api/tasks/${review.id}/complete`, { outcome: 'DISMISS', data: exampleFor(review.formKey), comment: '经调查，小轿车为亲属所有，异议不成立' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.state).toBe('preliminaryOpinion');

    await drive(harness, 'dongyuan', instanceId, ['FORWARD', 'APPROVE', 'APPROVE']);
    const done = await (await harness.login('xian')).get(`/api/instances/${instanceId}`);
    expect(done.body).toMatchObject({ state: 'registered', status: 'completed' });
    expect(done.body.history.map((h: any) => h.type)).toEqual(expect.arrayContaining(['started', 'task_completed', 'event']));

    const registry = await (await harness.login('xian')).get(`/api/households?q=${encodeURIComponent('曾庆华')}`);
    expect(registry.body.items).toEqual([expect.objectContaining({ headName: '曾庆华', headIdNumber: '441424********3012', villageName: '董源村', status: '未脱贫' })]);
  });

  it('When nobody objects, then the test clock ends the 7-day notice and the case goes on to registration', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const { data, idNumber } = applicationFor('44142419680315305', '刘海明');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    const instanceId = started.body.id;
    await drive(harness, 'dongyuan', instanceId, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED'], { [APPLICATION]: data });
    expect((await clerk.get(`/api/instances/${instanceId}`)).body.state).toEqual({ publicNotice: 'running' });

    const early = await harness.anonymous.post('/api/test/clock', { advance: 'P6D' });
    expect(early.body.fired).toBe(0);
    const clock = await harness.anonymous.post('/api/test/clock', { advance: 'P1D' });
    expect(clock.status).toBe(200);
    expect(clock.body.fired).toBe(1);
    expect((await openTaskOf(clerk, instanceId)).state).toBe('preliminaryOpinion');

    await drive(harness, 'dongyuan', instanceId, ['FORWARD', 'APPROVE', 'APPROVE']);
    const registry = await (await harness.login('zhen-huacheng')).get(`/api/households?q=${idNumber}`);
    expect(registry.body.items).toEqual([expect.objectContaining({ headName: '刘海明', headIdNumber: `441424********${idNumber.slice(-4)}` })]);
  });

  it('When a town reviewer batch-approves a roster, then each task gets its own result', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
      await drive(harness, 'dongyuan', started.body.id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
      ids.push(started.body.id);
    }
    await harness.anonymous.post('/api/test/clock', { advance: 'P7D' });
    for (const id of ids) await drive(harness, 'dongyuan', id, ['FORWARD']);
    const town = await harness.login('zhen-huacheng');
    const roster = (await town.get('/api/tasks?state=townReview&pageSize=200')).body.items.filter((t: any) => ids.includes(t.instanceId));
    expect(roster).toHaveLength(2);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const batch = await town.post('/api/tasks/batch-complete', { taskIds: [...roster.map((t: any) => t.id), unknown], outcome: 'APPROVE', comment: '同意', data: exampleFor('household-identification.townReview') });
    expect(batch.status).toBe(200);
    expect(batch.body.results).toEqual([
      { taskId: roster[0].id, ok: true, status: 200 }, { taskId: roster[1].id, ok: true, status: 200 },
      { taskId: unknown, ok: false, status: 404, error: expect.objectContaining({ code: 'not_found' }) },
    ]);
    const county = await (await harness.login('xian')).get('/api/tasks?state=countyApproval&pageSize=200');
    expect(county.body.items.filter((t: any) => ids.includes(t.instanceId))).toHaveLength(2);
    expect(county.body.counts.countyApproval).toBeGreaterThanOrEqual(2);
  });

  it('When the progress report is asked for, then it shows the targets of the configuration and tasks by town', async () => {
    const report = await (await harness.login('xian')).get('/api/reports/progress?year=2017');
    expect(report.status).toBe(200);
    expect(report.body.targetShare).toBe(0.7);
    expect(report.body.targets).toEqual(expect.arrayContaining([{ year: 2016, share: 0.3 }, { year: 2018, share: 1 }]));
    expect(report.body.towns).toHaveLength(16);
    const huacheng = report.body.towns.find((t: any) => t.name === '华城镇');
    expect(huacheng.openTasks).toBeGreaterThanOrEqual(2);
  });
});
