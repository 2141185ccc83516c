import { describeInBrowser } from './support';

const BANNER = /网络已断开/;

describeInBrowser('a weak or lost connection in the browser', 'offline', (suite) => {
  it('When the connection drops, then every page says so, and the banner goes when it is back', async () => {
    const clerk = await suite.signIn('cun-dongyuan');
    expect(await clerk.getByText(BANNER).count()).toBe(0);
    await clerk.context().setOffline(true);
    await clerk.getByRole('status').filter({ hasText: BANNER }).waitFor();
    await suite.screenshot(clerk, 'inbox-offline');
    await clerk.context().setOffline(false);
    await clerk.getByText(BANNER).waitFor({ state: 'hidden' });

    const citizen = await suite.openPage('/notices');
    await citizen.getByRole('heading', { name: '公示公告栏' }).waitFor();
    await citizen.context().setOffline(true);
    await citizen.getByRole('status').filter({ hasText: BANNER }).waitFor();
    await suite.screenshot(citizen, 'notices-offline');
  });
});
