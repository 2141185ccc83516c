import { useCallback } from 'react';
import { useT } from '../../i18n';
import { roleText } from '../../i18n/admin';
import { ROLES } from '../model';

type Role = (typeof ROLES)[number];
const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** Role names in the user's language (DOMAIN.md, "Bodies and roles"), with the options of a role select. */
export function useRoles(): { roleLabel: (role: string) => string; roleOptions: { value: string; label: string }[] } {
  const t = useT(roleText);
  const roleLabel = useCallback((role: string) => (isRole(role) ? t(role) : role), [t]);
  return { roleLabel, roleOptions: ROLES.map((role) => ({ value: role, label: `${t(role)} (${role})` })) };
}
