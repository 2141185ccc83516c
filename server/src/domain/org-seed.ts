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
  level: 'county' | 'town' | 'village' | 'group';
  name: string;
  path: string;
  /** `demo: true` on units whose names the seed made up (the plan names no 村民小组). */
  flags?: { demo?: true };
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
  for (const town of TOWNS) {
    const townId = `${COUNTY.id}${town.code}`;
    const townPath = `${COUNTY.id}/${townId}`;
    units.push({ id: townId, parentId: COUNTY.id, level: 'town', name: town.name, path: townPath });
    const villages = town.name === '华城镇' ? HUACHENG_VILLAGES : town.name === '转水镇' ? [ZHUANSHUI_DEMO_VILLAGE] : [];
    villages.forEach((name, i) => {
      const id = `${townId}${String(201 + i)}`;
      const villagePath = `${townPath}/${id}`;
      units.push({ id, parentId: townId, level: 'village', name, path: villagePath });
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
];
