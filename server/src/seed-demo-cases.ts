import { join } from 'node:path';
import { withUploadedEvidence } from './demo-evidence';
import { createDemoWorker, demoActor } from './demo-worker';
import type { DemoStep } from './demo-worker';
import { resolveConfigForYear } from './domain/county-config';
import { seedDemoHelp } from './domain/help/seed-demo-help';
import { registerImportedHouseholds } from './domain/households/household-import.writer';
import { villageGroupNames } from './domain/notices/notice-posting.writer';
import { idCardCheckCharacter } from './forms/id-card';
import { loadFormsFromDir } from './forms/load-forms';
import { chinaDateString, createManualClock } from './kernel';
import type { Services } from './services';
import { seedDemoVillages } from './seed-demo-villages';
import { findOrgUnit } from './store/org-units.repository';

type Json = Record<string, unknown>;

/** Cases of 董源村 and 河子口村 stopped at the steps a new user should find work at, and what verification refused. */
const CASES: ReadonlyArray<{ head: string; clerk: string; outcomes: ReadonlyArray<[string, Json?]> }> = [
  { head: '钟伟明', clerk: 'cun-dongyuan', outcomes: [['SUBMIT']] },
  { head: '张运强', clerk: 'cun-dongyuan', outcomes: [['SUBMIT'], ['VERIFY']] },
  { head: '黄桂生', clerk: 'cun-dongyuan', outcomes: [['SUBMIT'], ['VERIFY'], ['PASS']] },
  { head: '温国华', clerk: 'cun-dongyuan', outcomes: [['SUBMIT'], ['VERIFY'], ['PASS'], ['POSTED']] },
  { head: '古冠文', clerk: 'cun-hezikou', outcomes: [['SUBMIT'], ['VERIFY'], ['PASS'], ['POSTED']] },
  // Refused at verification: above the income year's line, and excluded by a rule (a car on record).
  { head: '陈石养', clerk: 'cun-dongyuan', outcomes: [['SUBMIT'], ['VERIFY', { verifiedPerCapitaIncome: 4860 }]] },
  { head: '魏金泉', clerk: 'cun-hezikou', outcomes: [['SUBMIT'], ['VERIFY', { vehicle: '县交警大队比对：户主名下小型轿车一辆' }]] },
];

/** Households registered in the 2016 round, as an import of the registry would bring them: in aid, out of poverty, fallen back. */
const REGISTERED: ReadonlyArray<{ head: string; status: string; category: string }> = [
  { head: '刘德胜', status: '未脱贫', category: '一般贫困户' },
  { head: '李观松', status: '未脱贫', category: '扶贫低保户' },
  { head: '古秀英', status: '已脱贫', category: '一般贫困户' },
  { head: '钟火生', status: '预脱贫', category: '一般贫困户' },
  { head: '魏亚妹', status: '返贫', category: '低保户' },
];

/** A copy of the example household under another head: its surname, fresh ID numbers (sequences from 9nn down, by case), the same people otherwise. */
function householdOf(example: Json, head: string, index: number): Json {
  const text = JSON.stringify(example);
  const original = example as { head: { name: string; idNumber: string }; members: Array<{ name: string; idNumber: string; sex: string }> };
  const surname = original.head.name[0];
  let out = text;
  const seen: Record<string, number> = {};
  for (const member of original.members) {
    const parity = Number(member.idNumber[16]) % 2;
    const rank = (seen[member.sex] = (seen[member.sex] ?? -1) + 1);
    const first17 = `${member.idNumber.slice(0, 14)}${9 - Math.floor(index / 10)}${index % 10}${rank * 2 + parity}`;
    out = out.split(member.idNumber).join(first17 + idCardCheckCharacter(first17));
    if (member.name.startsWith(surname)) out = out.split(member.name).join(member.name === original.head.name ? head : `${head[0]}${member.name.slice(1)}`);
  }
  return JSON.parse(out) as Json;
}

/**
 * A living county for a new development database: household applications stopped at verification,
 * the appraisal, the posting and the 7-day notice, two refused at verification (above the line, and
 * by an exclusion rule), and registered households in aid, out of poverty and fallen back. Every
 * case goes through the runtime as a user would; the registered households come in as an import.
 * Runs once, on the first start of an empty development database. Answers how many cases it made.
 */
