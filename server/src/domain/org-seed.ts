/**
 * 五华县's organisation as seeded on first start (DOMAIN.md, "Organisation"). Town codes are the
 * statistical codes (441424 + 3 digits). Village codes below are assigned in list order
 * (town code + 2xx) until the county imports its official ones.
 */
export const COUNTY = { id: '441424', name: '五华县' };

export const TOWNS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '103', name: '转水镇' }, { code: '108', name: '潭下镇' }, { code: '117', name: '郭田镇' }, { code: '118', name: '双华镇' },
  { code: '125', name: '梅林镇' }, { code: '126', name: '华阳镇' }, { code: '130', name: '华城镇' }, { code: '131', name: '周江镇' },
  { code: '134', name: '水寨镇' }, { code: '135', name: '河东镇' }, { code: '136', name: '岐岭镇' }, { code: '137', name: '长布镇' },
  { code: '138', name: '横陂镇' }, { code: '139', name: '安流镇' }, { code: '140', name: '棉洋镇' }, { code: '141', name: '龙村镇' },
];

/** Villages of 华城镇 (real names), in the order DOMAIN.md lists them. */
export const HUACHENG_VILLAGES: readonly string[] = [
  '董源', '河子口', '河亨', '铁炉', '葵富', '红星', '满堂', '高华', '南方', '黄金', '黄埔', '湖田', '西林', '兴一', '兴中', '新兴', '高竹',
  '万子', '观源', '塔岗', '城东', '齐乐', '维新', '维西', '城镇', '新一', '新二', '新建', '新四', '新五', '华安', '民主', '洋田', '新亨',
].map((name) => `${name}村`);

/** One demo village for 转水镇, so its accounts have a unit; admins import the rest. */
export const ZHUANSHUI_DEMO_VILLAGE = '转水村';

export interface SeedOrgUnit {
  id: string;
  parentId: string | null;
  level: 'county' | 'town' | 'village' | 'group' | 'department';
  name: string;
  path: string;
  /**
   * `demo: true` on units whose names the seed made up (the plan names no 村民小组); `department`:
   * the stable key of a county department (workflows and measures name it, never its display name);
   * `helpUnit: true` on a 帮扶单位 whose staff are assigned as 帮扶责任人.
   */
  flags?: { demo?: true; department?: DepartmentKey; helpUnit?: true; pairedHelpUnit?: string };
}

/** Stable keys of the county departments that own measures (DOMAIN.md, "Bodies and roles"). */
export type DepartmentKey = 'housing' | 'education' | 'humanResources' | 'civilAffairs' | 'health' | 'agriculture' | 'finance';

/**
 * The county's departments, org units of level `department` under the county (codes 441424 + 9xx,
 * outside the towns' statistical codes). Each is also a 帮扶单位: its staff pair with households.
 * What each owns: 住建局 the 危房改造 approval, 教育局 school aid, 人社局 training and jobs, 民政局
 * 低保 / 五保, 卫健局 health insurance and costs, 农业农村局 industry and asset income, 财政局 funds.
 * The county poverty office (县扶贫开发局) stays the county unit itself.
 */
export const DEPARTMENTS: ReadonlyArray<{ code: string; key: DepartmentKey; name: string }> = [
  { code: '901', key: 'housing', name: '县住建局' }, { code: '902', key: 'education', name: '县教育局' },
  { code: '903', key: 'humanResources', name: '县人社局' }, { code: '904', key: 'civilAffairs', name: '县民政局' },
  { code: '905', key: 'health', name: '县卫健局' }, { code: '906', key: 'agriculture', name: '县农业农村局' },
  { code: '907', key: 'finance', name: '县财政局' },
];

/**
 * 对口帮扶 as the demo county pairs it: the 帮扶单位 whose helpers new households of the village get
 * (org unit flag `pairedHelpUnit`). 转水村 has none, so its households wait for the town to choose.
 */
export const DEMO_HELP_PAIRINGS: Readonly<Record<string, DepartmentKey>> = { 董源村: 'education', 河子口村: 'agriculture' };

