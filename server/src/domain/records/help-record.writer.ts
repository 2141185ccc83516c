import type { PoolClient } from 'pg';
import type { ActionContext } from '../../kernel';
import { byOperation, findHousehold, headIdNumberOf, stepData, valueAt } from './record-writer';

/** One row of the 帮扶记录卡 as the forms record it (`$defs/helpRecord`). */
export interface HelpEntry {
  date: string;
  helperName: string;
  helperUnit: string;
  measureType: string;
  content: string;
  value?: number | null;
  confirmedByHousehold?: boolean;
  confirmedByVillageHead?: boolean;
  confirmedByTeamLeader?: boolean;
}

/**
 * Adds entries to a household's 帮扶记录卡. The same entry twice (same day, measure and content)
 * is kept once; an entry confirmed by the household, the 村两委 head and the team leader is locked.
 */
export async function addHelpEntries(client: PoolClient, context: ActionContext, headIdNumber: string, entries: readonly HelpEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const household = await findHousehold(client, context.tenantId, headIdNumber);
  for (const e of entries) {
    const confirmed = Boolean(e.confirmedByHousehold && e.confirmedByVillageHead && e.confirmedByTeamLeader);
    await client.query(
      `INSERT INTO help_records (id, tenant_id, household_id, head_id_number, date, helper_name, helper_unit, measure_type, content, value,
         confirmed_by_household, confirmed_by_village_head, confirmed_by_team_leader, source_instance_id, created_at, locked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (tenant_id, head_id_number, date, measure_type, content) DO NOTHING`,
      [context.uuid(), context.tenantId, household?.id ?? null, headIdNumber, e.date, e.helperName, e.helperUnit, e.measureType, e.content,
        e.value ?? null, Boolean(e.confirmedByHousehold), Boolean(e.confirmedByVillageHead), Boolean(e.confirmedByTeamLeader),
        context.instanceId, context.now, confirmed ? context.now : null]);
  }
}

const helperName = (context: ActionContext) => context.actor.displayName ?? context.actor.username;

/** The household's latest help record (its last helper and measure), if it had any. */
async function lastHelp(client: PoolClient, tenantId: string, headIdNumber: string): Promise<{ helper_name: string; helper_unit: string; measure_type: string } | undefined> {
  const { rows } = await client.query(
    `SELECT helper_name, helper_unit, measure_type FROM help_records WHERE tenant_id = $1 AND head_id_number = $2 ORDER BY date DESC, created_at DESC LIMIT 1`,
    [tenantId, headIdNumber]);
  return rows[0];
}

/**
 * 返贫 approved: help resumes. The measures the county listed are filed on the household's card;
 * without them the household's last helper resumes with the last measure (one entry naming the
 * decision and the cause), or, for a household with no help on record, the approving reviewer.
 */
async function restoreAfterRelapse(client: PoolClient, context: ActionContext): Promise<void> {
  const application = stepData(context, 'application');
  const approval = stepData(context, 'countyApproval');
  const idNumber = headIdNumberOf(application);
  const listed = (approval.helpMeasures ?? []) as HelpEntry[];
  if (listed.length) return addHelpEntries(client, context, idNumber, listed);
  const last = await lastHelp(client, context.tenantId, idNumber);
  const cause = String(valueAt(application, 'household', 'mainCause') ?? '');
  await addHelpEntries(client, context, idNumber, [{
    date: String(approval.reviewDate ?? context.now.toISOString().slice(0, 10)),
    helperName: last?.helper_name ?? helperName(context),
    helperUnit: last?.helper_unit ?? '县扶贫开发局',
    measureType: last?.measure_type ?? '社保兜底',
    content: `${cause}返贫，经县审定（${String(approval.decisionNumber ?? '')}）恢复帮扶措施`,
  }]);
}

/**
 * `writeRecord { record: 'helpRecord', op }`: `fromExitCandidate` files the records the exit
 * nomination listed; `restoreAfterRelapse` resumes the last help. A step that helps declares its
 * own entry (`meta.task.helpCard`); `renovation` and `careHome` stay for cases pinned to
 * housing-renovation versions from before that declaration.
 */
export const helpRecordWriter = byOperation('helpRecord', {
  async fromExitCandidate(client, _params, context) {
    const candidate = stepData(context, 'candidate');
    await addHelpEntries(client, context, headIdNumberOf(candidate), (candidate.helpRecords ?? []) as HelpEntry[]);
  },
  async renovation(client, params, context) {
    const application = stepData(context, 'application');
    const payment = stepData(context, 'subsidyPayment');
    const agreement = stepData(context, 'agreement');
    const acceptance = stepData(context, 'completionAcceptance');
    await addHelpEntries(client, context, headIdNumberOf(application), [{
      date: String(payment.paidOn ?? ''), helperName: helperName(context), helperUnit: String(params.helperUnit ?? ''), measureType: '危房改造',
      content: `${application.renovationType}：${agreement.builder}承建，竣工${acceptance.newStructure}住房${acceptance.newArea}平方米，补助${payment.amount}元已发放至户主账户（${payment.voucherNumber}）`,
      value: typeof payment.amount === 'number' ? payment.amount : null,
    }]);
  },
  restoreAfterRelapse: (client, _params, context) => restoreAfterRelapse(client, context),
  async careHome(client, params, context) {
    const application = stepData(context, 'application');
    const review = stepData(context, 'townReview');
    await addHelpEntries(client, context, headIdNumberOf(application), [{
      date: String(review.reviewDate ?? ''), helperName: helperName(context), helperUnit: String(params.helperUnit ?? ''), measureType: '社保兜底',
      content: `五保户集中供养，入住${application.careHome}`,
    }]);
  },
});
