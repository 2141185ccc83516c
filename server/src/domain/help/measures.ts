import { ValidationError } from '../../kernel';
import type { SqlClient } from '../../store/sql-client';
import { addCardEntry } from './help-card';

/** The measure kinds of the form `help.measure`, with the 帮扶记录卡 measure type each is filed under. */
export const MEASURE_KINDS: Readonly<Record<string, { zh: string; cardType: string }>> = {
  education: { zh: '教育', cardType: '教育' },
  health: { zh: '医疗', cardType: '医疗' },
  employment: { zh: '就业培训', cardType: '就业/培训' },
  industry: { zh: '产业', cardType: '产业' },
  socialAssistance: { zh: '低保五保兜底', cardType: '社保兜底' },
  microCredit: { zh: '小额信贷', cardType: '小额信贷' },
  assetIncome: { zh: '资产收益', cardType: '资产收益' },
};

/** A measure as the household page shows it. */
export interface MeasureRecord {
  id: string;
  kind: string;
  year: number;
  date: string;
  memberName: string | null;
  data: Record<string, unknown>;
  enteredByName: string;
  unitName: string | null;
}

/**
 * What the plan's figures refuse in a measure record (the form checks shapes, the year's
 * configuration the figures): a loan above `microCreditMax` or longer than `microCreditYears`.
 */
export function checkMeasureAgainstPlan(data: Record<string, unknown>, config: Record<string, unknown>, en: boolean): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if (data.kind === 'microCredit') {
    const max = Number(config.microCreditMax);
    const years = Number(config.microCreditYears);
    if (Number.isFinite(max) && Number(data.loanAmount) > max) fields['/loanAmount'] = [en ? `at most ${max} yuan (the plan's micro-credit limit)` : `扶贫小额信贷每户不超过 ${max} 元`];
    if (Number.isFinite(years) && Number(data.loanYears) > years) fields['/loanYears'] = [en ? `at most ${years} years` : `贷款期限不超过 ${years} 年`];
  }
  return fields;
}

/** The card line a measure files: what was done, in words. */
export function describeMeasure(d: Record<string, unknown>): { content: string; value: number | null } {
  const who = d.memberName ? `${String(d.memberName)}：` : '';
  switch (d.kind) {
    case 'education': return { content: `${who}${String(d.schoolStage)}${d.feesWaived ? '免除学杂费' : ''}，生活补助${Number(d.livingAllowance)}元`, value: Number(d.livingAllowance) };
    case 'health': {
      const share = Number(d.eligibleCosts) > 0 ? Math.round((Number(d.reimbursed) / Number(d.eligibleCosts)) * 100) : null;
      return { content: `${d.insurancePaid ? `代缴城乡居民医保${Number(d.insuredPersons)}人` : '医保未代缴'}${share !== null ? `，政策范围内医疗费用报销${share}%` : ''}`, value: d.reimbursed === undefined ? null : Number(d.reimbursed) };
    }
    case 'employment': return { content: `${who}${d.trainingCourse ? `参加${String(d.trainingCourse)}，` : ''}培训${Number(d.trainedPersons)}人、转移就业${Number(d.transferredPersons)}人${Number(d.publicWelfareJobs) > 0 ? `、公益性岗位${Number(d.publicWelfareJobs)}人` : ''}`, value: null };
    case 'industry': return { content: `与${String(d.enterprise)}建立利益联结（${String(d.linkType)}）`, value: null };
    case 'socialAssistance': return { content: `转介纳入${String(d.referral)}${d.referralApproved ? '，已批准' : '，待审批'}`, value: null };
    case 'microCredit': return { content: `${String(d.lender)}扶贫小额信贷${Number(d.loanAmount)}元，期限${Number(d.loanYears)}年${d.interestSubsidised ? '，财政贴息' : ''}`, value: Number(d.loanAmount) };
    case 'assetIncome': return { content: `资产收益扶贫持股${Number(d.shares)}份，分红${Number(d.dividend)}元`, value: Number(d.dividend) };
    default: return { content: String(d.kind), value: null };
  }
}

/**
 * Records one measure (form `help.measure`, already validated) and files it on the household's
 * 帮扶记录卡, in the caller's transaction: the measure and its card line land together or not at all.
 */
export async function recordMeasure(client: SqlClient, input: {
  ids: () => string; tenantId: string; household: { id: string; headIdNumber: string }; data: Record<string, unknown>; config: Record<string, unknown>;
  actor: { userId: string | null; name: string; orgUnitId: string; unitName: string }; now: Date; locale: 'zh-CN' | 'en';
}): Promise<string> {
  const fields = checkMeasureAgainstPlan(input.data, input.config, input.locale === 'en');
  if (Object.keys(fields).length) throw new ValidationError(input.locale === 'en' ? 'The measure exceeds the plan\'s limits' : '帮扶措施超出方案规定', fields);
  const d = input.data;
  const id = input.ids();
  const date = String(d.date);
  await client.query(
    `INSERT INTO measures (id, tenant_id, household_id, kind, year, date, member_name, data, org_unit_id, entered_by, entered_by_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [id, input.tenantId, input.household.id, d.kind, Number(date.slice(0, 4)), date, d.memberName ?? null, JSON.stringify(d), input.actor.orgUnitId, input.actor.userId, input.actor.name, input.now]);
  const { content, value } = describeMeasure(d);
  await addCardEntry(client, {
    id: input.ids(), tenantId: input.tenantId, householdId: input.household.id, headIdNumber: input.household.headIdNumber, helperName: input.actor.name,
    helperUnit: input.actor.unitName, enteredBy: input.actor.userId, now: input.now,
    entry: { entryKind: '帮扶措施', date, measureType: MEASURE_KINDS[String(d.kind)]?.cardType ?? String(d.kind), content, value: value ?? undefined },
  });
  return id;
}

/** A household's measures, newest first. */
export async function listMeasures(db: SqlClient, tenantId: string, householdId: string): Promise<MeasureRecord[]> {
  const { rows } = await db.query<{ id: string; kind: string; year: number; date: string; member_name: string | null; data: Record<string, unknown>; entered_by_name: string; unit_name: string | null }>(
    `SELECT m.id, m.kind, m.year, to_char(m.date, 'YYYY-MM-DD') AS date, m.member_name, m.data, m.entered_by_name, o.name AS unit_name
     FROM measures m LEFT JOIN org_units o ON o.id = m.org_unit_id WHERE m.tenant_id = $1 AND m.household_id = $2 ORDER BY m.date DESC, m.created_at DESC`, [tenantId, householdId]);
  return rows.map((r) => ({ id: r.id, kind: r.kind, year: r.year, date: r.date, memberName: r.member_name, data: r.data, enteredByName: r.entered_by_name, unitName: r.unit_name }));
}