export async function seedDemoCases(services: Services): Promise<number> {
  const forms = loadFormsFromDir(join(services.config.rootDir, 'schemas'));
  const examples = new Map(forms.map((f) => [f.key, (f.schema.examples as Json[] | undefined)?.[0] ?? {}]));
  const schemas = new Map(forms.map((f) => [f.key, f.schema]));
  const uploads = { db: services.db, tenantId: services.config.tenantId, ids: services.ids, clock: services.clock, blobs: services.blobs };
  const example = (key: string): Json => structuredClone(examples.get(`household-identification.${key}`) ?? {});
  const formOf: Record<string, string> = { SUBMIT: 'application', VERIFY: 'verification', PASS: 'villagerAppraisal', POSTED: 'publicNotice' };
  const { runtime } = services;
  for (const [index, demo] of CASES.entries()) {
    const clerk = await demoActor(services, demo.clerk);
    const application = example('application');
    application.household = householdOf(application.household as Json, demo.head, index);
    // The household lives in the clerk's own village (the server holds the address to the case's unit).
    const village = await findOrgUnit(services.db.pool, services.config.tenantId, clerk.orgUnitId);
    const town = village?.parentId ? await findOrgUnit(services.db.pool, services.config.tenantId, village.parentId) : null;
    const household = application.household as { address: Json };
    if (village && town) household.address = { ...household.address, town: town.name, village: village.name };
    const started = await runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
    let taskId = started.openedTasks[0]?.id;
    for (const [outcome, change] of demo.outcomes) {
      let data = outcome === 'SUBMIT' ? application : example(formOf[outcome]);
      if (outcome === 'VERIFY' && change?.verifiedPerCapitaIncome !== undefined) data = { ...data, verifiedPerCapitaIncome: change.verifiedPerCapitaIncome };
      if (outcome === 'VERIFY' && typeof change?.vehicle === 'string') {
        data = { ...data, exclusionChecks: (data.exclusionChecks as Json[]).map((c) => (c.rule === 'vehicle' ? { ...c, found: true, evidence: change.vehicle } : c)) };
      }
      if (outcome === 'POSTED') {
        // Posted at the village committee and in each of the village's 村民小组 (§二(三)2), as the org tree lists them.
        const groups = await villageGroupNames(services.db.pool, services.config.tenantId, clerk.orgUnitId);
        data = { ...data, places: ['村委会公告栏', ...groups] };
      }
      if (!taskId) break;
      // The evidence the form asks for (visit photos, posting photos): small generated images the clerk uploads for the case.
      data = await withUploadedEvidence(uploads, { schema: schemas.get(`household-identification.${formOf[outcome]}`), data, actor: clerk, instanceId: started.instanceId });
      const step = await runtime.completeTask({ taskId, outcome, data, actor: clerk, comment: '演示数据' });
      taskId = step.openedTasks[0]?.id;
    }
  }
  const village = await demoActor(services, 'cun-dongyuan');
  const registered = REGISTERED.map((h, i) => {
    const household = householdOf(example('application').household as Json, h.head, CASES.length + i);
    const head = household.head as { idNumber: string };
    return {
      id: services.ids.uuid(), tenantId: services.config.tenantId, orgUnitId: village.orgUnitId, orgPath: village.orgPath,
      headName: h.head, headIdNumber: head.idNumber, category: h.category, status: h.status, data: { ...household, category: h.category }, at: new Date('2016-12-20T02:00:00Z'),
    };
  });
  await registerImportedHouseholds(services.db, services.config.tenantId, registered, (known) => {
    if (known.size) throw new Error(`demo households already registered: ${[...known].join(', ')}`);
  });
  // 董源村 is paired with 县教育局 (org-seed.ts): its helper 李志强 helps the households still in the programme.
  await seedDemoHelp(services.db, {
    tenantId: services.config.tenantId, ids: () => services.ids.uuid(), now: services.clock.now(), helperUsername: 'bangfu-li', config: resolveConfigForYear(services.county, 2017),
    households: registered.filter((h) => h.status !== '已脱贫').map((h) => ({ id: h.id, headIdNumber: h.headIdNumber, category: h.category, data: h.data })),
  });
  const lived = await seedHouseholdLives(services, { example, firstIndex: CASES.length + REGISTERED.length });
  const reviewing = await seedCasesAwaitingReview(services, { example, firstIndex: CASES.length + REGISTERED.length + lived });
  // Villages with their yearly indicators, designated by the rule; one left by the process, one ready to.
  const villages = await seedDemoVillages(services);
  return CASES.length + registered.length + lived + reviewing + villages;
}

