import { ROLES } from '../model';

/** Role identifiers shown in the user's language (DOMAIN.md, "Bodies and roles"). */
export const ROLE_LABELS: Record<(typeof ROLES)[number], { zh: string; en: string }> = {
  village_clerk: { zh: '村两委文书', en: 'Village clerk' },
  village_work_team: { zh: '驻村扶贫工作组', en: 'Village work team' },
  town_reviewer: { zh: '乡镇审核员', en: 'Town reviewer' },
  county_reviewer: { zh: '县扶贫开发局审核员', en: 'County reviewer' },
  inspector: { zh: '督查员', en: 'Inspector' },
  auditor: { zh: '审计员', en: 'Auditor' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export function roleOptions(locale: string): { value: string; label: string }[] {
  return ROLES.map((role) => ({ value: role, label: `${locale === 'en' ? ROLE_LABELS[role].en : ROLE_LABELS[role].zh} (${role})` }));
}

export function roleLabel(role: string, locale: string): string {
  const label = ROLE_LABELS[role as (typeof ROLES)[number]];
  return label ? (locale === 'en' ? label.en : label.zh) : role;
}
