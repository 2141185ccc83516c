import { idCardCheckCharacter } from '../../server/src/forms';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

// Every case names its subject (the definition's meta.subject), carries a 受理编号,
// and the inbox searches, sorts and counts days by the server's clock.
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

const APPLICATION = 'household-identification.application';

/** The application example for another household head (a different, valid ID number, another name). */
function applicationFor(idBody17: string, name: string) {
  const example = withFreshIdNumbers(exampleFor(APPLICATION));
  const original: string = example.household.head.idNumber;
  const replacement = `${idBody17}${idCardCheckCharacter(idBody17)}`;
  const text = JSON.stringify(example).split(original).join(replacement).split(example.household.head.name).join(name);
  return { data: JSON.parse(text), idNumber: replacement };
}

async function submittedCase(clerk: ApiClient, idBody17: string, name: string) {
  const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  expect(started.status).toBe(201);
  const application = applicationFor(idBody17, name);
  await drive(harness, 'dongyuan', started.body.id, ['SUBMIT'], { [APPLICATION]: application.data });
  return { id: started.body.id as string, receiptNo: started.body.receiptNo as string, idTail: application.idNumber.slice(-4) };
}

describe('cases name their subject', () => {
  it('When two households apply, then each case and task names its head, ID tail and village, with its own 受理编号', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const year = new Date(harness.services.clock.now().getTime() + 8 * 3600_000).getUTCFullYear();
    const a = await submittedCase(clerk, '44142419680315401', '张德明');
    const b = await submittedCase(clerk, '44142419680315403', '刘春兰');
    expect(a.receiptNo).toMatch(new RegExp(`^441424-${year}-\\d{6}$`));
    expect(Number(b.receiptNo.slice(-6))).toBe(Number(a.receiptNo.slice(-6)) + 1);

    const view = (await clerk.get(`/api/instances/${a.id}`)).body;
    expect(view.subject).toEqual({ text: `张德明 ****${a.idTail} · 董源村第三村民小组`, householdName: '张德明', idTail: a.idTail, village: '董源村第三村民小组' });
    expect(view.receiptNo).toBe(a.receiptNo);
    // The subject never holds the full ID number.
    expect(JSON.stringify(view.subject)).not.toMatch(/\d{17}/);

    const task = await openTaskOf(clerk, a.id);
    expect(task.state).toBe('verification');
    expect(task.subject.text).toBe(`张德明 ****${a.idTail} · 董源村第三村民小组`);
    expect(task.receiptNo).toBe(a.receiptNo);

    // Search by name, by ID tail and by 受理编号.
    const byName = (await clerk.get(`/api/tasks?q=${encodeURIComponent('张德明')}`)).body.items;
    expect(byName.map((t: any) => t.instanceId)).toEqual([a.id]);
    const byTail = (await clerk.get(`/api/tasks?q=${b.idTail}`)).body.items;
    expect(byTail.map((t: any) => t.instanceId)).toEqual([b.id]);
    const byReceipt = (await clerk.get(`/api/tasks?q=${b.receiptNo}`)).body;
    expect(byReceipt.items.map((t: any) => t.instanceId)).toEqual([b.id]);
    expect(byReceipt.total).toBe(1);
    expect((await clerk.get(`/api/tasks?q=${encodeURIComponent('没有这个人')}`)).body.items).toEqual([]);

    // The same search in 我发起的 and in the case list.
    const mine = (await clerk.get(`/api/instances?mine=1&q=${encodeURIComponent('刘春兰')}`)).body;
    expect(mine.items.map((i: any) => i.id)).toEqual([b.id]);
    expect(mine.items[0]).toMatchObject({ receiptNo: b.receiptNo, subject: { householdName: '刘春兰' } });
    // 已办: the clerk completed the application task of both cases; the county reviewer none.
    const handled = (await clerk.get('/api/instances?handled=1')).body.items.map((i: any) => i.id);
    expect(handled).toEqual(expect.arrayContaining([a.id, b.id]));
    const county = await harness.login('xian');
    expect((await county.get('/api/instances?handled=1')).body.items.map((i: any) => i.id)).not.toContain(a.id);
  });

  it('When time passes on the server\'s clock, then a task turns due soon and then overdue, with the days left in the answer', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const c = await submittedCase(clerk, '44142419680315405', '古秋菊');
    const days = () => clerk.get(`/api/tasks?q=${c.receiptNo}`).then((r) => r.body.items[0]);
    const fresh = await days();
    expect(fresh.dueStatus).toBe('ok');
    expect(fresh.daysLeft).toBeGreaterThan(2);
    expect((await clerk.get(`/api/tasks?dueSoon=1&q=${c.receiptNo}`)).body.items).toEqual([]);

    harness.services.clock.advance(`P${fresh.daysLeft - 1}D`);
    const soon = await days();
    expect(soon).toMatchObject({ daysLeft: 1, dueStatus: 'dueSoon' });
    expect((await clerk.get(`/api/tasks?dueSoon=1&q=${c.receiptNo}`)).body.items).toHaveLength(1);
    expect((await clerk.get(`/api/tasks/${soon.id}`)).body).toMatchObject({ daysLeft: 1, dueStatus: 'dueSoon' });

    harness.services.clock.advance('P2D');
    const late = await days();
    expect(late).toMatchObject({ daysLeft: -1, dueStatus: 'overdue' });
    expect((await clerk.get(`/api/tasks?overdue=1&q=${c.receiptNo}`)).body.items).toHaveLength(1);
  });

  it('When the inbox is sorted by age or by due date, then the order follows the server\'s dates', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const byCreated = (await clerk.get('/api/tasks?sort=createdAt&pageSize=100')).body.items.map((t: any) => t.createdAt);
    expect(byCreated).toEqual([...byCreated].sort());
    const byDue = (await clerk.get('/api/tasks?sort=dueAt&pageSize=100')).body.items.map((t: any) => t.dueAt ?? '9999');
    expect(byDue).toEqual([...byDue].sort());
  });

  it('When the search text is too long, then the inbox answers 400 and names the field', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const answer = await clerk.get(`/api/tasks?q=${'张'.repeat(51)}`);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.fields ?? {})).toEqual(expect.arrayContaining([expect.stringContaining('q')]));
  });
});

