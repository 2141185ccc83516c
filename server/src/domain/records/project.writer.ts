import type { PoolClient } from 'pg';
import { chinaYear } from '../../kernel';
import type { ActionContext } from '../../kernel';
import { byOperation, expectRow, stepData } from './record-writer';
import type { RecordWriter } from './record-writer';

/** Project statuses as the registry shows them. */
export const PROJECT_STATUS = {
  approved: '已立项', procuring: '采购中', underway: '实施中', rectifying: '整改中', accepted: '已验收', closed: '已完结',
} as const;

async function update(client: PoolClient, context: ActionContext, what: string, sets: string, values: unknown[]): Promise<void> {
  const { rowCount } = await client.query(
    `UPDATE projects SET ${sets}, updated_at = $3 WHERE tenant_id = $1 AND instance_id = $2`, [context.tenantId, context.instanceId, context.now, ...values]);
  expectRow(rowCount, `The project (${what})`, context);
}

/** 立项: the county approved it; the approved figures are locked from here on. A re-approval after a plan objection updates them. */
const approve: RecordWriter = async (client, _params, context) => {
  const proposed = stepData(context, 'proposed');
  const approval = stepData(context, 'countyApproval');
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO projects (id, tenant_id, instance_id, org_unit_id, org_path, name, project_type, budget, approved_budget, decision_number,
       fund_sources, linked_households, one_matter_one_discussion, status, approved_at, locked_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15)
     ON CONFLICT (instance_id) DO UPDATE SET name = EXCLUDED.name, budget = EXCLUDED.budget, approved_budget = EXCLUDED.approved_budget,
       decision_number = EXCLUDED.decision_number, fund_sources = EXCLUDED.fund_sources, linked_households = EXCLUDED.linked_households,
       status = EXCLUDED.status, approved_at = EXCLUDED.approved_at, locked_at = EXCLUDED.locked_at, updated_at = EXCLUDED.updated_at
     RETURNING id`,
    [context.uuid(), context.tenantId, context.instanceId, context.orgUnitId, context.orgPath, proposed.projectName, proposed.projectType,
      proposed.budget, approval.approvedBudget, approval.decisionNumber ?? null, JSON.stringify(proposed.fundSources ?? []),
      JSON.stringify(proposed.linkedHouseholds ?? []), Boolean(proposed.oneMatterOneDiscussion), PROJECT_STATUS.approved, context.now]);
  await allocateFunds(client, context, rows[0].id, String(proposed.projectName), Number(approval.approvedBudget), proposed.fundSources);
};

/**
 * The project's share of each fund source, set aside in the year of approval: the proposal's
 * amounts by source scaled to the approved budget (in fen, the last source taking the rounding),
 * so the allocations add up to the approved budget exactly. A re-approval replaces them.
 */
async function allocateFunds(client: PoolClient, context: ActionContext, projectId: string, name: string, approved: number, fundSources: unknown): Promise<void> {
  const sources = (Array.isArray(fundSources) ? fundSources : []) as Array<{ source?: unknown; amount?: unknown }>;
  const proposedFen = sources.reduce((sum, f) => sum + Math.round(Number(f.amount ?? 0) * 100), 0);
  const approvedFen = Math.round(approved * 100);
  await client.query('DELETE FROM fund_allocations WHERE tenant_id = $1 AND project_id = $2', [context.tenantId, projectId]);
  if (!sources.length || proposedFen <= 0) return;
  let left = approvedFen;
  const shares = sources.map((f, i) => {
    const fen = i === sources.length - 1 ? left : Math.floor((Math.round(Number(f.amount ?? 0) * 100) * approvedFen) / proposedFen);
    left -= fen;
    return { source: String(f.source), amount: fen / 100 };
  });
  await client.query(
    `INSERT INTO fund_allocations (id, tenant_id, year, source, kind, amount, project_id, instance_id, org_unit_id, org_path, description, created_at)
     SELECT x.id, $1, $2, x.source, 'project', x.amount, $3, $4, $5, $6, $7, $8
     FROM unnest($9::uuid[], $10::text[], $11::numeric[]) AS x(id, source, amount)`,
    [context.tenantId, chinaYear(context.now), projectId, context.instanceId, context.orgUnitId, context.orgPath, name, context.now,
      shares.map(() => context.uuid()), shares.map((x) => x.source), shares.map((x) => x.amount)]);
}

/**
 * `writeRecord { record: 'project', op }` with op `approve`, `procurement`, `contract`,
 * `progress`, `acceptance` or `close`. Only the instance that created the project updates it.
 */
export const projectWriter = byOperation('project', {
  approve,
  async procurement(client, _params, context) {
    const procurement = stepData(context, 'procurement');
    const threshold = (context.data.project as Record<string, unknown> | undefined)?.tenderThreshold;
    await update(client, context, 'procurement', 'procurement_route = $4, subject_type = $5, tender_threshold = $6, status = $7',
      [procurement.route, procurement.subjectType ?? null, typeof threshold === 'number' ? threshold : null, PROJECT_STATUS.procuring]);
  },
  async contract(client, _params, context) {
    const contract = stepData(context, 'contracted');
    await update(client, context, 'contract', 'contractor = $4, contract_number = $5, contract_amount = $6, status = $7',
      [contract.contractor, contract.contractNumber, contract.contractAmount, PROJECT_STATUS.underway]);
  },
  async progress(client, _params, context) {
    await update(client, context, 'progress', 'progress_percent = $4', [stepData(context, 'inProgress').progressPercent]);
  },
  async acceptance(client, _params, context) {
    const quality = stepData(context, 'countyAcceptance').quality;
    await update(client, context, 'acceptance', 'acceptance_quality = $4, status = $5',
      [quality, quality === '不合格' ? PROJECT_STATUS.rectifying : PROJECT_STATUS.accepted]);
  },
  async close(client, _params, context) {
    await update(client, context, 'close', 'status = $4, closed_at = $3', [PROJECT_STATUS.closed]);
  },
});

/** `writeRecord { record: 'disbursement', op: 'pay' }`: one staged payment, locked as written, added to the project's totals. */
export const disbursementWriter = byOperation('disbursement', {
  async pay(client, _params, context) {
    const p = stepData(context, 'disbursement');
    const { rows } = await client.query(
      `UPDATE projects SET paid_amount = paid_amount + $3, paid_percent = paid_percent + $4, updated_at = $5
       WHERE tenant_id = $1 AND instance_id = $2 RETURNING id`, [context.tenantId, context.instanceId, p.amount, p.percent, context.now]);
    expectRow(rows.length, 'The project (disbursement)', context);
    await client.query(
      `INSERT INTO disbursements (id, tenant_id, project_id, instance_id, stage, stage_name, percent, amount, retention_percent, payee, payee_bank,
         payee_account, paid_on, voucher_number, recorded_by, recorded_at, locked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
      [context.uuid(), context.tenantId, rows[0].id, context.instanceId, p.stage, p.stageName, p.percent, p.amount, p.retentionPercent, p.payee,
        p.payeeBank, p.payeeAccount, p.paidOn, p.voucherNumber, context.actor.userId, context.now]);
  },
});
