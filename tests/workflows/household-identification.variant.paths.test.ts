import { findNotice } from '../../server/src/domain/notices/notices.query';
import { chinaDateString } from '../../server/src/kernel';
import { householdStatusOfCase } from './support/households';
import { startWorkflowDriver } from './support/workflow-driver';
import type { WorkflowDriver } from './support/workflow-driver';

/**
 * The "两公示一公告" variant of household identification: switched on by the definition's
 * `settings.twoNoticesOneAnnouncement`, i.e. by publishing a version with the setting true.
 */
let driver: WorkflowDriver;
beforeAll(async () => { driver = await startWorkflowDriver(); });
afterAll(async () => { await driver.close(); });


/** What an admin's "publish" does: a new published version of the definition with changed settings. */
async function publishWithSettings(settings: Record<string, unknown>): Promise<number> {
  const [current] = await driver.query(
    `SELECT version, title, document, form_versions FROM definitions WHERE key = 'household-identification' AND status = 'published' ORDER BY version DESC LIMIT 1`);
  const document = { ...current.document, settings: { ...current.document.settings, ...settings } };
  const version = current.version + 1;
  await driver.query(
    `INSERT INTO definitions (id, tenant_id, key, version, status, title, document, form_versions, published_at)
     VALUES ($1, '441424', 'household-identification', $2, 'published', $3, $4, $5, $6)`,
    [driver.services.ids.uuid(), version, JSON.stringify(current.title), JSON.stringify(document), JSON.stringify(current.form_versions), driver.services.clock.now()]);
  return version;
}

