import { postDueInterestSubsidies, recordFundReceipt } from './domain/funds';
import { villageGroupNames } from './domain/notices/notice-posting.writer';
import { recordVillageIndicators } from './domain/villages';
import type { VillageIndicators } from './domain/villages';
import { createDemoWorker, demoActor } from './demo-worker';
import { chinaDateString, createManualClock } from './kernel';
import type { Services } from './services';

type Json = Record<string, unknown>;
type Figures = Omit<VillageIndicators, 'year'>;

/**
 * Villages of 华城镇 with the indicators their registers recorded, by year. The 2016 figures designate
 * 董源村, 河子口村, 河亨村 and 铁炉村 as 相对贫困村 by the plan's rule (per-capita income below 8,000 元
 * and poor people at least 5 % of the registered population); 葵富村 is above the income line and
 * 红星村 below the share, so neither is. 河子口村 meets the 9,820 元 line with every facility in 2017
 * and leaves by the process; 董源村 meets it in 2018, ready to propose its exit.
 */
export const DEMO_VILLAGE_INDICATORS: Readonly<Record<string, Readonly<Record<number, Figures>>>> = {
  董源村: {
    2016: { registeredPopulation: 2860, poorPopulation: 180, perCapitaIncome: 6500, collectiveIncome: 20000, road: true, water: true, power: true, clinic: false, broadband: false },
    2017: { registeredPopulation: 2871, poorPopulation: 118, perCapitaIncome: 8900, collectiveIncome: 64000, road: true, water: true, power: true, clinic: true, broadband: false },
    2018: { registeredPopulation: 2880, poorPopulation: 36, perCapitaIncome: 10350, collectiveIncome: 126000, road: true, water: true, power: true, clinic: true, broadband: true },
  },
  河子口村: {
    2016: { registeredPopulation: 2410, poorPopulation: 150, perCapitaIncome: 6800, collectiveIncome: 30000, road: true, water: false, power: true, clinic: true, broadband: false },
    2017: { registeredPopulation: 2418, poorPopulation: 42, perCapitaIncome: 10120, collectiveIncome: 105000, road: true, water: true, power: true, clinic: true, broadband: true },
  },
  河亨村: {
    2016: { registeredPopulation: 2150, poorPopulation: 131, perCapitaIncome: 7100, collectiveIncome: 15000, road: false, water: true, power: true, clinic: false, broadband: false },
    2017: { registeredPopulation: 2156, poorPopulation: 88, perCapitaIncome: 9200, collectiveIncome: 52000, road: true, water: true, power: true, clinic: true, broadband: false },
  },
  铁炉村: {
    2016: { registeredPopulation: 1830, poorPopulation: 112, perCapitaIncome: 6900, collectiveIncome: 12000, road: false, water: false, power: true, clinic: false, broadband: false },
    2017: { registeredPopulation: 1836, poorPopulation: 80, perCapitaIncome: 8700, collectiveIncome: 41000, road: true, water: true, power: true, clinic: false, broadband: false },
  },
  葵富村: {
    2016: { registeredPopulation: 2560, poorPopulation: 62, perCapitaIncome: 8600, collectiveIncome: 88000, road: true, water: true, power: true, clinic: true, broadband: true },
  },
  红星村: {
    2016: { registeredPopulation: 1990, poorPopulation: 71, perCapitaIncome: 7650, collectiveIncome: 36000, road: true, water: true, power: true, clinic: true, broadband: false },
  },
};


/** Who works each step of 河子口村's exit. */
const USER_FOR_ROLE: Record<string, string> = { village_clerk: 'cun-hezikou', town_reviewer: 'zhen-huacheng', county_reviewer: 'xian' };

/**
 * The demo county's villages: the yearly indicators of {@link DEMO_VILLAGE_INDICATORS} recorded by the
 * county (which designates by the rule), 河子口村's exit of 2017 lived through `village-exit` on a clock
 * of November 2017 (proposal, town, county, the 7-day notice at the 村委会 and every 村民小组), and the
 * micro-credit interest subsidies due by now posted to the ledger, and 董源村's photovoltaic project approved in 2017 with its
 * sources received, then tendered, built, accepted, paid and closed. Answers how many cases it worked (2).
 */
