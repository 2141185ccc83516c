import type { User } from '@shared/contract';

export type NavKey = 'inbox' | 'newApplication' | 'households' | 'notices' | 'dashboard' | 'admin';

const NAV: { key: NavKey; path: string; roles?: string[] }[] = [
  { key: 'inbox', path: '/inbox' },
  { key: 'newApplication', path: '/applications/new', roles: ['village_clerk'] },
  { key: 'households', path: '/households' },
  { key: 'notices', path: '/notices' },
  { key: 'dashboard', path: '/dashboard', roles: ['town_reviewer', 'county_reviewer', 'inspector', 'auditor', 'admin'] },
  { key: 'admin', path: '/admin', roles: ['admin'] },
];

/** The menu entries a user's roles make useful; the server still decides what each call may do. */
export function navItemsFor(user: User | null): { key: NavKey; path: string }[] {
  return NAV.filter((item) => !item.roles || item.roles.some((role) => user?.roles.includes(role)));
}