/** Application through the first notice to the town review. */
async function toTownReview(): Promise<string> {
  const instanceId = await driver.start('household-identification');
  for (const outcome of ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']) await driver.act(instanceId, outcome);
  await driver.elapse('P7D');
  await driver.act(instanceId, 'FORWARD');
  expect((await driver.openTask(instanceId)).state).toBe('townReview');
  return instanceId;
}

const state = async (instanceId: string) => (await driver.openTask(instanceId)).state;

describe('household identification with two notices and one announcement', () => {
  let pinnedToDefault: string;

  beforeAll(async () => {
    // Started before the switch: stays on the version it started on.
    pinnedToDefault = await toTownReview();
    await publishWithSettings({ twoNoticesOneAnnouncement: true });
  });

  it('keeps an instance started on the default version on the one-notice path', async () => {
    await driver.act(pinnedToDefault, 'APPROVE');
    expect(await state(pinnedToDefault)).toBe('countyApproval');
    await driver.act(pinnedToDefault, 'APPROVE');
    expect(await driver.instance(pinnedToDefault)).toEqual(expect.objectContaining({ state: 'registered', status: 'completed' }));
  });

  it('posts a second notice after the town review and announces after the county approval', async () => {
    const instanceId = await toTownReview();
    await driver.act(instanceId, 'APPROVE');
    const posting = await driver.openTask(instanceId);
    expect(posting).toEqual(expect.objectContaining({ state: 'secondNotice.secondPosting', form_key: 'household-identification.secondNotice', candidate_roles: ['town_reviewer'] }));
    await driver.act(instanceId, 'POSTED');
    await driver.elapse('P6D');
    expect((await driver.instance(instanceId)).state).toEqual({ secondNotice: 'running' });
    await driver.elapse('P1D');
    expect(await state(instanceId)).toBe('countyApproval');

    await driver.act(instanceId, 'APPROVE');
    expect(await state(instanceId)).toBe('announcement');
    expect(await householdStatusOfCase(driver, instanceId)).toBeUndefined();
    await driver.act(instanceId, 'ANNOUNCE');
    expect(await driver.instance(instanceId)).toEqual(expect.objectContaining({ state: 'registered', status: 'completed' }));
    expect(await householdStatusOfCase(driver, instanceId)).toBe('未脱贫');
    const notices = await driver.query('SELECT kind, status, ends_at FROM notices WHERE instance_id = $1 ORDER BY starts_at, kind', [instanceId]);
    expect(notices).toEqual([
      { kind: 'identification', status: 'closed', ends_at: expect.any(Date) },
      { kind: 'identification-town', status: 'closed', ends_at: expect.any(Date) },
      // The announcement stays public: no end date and not closed.
      { kind: 'identification-announcement', status: 'open', ends_at: null },
      // The registration result itself is listed for the long term (长期公示), with or without the announcement.
      { kind: 'registration', status: 'open', ends_at: null },
    ]);
  });

  it('goes on to the county when an objection to the second notice is dismissed', async () => {
    const instanceId = await toTownReview();
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'POSTED');
    await driver.signal(instanceId, 'OBJECTION');
    expect(await driver.openTask(instanceId)).toEqual(expect.objectContaining({ state: 'secondObjectionReview', candidate_roles: ['town_reviewer'] }));
    await driver.act(instanceId, 'DISMISS');
    expect(await state(instanceId)).toBe('countyApproval');
  });

  it.each([
    ['appraised again', 'UPHOLD_REAPPRAISE', 'villagerAppraisal', 'running'],
    ['rejected', 'UPHOLD_REJECT', 'rejected', 'completed'],
  ])('is %s when an objection to the second notice is upheld', async (_name, outcome, expected, status) => {
    const instanceId = await toTownReview();
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'POSTED');
    await driver.signal(instanceId, 'OBJECTION');
    await driver.act(instanceId, outcome, { comment: '经核实该户有商品房' });
    const row = await driver.instance(instanceId);
    expect(row.status).toBe(status);
    if (status === 'running') expect(await state(instanceId)).toBe(expected);
    else expect(row.state).toBe(expected);
  });

  it('re-posts the second notice when the county returns the case to the town', async () => {
    const instanceId = await toTownReview();
    await driver.act(instanceId, 'APPROVE');
    await driver.act(instanceId, 'POSTED');
    await driver.elapse('P7D');
    await driver.act(instanceId, 'RETURN', { comment: '请补充乡镇抽查记录' });
    expect(await state(instanceId)).toBe('townReview');
    await driver.act(instanceId, 'APPROVE');
    expect(await state(instanceId)).toBe('secondNotice.secondPosting');
  });

  describe('the second notice\'s posting (§二(三)2: 在村委会和各村民小组公示7天, with a number)', () => {
    const toSecondPosting = async () => {
      const instanceId = await toTownReview();
      await driver.act(instanceId, 'APPROVE');
      expect(await state(instanceId)).toBe('secondNotice.secondPosting');
      return instanceId;
    };
    const dayAfter = (date: string, days: number) => chinaDateString(new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000));

    it('refuses places that leave out a 村民小组 of the village, naming it, and changes nothing', async () => {
      const instanceId = await toSecondPosting();
      const places = ['华城镇政府公告栏', '董源村村委会公告栏', '第一村民小组', '第二村民小组', '第四村民小组', '第五村民小组'];
      await expect(driver.act(instanceId, 'POSTED', { patch: { places } })).rejects.toMatchObject({
        fields: { '/places': [expect.stringMatching(/还缺：第三村民小组/)] },
      });
      expect((await driver.instance(instanceId)).state).toEqual({ secondNotice: 'secondPosting' });
      expect(await driver.query(`SELECT id FROM timers WHERE instance_id = $1 AND status = 'scheduled'`, [instanceId])).toEqual([]);
    });

    it('refuses a posting without a notice number', async () => {
      const instanceId = await toSecondPosting();
      await expect(driver.act(instanceId, 'POSTED', { patch: { noticeNo: undefined } })).rejects.toMatchObject({ fields: { '/noticeNo': expect.any(Array) } });
      expect((await driver.instance(instanceId)).state).toEqual({ secondNotice: 'secondPosting' });
    });

    it('counts the 7 days from the posting date the town records, and the notice shows the same end and number', async () => {
      const instanceId = await toSecondPosting();
      const postedFrom = dayAfter(chinaDateString(driver.services.clock.now()), 2);
      await driver.act(instanceId, 'POSTED', { patch: { postedFrom, postedUntil: dayAfter(postedFrom, 6) } });
      const [{ fire_at, ends_at, id }] = await driver.query(
        `SELECT t.fire_at, n.ends_at, n.id FROM timers t JOIN notices n ON n.instance_id = t.instance_id AND n.kind = 'identification-town' AND n.status = 'open'
         WHERE t.instance_id = $1 AND t.status = 'scheduled'`, [instanceId]);
      expect(fire_at).toEqual(new Date(`${dayAfter(postedFrom, 7)}T00:00:00+08:00`));
      expect(ends_at).toEqual(fire_at);
      const shown = await findNotice(driver.services.db.pool, '441424', id);
      expect(shown).toMatchObject({ noticeNo: '华城镇公示〔2016〕第2号', postedFrom, places: expect.arrayContaining(['第五村民小组']) });
      expect(await driver.elapse('P8D')).toBe(0);
      expect((await driver.instance(instanceId)).state).toEqual({ secondNotice: 'running' });
      expect(await driver.elapse('P1D')).toBe(1);
      expect(await state(instanceId)).toBe('countyApproval');
    });
  });
});
