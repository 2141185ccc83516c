import ExcelJS from 'exceljs';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor } from '../support/form-examples';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

/** The 帮扶记录卡 entries that process steps declare (meta.task.helpCard), as the household page and the Excel card show them. */
let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

/** Who works each state of housing-renovation for 董源村. */
const RENOVATION_WORKERS: Record<string, string> = {
  application: 'cun-dongyuan', villagerAppraisal: 'cun-dongyuan', construction: 'cun-dongyuan',
  townReview: 'zhen-huacheng', agreement: 'zhen-huacheng', countyApproval: 'bm-zhujian', completionAcceptance: 'xian', subsidyPayment: 'xian',
};

async function act(instanceId: string, outcome: string, patch: Record<string, unknown> = {}, comment = '同意') {
  const clerk = await harness.login('cun-dongyuan');
  const task = await openTaskOf(clerk, instanceId);
  const worker = await harness.login(RENOVATION_WORKERS[task.state]);
  const data = await uploadEvidence(task.formKey, { ...exampleDataFor(task.formKey), ...patch }, { client: worker, instanceId });
  const answer = await worker.post(`/api/tasks/${task.id}/complete`, { outcome, data, comment });
  if (answer.status !== 200) throw new Error(`${outcome} on ${task.state} answered ${answer.status}: ${answer.text}`);
}

describe('帮扶记录卡 entries written by the steps of a process', () => {
  let householdId: string;
  let renovationId: string;
  let xian: ApiClient;
  beforeAll(async () => {
    const clerk = await harness.login('cun-dongyuan');
    const identification = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    await drive(harness, 'dongyuan', identification.body.id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    await harness.anonymous.post('/api/test/clock', { advance: 'P8D' });
    await drive(harness, 'dongyuan', identification.body.id, ['FORWARD', 'APPROVE', 'APPROVE']);
    const { rows: [row] } = await harness.services.db.pool.query('SELECT id, head_id_number FROM households WHERE source_instance_id = $1', [identification.body.id]);
    householdId = row.id;
    const application = exampleDataFor('housing-renovation.application') as any;

    renovationId = (await clerk.post('/api/instances', { definitionKey: 'housing-renovation' })).body.id;
    await act(renovationId, 'SUBMIT', { household: { ...application.household, head: { ...application.household.head, idNumber: row.head_id_number } } });
    await act(renovationId, 'PASS');
    await harness.anonymous.post('/api/test/clock', { advance: 'P8D' });
    await act(renovationId, 'APPROVE');
    await act(renovationId, 'APPROVE');
    await harness.anonymous.post('/api/test/clock', { advance: 'P8D' });
    await act(renovationId, 'SIGN');
    await act(renovationId, 'COMPLETE', { progressPercent: 100 });
    await act(renovationId, 'FAIL', { result: '不合格', rectificationDeadline: '2017-09-30' }, '圈梁未按图施工');
    await act(renovationId, 'COMPLETE', { progressPercent: 100 });
    await act(renovationId, 'PASS');
    await act(renovationId, 'PAY');
    xian = await harness.login('xian');
  }, 240_000);

  it('When a renovation is accepted and paid, then the household page shows one entry per declaring step, naming the case, and none for the failed acceptance', async () => {
    const page = (await xian.get(`/api/households/${householdId}`)).body;
    const fromCase = page.helpRecords.filter((r: any) => r.sourceInstanceId === renovationId);
    expect(fromCase).toEqual([
      expect.objectContaining({ entryKind: '帮扶成效', measureType: '危房改造', helperName: expect.any(String), result: '竣工验收合格：砖混住房90平方米' }),
      expect.objectContaining({ entryKind: '帮扶措施', measureType: '危房改造', helperUnit: '五华县住房和城乡建设局', value: 40000, content: expect.stringContaining('补助40000元已发放至户主账户') }),
    ]);
    expect(page.status).toBe('未脱贫');
  });

  it('When 住建局 approved the village\'s renovation, then it reads that case (its completion answered 200 with it); another department does not', async () => {
    expect((await (await harness.login('bm-zhujian')).get(`/api/instances/${renovationId}`)).status).toBe(200);
    expect((await (await harness.login('bm-jiaoyu')).get(`/api/instances/${renovationId}`)).status).toBe(404);
  });

  it('When the county exports the card, then the Excel sheet carries the entries the steps wrote', async () => {
    const page = (await xian.get(`/api/households/${householdId}`)).body;
    const file = await xian.get(`/api/households/${householdId}/help-card.xlsx`);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body);
    const sheet = workbook.getWorksheet('帮扶记录卡')!;
    expect(sheet.rowCount - 1).toBe(page.helpRecords.length);
    const header = (sheet.getRow(1).values as unknown[]);
    const column = (title: string) => sheet.getColumn(header.indexOf(title)).values.slice(2);
    expect(column('记录类别')).toEqual(expect.arrayContaining(['帮扶成效', '帮扶措施']));
    expect(column('帮扶内容')).toEqual(expect.arrayContaining([expect.stringContaining('补助40000元已发放至户主账户')]));
  });
});