/**
 * Households of 董源村 that lived through the processes from the 2016 round on, each step through
 * the runtime with its form's example data and uploaded evidence, on a clock that starts in the
 * autumn of 2016 and moves as the notices run out: 钟秀兰 registered (未脱贫), 刘水生 registered and out
 * of poverty in 2017 (已脱贫), 曾志坚 registered, out in 2017 and fallen back in 2018 (返贫, its last
 * helper resuming). Answers how many cases it worked.
 */
async function seedHouseholdLives(services: Services, options: { example: (key: string) => Json; firstIndex: number }): Promise<number> {
  const clock = createManualClock(new Date('2016-10-31T01:00:00Z'));
  const { work, worked } = createDemoWorker(services, clock);
  const identify = async (head: string, index: number) => {
    const application = options.example('application');
    application.household = householdOf(application.household as Json, head, index);
    const instanceId = await work('household-identification', [
      ['SUBMIT', application], ['VERIFY'], ['PASS'], ['POSTED', { postedFrom: '2016-11-04', postedUntil: '2016-11-10' }], { wait: 'P9D' },
      ['FORWARD'], ['APPROVE'], ['APPROVE'],
    ]);
    const [row] = (await services.db.pool.query<{ id: string }>('SELECT id FROM households WHERE source_instance_id = $1', [instanceId])).rows;
    if (!row) throw new Error(`demo household ${head} was not registered`);
    const household = application.household as { head: Json; address: Json; category: string };
    return { householdId: row.id, head: { name: head, idNumber: (household.head as { idNumber: string }).idNumber }, address: household.address, category: household.category };
  };
  const exit = async (household: Json) => {
    await work('household-exit', [['SUBMIT', { household }], ['PASS'], ['CONFIRM'], ['POSTED', { postedFrom: '2017-11-09', postedUntil: '2017-11-15' }], { wait: 'P9D' }, ['APPROVE'], ['APPROVE']]);
  };

  await identify('钟秀兰', options.firstIndex);
  const out = await identify('刘水生', options.firstIndex + 1);
  const relapsing = await identify('曾志坚', options.firstIndex + 2);
  clock.set(new Date('2017-11-06T01:00:00Z'));
  await exit(out);
  await exit(relapsing);
  clock.set(new Date('2018-10-08T01:00:00Z'));
  await work('household-relapse', [
    ['SUBMIT', { household: { ...relapsing, mainCause: '因病' } }], ['VERIFY'], ['PASS'], ['POSTED', { postedFrom: '2018-10-12', postedUntil: '2018-10-18' }], { wait: 'P9D' },
    ['APPROVE'], ['APPROVE'],
  ]);
  return worked();
}

/**
 * Applications of 董源村 from this fortnight whose 7-day notice has run out, so the reviewers find
 * work too: 钟国平 and 黄秀珍 wait for the town's review (a roster the town can approve in one go),
 * 张志明 for the county's approval. Answers how many cases it worked.
 */
async function seedCasesAwaitingReview(services: Services, options: { example: (key: string) => Json; firstIndex: number }): Promise<number> {
  const start = new Date(services.clock.now().getTime() - 16 * 86_400_000);
  const clock = createManualClock(start);
  const { work, worked } = createDemoWorker(services, clock, { tellWorkers: true });
  const apply = async (head: string, index: number, after: readonly DemoStep[]) => {
    // Each on the same fortnight: a notice of one case must not run out another's (the clock never reaches today).
    clock.set(start);
    const application = options.example('application');
    application.household = householdOf(application.household as Json, head, index);
    const household = application.household as { address: Json };
    household.address = { ...household.address, town: '华城镇', village: '董源村' };
    // Posted the day it is (three steps after the start, a day each) for the 7 days of the plan.
    const day = (n: number) => chinaDateString(clock.now().getTime() + n * 86_400_000);
    const posted = { postedFrom: day(3), postedUntil: day(9) };
    await work('household-identification', [['SUBMIT', application], ['VERIFY'], ['PASS'], ['POSTED', posted], { wait: 'P9D' }, ['FORWARD'], ...after]);
  };
  await apply('钟国平', options.firstIndex, []);
  await apply('黄秀珍', options.firstIndex + 1, []);
  await apply('张志明', options.firstIndex + 2, [['APPROVE']]);
  return worked();
}
