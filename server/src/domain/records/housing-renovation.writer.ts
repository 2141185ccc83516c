import type { PoolClient } from 'pg';
import type { ActionContext } from '../../kernel';
import { byOperation, expectRow, findHousehold, stepData, valueAt } from './record-writer';

/** Renovation statuses. */
export const RENOVATION_STATUS = { approved: '已批准', building: '施工中', accepted: '已验收', paid: '已发放', careHome: '集中供养' } as const;

async function insert(client: PoolClient, context: ActionContext, status: string, approval: Record<string, unknown>): Promise<void> {
  const application = stepData(context, 'application');
  const head = (valueAt(application, 'household', 'head') ?? {}) as Record<string, unknown>;
  const household = await findHousehold(client, context.tenantId, String(head.idNumber ?? ''));
  await client.query(
    `INSERT INTO housing_renovations (id, tenant_id, instance_id, household_id, head_id_number, head_name, org_unit_id, org_path, danger_grade,
       renovation_type, care_home, approved_subsidy, decision_number, status, approved_at, locked_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15)
     ON CONFLICT (instance_id) DO UPDATE SET approved_subsidy = EXCLUDED.approved_subsidy, decision_number = EXCLUDED.decision_number,
       status = EXCLUDED.status, approved_at = EXCLUDED.approved_at, locked_at = EXCLUDED.locked_at, updated_at = EXCLUDED.updated_at`,
    [context.uuid(), context.tenantId, context.instanceId, household?.id ?? null, head.idNumber, head.name, context.orgUnitId, context.orgPath,
      valueAt(application, 'house', 'dangerGrade'), application.renovationType, application.careHome ?? null, approval.approvedSubsidy ?? null,
      approval.decisionNumber ?? null, status, context.now]);
}

async function update(client: PoolClient, context: ActionContext, what: string, sets: string, values: unknown[]): Promise<void> {
  const { rowCount } = await client.query(
    `UPDATE housing_renovations SET ${sets}, updated_at = $3 WHERE tenant_id = $1 AND instance_id = $2`, [context.tenantId, context.instanceId, context.now, ...values]);
  expectRow(rowCount, `The renovation (${what})`, context);
}

/**
 * `writeRecord { record: 'housingRenovation', op }` with op `approve`, `careHome`, `agreement`,
 * `acceptance` or `paid`. The approved subsidy is locked from the county's approval on.
 */
export const housingRenovationWriter = byOperation('housingRenovation', {
  approve: (client, _params, context) => insert(client, context, RENOVATION_STATUS.approved, stepData(context, 'countyApproval')),
  careHome: (client, _params, context) => insert(client, context, RENOVATION_STATUS.careHome, { decisionNumber: stepData(context, 'townReview').decisionNumber }),
  async agreement(client, _params, context) {
    const a = stepData(context, 'agreement');
    await update(client, context, 'agreement', 'agreement_number = $4, subsidy_amount = $5, builder = $6, status = $7',
      [a.agreementNumber, a.subsidyAmount, a.builder, RENOVATION_STATUS.building]);
  },
  async acceptance(client, _params, context) {
    await update(client, context, 'acceptance', 'accepted_on = $4, status = $5', [stepData(context, 'completionAcceptance').inspectionDate, RENOVATION_STATUS.accepted]);
  },
  async paid(client, _params, context) {
    const p = stepData(context, 'subsidyPayment');
    await update(client, context, 'payment', 'paid_amount = $4, paid_on = $5, voucher_number = $6, status = $7',
      [p.amount, p.paidOn, p.voucherNumber, RENOVATION_STATUS.paid]);
  },
});
