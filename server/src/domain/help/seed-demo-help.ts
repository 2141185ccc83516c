import type { SqlClient } from '../../store/sql-client';
import { addCardEntry } from './help-card';
import { saveHelpPlan } from './help-plans';
import { helpKindOf, reassignHelper } from './helper-assignment';
import type { PoolClient } from 'pg';
import { recordMeasure } from './measures';

type Json = Record<string, unknown>;

/** What the demo county records for each registered demo household in 2017, by its place in the list. */
function measuresFor(index: number, category: string, pupils: string[]): Json[] {
  const out: Json[] = [
    { kind: 'health', date: '2017-01-10', insurancePaid: true, insuredPersons: 6, eligibleCosts: 10000 + index * 1000, reimbursed: 7600 + index * 800 },
    { kind: 'employment', date: '2017-04-20', trainingCourse: '电工培训', trainedPersons: 1, transferredPersons: index % 3 === 2 ? 0 : 1, publicWelfareJobs: 0 },
  ];
  if (index % 2 === 0) out.push({ kind: 'industry', date: '2017-05-08', enterprise: '华城镇油茶专业合作社', linkType: '合作社带动' });
  for (const name of pupils) out.push({ kind: 'education', date: '2017-09-01', memberName: name, schoolStage: '初中', feesWaived: true, livingAllowance: 1250 });
  if (index === 1) out.push({ kind: 'microCredit', date: '2017-03-01', loanAmount: 30000, loanYears: 3, interestSubsidised: true, lender: '五华县农村信用合作联社' });
  if (index === 2) out.push({ kind: 'assetIncome', date: '2017-12-20', shares: 10, dividend: 800 });
  if (category === '低保户') out.push({ kind: 'socialAssistance', date: '2017-02-15', referral: '低保', referralApproved: true });
  return out;
}

/**
 * The demo county's help after registration, for a new user to find after `npm start`: each
 * registered demo household paired with the helper `helperUsername`, a 2017 一户一策 plan by that
 * helper, measures of 2017 filed on its 帮扶记录卡, and a visit the household and the village signed.
 * One transaction. `config` is the county configuration in force in 2017.
 */
export async function seedDemoHelp(db: { transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> }, input: {
  tenantId: string; ids: () => string; now: Date; helperUsername: string; households: ReadonlyArray<{ id: string; headIdNumber: string; category: string; data: Json }>; config: Record<string, unknown>;
}): Promise<void> {
  await db.transaction(async (client) => {
    const q = client as SqlClient;
    const { rows: [helper] } = await q.query<{ id: string; display_name: string; unit: string; org_unit_id: string }>(
      'SELECT u.id, u.display_name, o.name AS unit, u.org_unit_id FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.tenant_id = $1 AND u.username = $2', [input.tenantId, input.helperUsername]);
    if (!helper) throw new Error(`demo helper ${input.helperUsername} is missing`);
    for (const [index, h] of input.households.entries()) {
      await reassignHelper(client, {
        tenantId: input.tenantId, householdId: h.id, helperUserId: helper.id, reason: '对口帮扶结对（演示数据）', by: 'system', now: input.now, id: input.ids(),
        helpKind: helpKindOf(input.config, h.category), locale: 'zh-CN',
      });
      const members = (Array.isArray(h.data.members) ? h.data.members : []) as Json[];
      const pupils = members.filter((m) => m.inSchool === true).map((m) => String(m.name)).slice(0, index % 2 === 0 ? 2 : 1);
      await saveHelpPlan(q, {
        id: input.ids(), tenantId: input.tenantId, householdId: h.id, year: 2017, authorUserId: helper.id, authorName: helper.display_name, now: input.now,
        data: {
          year: 2017, causeAnalysis: '家中老人多病，缺技术，主要劳动力仅户主一人', goal: '户主转移就业，子女就学有补助，年底人均可支配收入达到7365元以上',
          targetPerCapitaIncome: 7500, industryWilling: index !== 3,
          measures: [{ measureType: '就业/培训', content: '户主参加电工培训并推荐到县工业园务工', responsibleUnit: '县人社局', due: '2017-06-30' }],
        },
      });
      for (const data of measuresFor(index, h.category, pupils)) {
        await recordMeasure(q, {
          ids: input.ids, tenantId: input.tenantId, household: { id: h.id, headIdNumber: h.headIdNumber }, data, config: input.config, now: input.now, locale: 'zh-CN',
          actor: { userId: helper.id, name: helper.display_name, orgUnitId: helper.org_unit_id, unitName: helper.unit },
        });
      }
      await addCardEntry(q, {
        id: input.ids(), tenantId: input.tenantId, householdId: h.id, headIdNumber: h.headIdNumber, helperName: helper.display_name, helperUnit: helper.unit, enteredBy: helper.id, now: input.now,
        entry: { entryKind: '走访', date: '2017-03-12', measureType: '就业/培训', content: '入户走访，核对家庭收入，宣讲就业培训政策', result: '户主报名电工培训', confirmedByHousehold: true, confirmedByVillageHead: true, confirmedByTeamLeader: true },
      });
    }
  });
}