export async function seedDemoVillages(services: Services): Promise<number> {
  const tenantId = services.config.tenantId;
  const county = await demoActor(services, 'xian');
  const { rows: villages } = await services.db.pool.query<{ id: string; name: string }>(
    `SELECT id, name FROM org_units WHERE tenant_id = $1 AND level = 'village' AND name = ANY($2::text[])`, [tenantId, Object.keys(DEMO_VILLAGE_INDICATORS)]);
  const idOf = new Map(villages.map((v) => [v.name, v.id]));
  for (const [name, years] of Object.entries(DEMO_VILLAGE_INDICATORS)) {
    const villageId = idOf.get(name);
    if (!villageId) throw new Error(`demo village ${name} is missing`);
    for (const [year, figures] of Object.entries(years)) {
      await services.db.transaction((client) => recordVillageIndicators(client, {
        tenantId, actor: county, villageId, indicators: { year: Number(year), ...figures }, config: services.configForYear(Number(year)), now: new Date(`${year}-12-20T02:00:00Z`),
      }));
    }
  }

  const clock = createManualClock(new Date('2017-11-20T01:00:00Z'));
  const { work } = createDemoWorker(services, clock);
  const clerk = await demoActor(services, 'cun-hezikou');
  const groups = await villageGroupNames(services.db.pool, tenantId, clerk.orgUnitId);
  const today = () => chinaDateString(clock.now());
  await work('village-exit', [
    ['SUBMIT', () => ({ year: 2017, summary: '村集体入股华城镇油茶专业合作社，集体收入10.5万元；安全饮水和宽带网络2017年完成，人均可支配收入10120元。', proposedBy: '古振华', proposedOn: today() })],
    ['APPROVE', () => ({ opinion: '经镇扶贫办核查，河子口村2017年各项指标达到出列标准，同意上报。', reviewer: '华城镇审核员', reviewDate: today() })],
    ['APPROVE', () => ({ opinion: '经县扶贫开发局审定，河子口村达到贫困村出列标准，同意出列。', reviewer: '县扶贫开发局审核员', reviewDate: today(), decisionNumber: '五扶办〔2017〕91号' })],
    ['POSTED', () => ({ noticeNo: '河子口村公示〔2017〕第3号', noticeTitle: '河子口村2017年贫困村出列公示', places: ['村委会公告栏', ...groups], postedFrom: today(), postedUntil: chinaDateString(clock.now().getTime() + 6 * 86_400_000), postedBy: '古振华' })],
    { wait: 'P8D' },
  ], { starter: 'cun-hezikou', users: USER_FOR_ROLE });

  // 董源村's photovoltaic project of 2017, approved by the county (its sources set aside in the ledger), with the provincial and
  // helping unit's money it draws on received that year, so the fund report's project section and sources add up.
  clock.set(new Date('2017-03-01T01:00:00Z'));
  await services.db.transaction(async (client) => {
    for (const [source, amount, documentNumber] of [['省级财政专项扶贫资金', 1000000, '粤财农〔2017〕35号'], ['帮扶单位资金', 400000, '县教育局帮扶资金拨付〔2017〕2号']] as const) {
      await recordFundReceipt(client, tenantId, { year: 2017, source, amount, documentNumber }, () => services.ids.uuid(), clock.now());
    }
  });
  // Then built the way the plan has it, through to the 三公开 results notice, as a project of 2017 is by now: tendered,
  // contracted, accepted, paid 40 / 55 / 5 % of its contract, and closed (each step a week, each notice its period).
  // No task of 2017 stays open in the demo's inboxes.
  const contract = 1538000;
  const payment = (stage: number, stageName: string, percent: number): Json => ({
    stage, stageName, percent, amount: (contract * percent) / 100, contractAmount: contract, retentionPercent: 5,
  });
  await work('project-tendering', [
    ['SUBMIT'], ['APPROVE'], ['APPROVE'], ['POSTED'], { wait: 'P10D' },
    ['DECIDE'], ['PUBLISHED'], ['RECOMMEND'], ['POSTED'], { wait: 'P3D' },
    ['SIGN'], ['COMPLETE', { progressPercent: 100 }], ['PASS'], ['ACCEPT'],
    ['PAY', payment(1, '进度款', 40)], ['PAY', payment(2, '完工款', 55)], ['PAY', payment(3, '质保金', 5)], ['POSTED'], { wait: 'P7D' },
  ], { stepTakes: 'P7D' });

  await services.db.transaction((client) => postDueInterestSubsidies(client, {
    tenantId, now: services.clock.now(), configForYear: services.configForYear, uuid: () => services.ids.uuid(),
  }));
  return 2;
}
