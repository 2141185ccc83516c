import { findNotice, listNotices } from '../../server/src/domain/notices/notices.query';
import { exampleFor } from '../support/form-examples';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/** What the public reads (§二(三)2–3): names as the county sets, contacts for objections, results listed for the long term. */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver(); });
afterAll(async () => { await driver.close(); });

describe('household identification: public notices', () => {
  it('shows the head\'s name in full or masked as the county sets, the ID number always masked, with the county\'s objection contacts', async () => {
    const id = await driver.start('household-identification');
    const headName = exampleFor('household-identification.application').household.head.name as string;
    for (const outcome of ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']) await driver.act(id, outcome);
    const [{ id: noticeId }] = await driver.query<{ id: string }>('SELECT id FROM notices WHERE instance_id = $1', [id]);
    const pool = driver.services.db.pool;
    const county = driver.services.county.publicNotice;
    expect(county).toEqual({ maskNames: false, objectionHotline: '0753-4432100', objectionAddress: '五华县扶贫开发局（水寨镇）' });

    const shown = await findNotice(pool, '441424', noticeId, county);
    expect(shown).toMatchObject({ content: { headName }, objectionHotline: '0753-4432100', objectionAddress: '五华县扶贫开发局（水寨镇）' });
    expect((shown!.content.headIdNumber as string)).toMatch(/^441424\*{8}\d{3}[\dX]$/);
    const masked = await findNotice(pool, '441424', noticeId, { ...county, maskNames: true });
    expect(masked!.content.headName).toBe(`${headName[0]}*${headName[2]}`);
    const page = await listNotices(pool, '441424', { status: 'open', page: 1, pageSize: 50 }, { maskNames: true });
    expect(page.items.find((n) => n.id === noticeId)!.content.headName).toBe(`${headName[0]}*${headName[2]}`);
  });

  it('keeps the registration result listed publicly with no end (长期公示) after the notice closes', async () => {
    const id = await driver.start('household-identification');
    for (const outcome of ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']) await driver.act(id, outcome);
    await driver.elapse('P7D');
    for (const outcome of ['FORWARD', 'APPROVE', 'APPROVE']) await driver.act(id, outcome);
    expect((await driver.instance(id)).state).toBe('registered');
    const notices = await driver.query('SELECT kind, title, status, ends_at FROM notices WHERE instance_id = $1 ORDER BY starts_at', [id]);
    expect(notices).toEqual([
      { kind: 'identification', title: '贫困户识别公示', status: 'closed', ends_at: expect.any(Date) },
      { kind: 'registration', title: '建档立卡贫困户长期公示', status: 'open', ends_at: null },
    ]);
    driver.services.clock.advance('P400D');
    await driver.elapse('P1D');
    expect(await driver.query(`SELECT status FROM notices WHERE instance_id = $1 AND kind = 'registration'`, [id])).toEqual([{ status: 'open' }]);
  });
});