/** The org unit id of a department: `departmentUnitId('housing')` is `441424901`. */
export function departmentUnitId(key: DepartmentKey): string {
  const department = DEPARTMENTS.find((d) => d.key === key);
  if (!department) throw new Error(`Unknown department "${key}"; known: ${DEPARTMENTS.map((d) => d.key).join(', ')}`);
  return `${COUNTY.id}${department.code}`;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** `第一村民小组` for 1, `第十二村民小组` for 12. */
export function groupName(n: number): string {
  return `第${NUMERALS[n - 1] ?? String(n)}村民小组`;
}

/**
 * How many 村民小组 the seed gives a village: 5 to 9, varying by the village's place in its town's
 * list. The plan does not name the groups; these are demo units (flag `demo`) until the county
 * imports its real ones (`POST /api/org-units/import`).
 */
export function demoGroupCount(villageIndex: number): number {
  return 5 + ((villageIndex * 3) % 5);
}

/** The org units to create on first start: the county, its towns, the seeded villages and each village's 村民小组 (demo names). */
export function seedOrgUnits(): SeedOrgUnit[] {
  const units: SeedOrgUnit[] = [{ id: COUNTY.id, parentId: null, level: 'county', name: COUNTY.name, path: COUNTY.id }];
  for (const department of DEPARTMENTS) {
    const id = `${COUNTY.id}${department.code}`;
    units.push({ id, parentId: COUNTY.id, level: 'department', name: department.name, path: `${COUNTY.id}/${id}`, flags: { department: department.key, helpUnit: true } });
  }
  for (const town of TOWNS) {
    const townId = `${COUNTY.id}${town.code}`;
    const townPath = `${COUNTY.id}/${townId}`;
    units.push({ id: townId, parentId: COUNTY.id, level: 'town', name: town.name, path: townPath });
    const villages = town.name === '华城镇' ? HUACHENG_VILLAGES : town.name === '转水镇' ? [ZHUANSHUI_DEMO_VILLAGE] : [];
    villages.forEach((name, i) => {
      const id = `${townId}${String(201 + i)}`;
      const villagePath = `${townPath}/${id}`;
      const paired = DEMO_HELP_PAIRINGS[name];
      units.push({ id, parentId: townId, level: 'village', name, path: villagePath, ...(paired ? { flags: { pairedHelpUnit: departmentUnitId(paired) } } : {}) });
      for (let n = 1; n <= demoGroupCount(i); n += 1) {
        const groupId = `${id}${String(n).padStart(2, '0')}`;
        units.push({ id: groupId, parentId: id, level: 'group', name: groupName(n), path: `${villagePath}/${groupId}`, flags: { demo: true } });
      }
    });
  }
  return units;
}

/** Demo accounts of DESIGN.md, by org unit name. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; roles: string[]; orgUnit: string }> = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], orgUnit: '五华县' },
  { username: 'xian', displayName: '县扶贫开发局审核员', roles: ['county_reviewer'], orgUnit: '五华县' },
  { username: 'ducha', displayName: '县督查员', roles: ['inspector'], orgUnit: '五华县' },
  { username: 'zhen-huacheng', displayName: '华城镇审核员', roles: ['town_reviewer'], orgUnit: '华城镇' },
  { username: 'cun-dongyuan', displayName: '董源村文书', roles: ['village_clerk', 'village_work_team'], orgUnit: '董源村' },
  { username: 'cun-hezikou', displayName: '河子口村文书', roles: ['village_clerk', 'village_work_team'], orgUnit: '河子口村' },
  { username: 'zhen-zhuanshui', displayName: '转水镇审核员', roles: ['town_reviewer'], orgUnit: '转水镇' },
  { username: 'cun-zhuanshui', displayName: '转水村文书', roles: ['village_clerk', 'village_work_team'], orgUnit: ZHUANSHUI_DEMO_VILLAGE },
  { username: 'bm-zhujian', displayName: '住建局经办人', roles: ['department_officer'], orgUnit: '县住建局' },
  { username: 'bm-jiaoyu', displayName: '教育局经办人', roles: ['department_officer'], orgUnit: '县教育局' },
  { username: 'bm-renshe', displayName: '人社局经办人', roles: ['department_officer'], orgUnit: '县人社局' },
  { username: 'bm-minzheng', displayName: '民政局经办人', roles: ['department_officer'], orgUnit: '县民政局' },
  { username: 'bm-weijian', displayName: '卫健局经办人', roles: ['department_officer'], orgUnit: '县卫健局' },
  { username: 'bm-nongye', displayName: '农业农村局经办人', roles: ['department_officer'], orgUnit: '县农业农村局' },
  { username: 'bm-caizheng', displayName: '财政局经办人', roles: ['department_officer'], orgUnit: '县财政局' },
  // 帮扶责任人 of two 帮扶单位; registration pairs each new household with the helper who has the fewest.
  { username: 'bangfu-li', displayName: '李志强', roles: ['helper'], orgUnit: '县教育局' },
  { username: 'bangfu-wang', displayName: '王春梅', roles: ['helper'], orgUnit: '县农业农村局' },
];