describe('saved inbox filters', () => {
  it('When a user saves a filter, then only they see it, a second save of the name replaces it, and they can delete it', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const other = await harness.login('cun-hezikou');
    const saved = await clerk.post('/api/inbox/filters', { name: '快到期的核实', query: { state: 'verification', dueSoon: true, sort: 'dueAt' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: '快到期的核实', query: { state: 'verification', dueSoon: true } });
    const again = await clerk.post('/api/inbox/filters', { name: '快到期的核实', query: { state: 'verification', overdue: true } });
    expect(again.status).toBe(201);
    const list = (await clerk.get('/api/inbox/filters')).body.items;
    expect(list).toHaveLength(1);
    expect(list[0].query).toEqual({ state: 'verification', overdue: true });
    expect((await other.get('/api/inbox/filters')).body.items).toEqual([]);
    // Another user cannot delete it; its owner can.
    expect((await other.request('DELETE', `/api/inbox/filters/${list[0].id}`)).status).toBe(404);
    expect((await clerk.request('DELETE', `/api/inbox/filters/${list[0].id}`)).status).toBe(200);
    expect((await clerk.get('/api/inbox/filters')).body.items).toEqual([]);
  });

  it('When a filter has no name or an unknown field, then it is refused with 400 and nothing is saved', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const blank = await clerk.post('/api/inbox/filters', { name: ' ', query: {} });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields).toBeDefined();
    expect((await clerk.post('/api/inbox/filters', { name: '甲', query: { drop: 'table' } })).status).toBe(400);
    expect((await clerk.get('/api/inbox/filters')).body.items).toEqual([]);
  });
});
