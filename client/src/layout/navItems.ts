import type { User } from '@shared/contract';

export type NavKey = 'inbox' | 'newApplication' | 'mine' | 'handled' | 'cases' | 'households' | 'notices' | 'dashboard' | 'villages' | 'funds' | 'admin';

/** `only`: an entry of the header's menu alone, or of the phone's tab bar alone (where room is short, 我发起的 and 已办 share one tab). */
const NAV: { key: NavKey; path: string; roles?: string[]; only?: 'menu' | 'tabs' }[] = [
  { key: 'inbox', path: '/inbox' },
  { key: 'newApplication', path: '/applications/new', roles: ['village_clerk'] },
  { key: 'mine', path: '/cases/mine', roles: ['village_clerk'], only: 'menu' },
  { key: 'handled', path: '/cases/handled', only: 'menu' },
  { key: 'cases', path: '/cases', only: 'tabs' },
  { key: 'households', path: '/households' },
  { key: 'notices', path: '/notices' },
  { key: 'dashboard', path: '/dashboard', roles: ['town_reviewer', 'county_reviewer', 'inspector', 'auditor', 'admin'] },
  // A phone reaches every section from the tab bar: its tabs share the screen's width (eight fit a 360 px screen at 44 px each).
  { key: 'villages', path: '/villages', roles: ['village_clerk', 'town_reviewer', 'county_reviewer', 'inspector', 'auditor', 'admin'] },
  { key: 'funds', path: '/funds', roles: ['town_reviewer', 'county_reviewer', 'inspector', 'auditor', 'admin', 'department_officer'] },
  { key: 'admin', path: '/admin', roles: ['admin'] },
];

/** The menu entries a user's roles make useful; the server still decides what each call may do. */
export function navItemsFor(user: User | null, where: 'menu' | 'tabs' = 'menu'): { key: NavKey; path: string }[] {
  return NAV.filter((item) => (!item.only || item.only === where) && (!item.roles || item.roles.some((role) => user?.roles.includes(role))));
}
