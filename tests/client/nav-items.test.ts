import type { User } from '@shared/contract';
import { ROLES } from '../../server/src/engine';
import { navItemsFor } from '../../client/src/layout/navItems';

const userWith = (roles: string[]): User => ({ id: 'u1', username: 'u', displayName: '用户', roles, orgUnitId: 'dongyuan', orgUnitName: '董源村' });

/** The menu entries the phone's 我的办件 tab stands for: its page links to both. */
const UNDER_CASES = new Set(['/cases/mine', '/cases/handled']);

describe('the sections a phone reaches from its tab bar', () => {
  it.each(ROLES.map((role) => [role]))('When a %s opens the app on a phone, then every section of their menu is a tab (or under 我的办件)', (role) => {
    const user = userWith([role]);
    const tabs = new Set(navItemsFor(user, 'tabs').map((item) => item.path));
    const menu = navItemsFor(user, 'menu').map((item) => item.path);
    expect(menu.length).toBeGreaterThan(0);
    const unreachable = menu.filter((path) => !tabs.has(path) && !(UNDER_CASES.has(path) && tabs.has('/cases')));
    expect(unreachable).toEqual([]);
  });

  it('When a village clerk opens the app on a phone, then 贫困村 is a tab: the village\'s register and its exit proposal are reached from there', () => {
    expect(navItemsFor(userWith(['village_clerk']), 'tabs').map((item) => item.key)).toContain('villages');
    expect(navItemsFor(userWith(['town_reviewer']), 'tabs').map((item) => item.key)).toEqual(expect.arrayContaining(['villages', 'funds']));
  });
});
