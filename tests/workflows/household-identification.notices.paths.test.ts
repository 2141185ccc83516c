import { findNotice, listNotices } from '../../server/src/domain/notices/notices.query';
import { chinaDateString } from '../../server/src/kernel';
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

  describe('posting (§二(三)2: 在村委会和各村民小组公示7天)', () => {
    const toPosting = async () => {
      const id = await driver.start('household-identification');
      for (const outcome of ['SUBMIT', 'VERIFY', 'PASS']) await driver.act(id, outcome);
      return id;
    };
    const noticeTimer = async (id: string) => (await driver.query<{ fire_at: Date; ends_at: Date }>(
      `SELECT t.fire_at, n.ends_at FROM timers t JOIN notices n ON n.instance_id = t.instance_id AND n.kind = 'identification'
       WHERE t.instance_id = $1 AND t.status = 'scheduled'`, [id]))[0];
    const dayAfter = (date: string, days: number) => chinaDateString(new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000));

    it('refuses places that leave out a 村民小组 of the village, naming it, and changes nothing', async () => {
      const id = await toPosting();
      const places = ['董源村村委会公告栏', '第一村民小组', '第二村民小组', '第三村民小组'];
      await expect(driver.act(id, 'POSTED', { patch: { places } })).rejects.toMatchObject({
        fields: { '/places': [expect.stringMatching(/还缺：第四村民小组、第五村民小组/)] },
      });
      expect((await driver.instance(id)).state).toEqual({ publicNotice: 'posting' });
      expect(await driver.query('SELECT id FROM timers WHERE instance_id = $1', [id])).toEqual([]);
    });

    it('refuses places without the 村委会', async () => {
      const id = await toPosting();
      const places = ['第一村民小组', '第二村民小组', '第三村民小组', '第四村民小组', '第五村民小组'];
      await expect(driver.act(id, 'POSTED', { patch: { places } })).rejects.toMatchObject({ fields: { '/places': [expect.stringMatching(/还缺：村委会/)] } });
      expect((await driver.instance(id)).state).toEqual({ publicNotice: 'posting' });
    });

    it('counts the 7 days from the posting date the clerk records, and the notice shows the same end', async () => {
      const id = await toPosting();
      const today = chinaDateString(driver.services.clock.now());
      const postedFrom = dayAfter(today, 2);
      await driver.act(id, 'POSTED', { patch: { postedFrom, postedUntil: dayAfter(postedFrom, 6) } });
      const { fire_at, ends_at } = await noticeTimer(id);
      expect(fire_at).toEqual(new Date(`${dayAfter(postedFrom, 7)}T00:00:00+08:00`));
      expect(ends_at).toEqual(fire_at);
      // Seven days after the recording the notice is still up: it counts from the posting date.
      expect(await driver.elapse('P8D')).toBe(0);
      expect((await driver.instance(id)).state).toEqual({ publicNotice: 'running' });
      expect(await driver.elapse('P1D')).toBe(1);
      expect((await driver.instance(id)).state).toBe('preliminaryOpinion');
    });

    it('never counts from before the notice step opened: a stale date is read as the day the notice was ready', async () => {
      const id = await toPosting();
      const opened = driver.services.clock.now();
      driver.services.clock.advance('P1D');
      await driver.act(id, 'POSTED', { patch: { postedFrom: '2016-11-01', postedUntil: '2016-11-07' } });
      const { fire_at } = await noticeTimer(id);
      expect(fire_at).toEqual(new Date(opened.getTime() + 7 * 86_400_000));
      expect(await driver.elapse('P5D')).toBe(0);
      expect(await driver.elapse('P1D')).toBe(1);
    });
  });
});
