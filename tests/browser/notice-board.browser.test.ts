import { randomUUID } from 'node:crypto';
import { idNumber } from './household-application';
import { describeInBrowser } from './support';

const DONGYUAN = '441424130201';
const HEZIKOU = '441424130202';

describeInBrowser('the public notice board in the browser', 'notice-board', (suite) => {
  beforeAll(async () => {
    // A campaign's worth of open notices: 110 households of 董源村 and 5 of 河子口村.
    const { services } = suite.app;
    const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: await services.actor('cun-dongyuan') });
    const now = services.clock.now().getTime();
    for (let i = 0; i < 115; i++) {
      const village = i < 110 ? DONGYUAN : HEZIKOU;
      await services.db.pool.query(
        `INSERT INTO notices (id, tenant_id, instance_id, kind, state, org_unit_id, org_path, title, content, status, starts_at, ends_at)
         VALUES ($1, '441424', $2, 'identification', 'publicNotice', $3, $4, '贫困户识别公示', $5, 'open', $6, $7)`,
        [randomUUID(), started.instanceId, village, `441424/441424130/${village}`,
          { headName: `黄${String(i).padStart(3, '0')}`, headIdNumber: idNumber(`441424197001${String(10 + (i % 18)).padStart(2, '0')}${String(100 + i).padStart(3, '0')}`), size: 3 },
          new Date(now - i * 60_000), new Date(now + 7 * 86_400_000)]);
    }
  });

  it('When a campaign posts more notices than one page, then the board offers the rest and filters by village on the server', async () => {
    const citizen = await suite.openPage('/notices');
    await citizen.getByText('共 115 条').waitFor();
    const cards = citizen.getByTestId('notice-card');
    await cards.nth(99).waitFor();
    expect(await cards.count()).toBe(100);
    await suite.screenshot(citizen, 'first-page');

    await citizen.getByRole('button', { name: '加载更多' }).click();
    await cards.nth(114).waitFor();
    expect(await cards.count()).toBe(115);
    await expectNoMoreButton();
    await suite.screenshot(citizen, 'all-notices');

    // 河子口村's five notices are the oldest: they were not on the first page, yet the village filter finds them.
    await citizen.getByRole('combobox', { name: '按乡镇查看' }).selectOption('华城镇');
    await citizen.getByRole('combobox', { name: '按村查看' }).selectOption('河子口村');
    await citizen.getByText('共 5 条').waitFor();
    await citizen.waitForURL(/village=/);
    expect(await cards.count()).toBe(5);
    expect(await cards.allTextContents()).toEqual(Array.from({ length: 5 }, () => expect.stringContaining('河子口村')));
    await suite.screenshot(citizen, 'one-village');

    async function expectNoMoreButton() {
      expect(await citizen.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    }
  });
});
