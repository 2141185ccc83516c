import type { PoolClient } from 'pg';
import { ConflictError, ValidationError } from '../../kernel';
import type { ActionContext } from '../../kernel';
import { nameHouseholdChange } from '../households/household-versions';
import { byOperation, findHousehold, headIdNumberOf, stepData, valueAt } from './record-writer';
import type { RecordWriter } from './record-writer';

/** Household statuses of the registry (DOMAIN.md, "Status"). */
export const HOUSEHOLD_STATUS = { poor: '未脱贫', expectedOut: '预脱贫', out: '已脱贫', fallenBack: '返贫' } as const;

async function change(client: PoolClient, context: ActionContext, household: { id: string; status: string }, to: string, reason: string) {
  const exit = (context.data.exit ?? {}) as Record<string, unknown>;
  await nameHouseholdChange(client, { changeType: '状态变更', reason, instanceId: context.instanceId, userId: context.actor.userId });
  await client.query('UPDATE households SET status = $3, updated_at = $4 WHERE id = $1 AND tenant_id = $2', [household.id, context.tenantId, to, context.now]);
  await client.query(
    `INSERT INTO household_status_changes (id, tenant_id, household_id, from_status, to_status, route, reason, decision_number, instance_id, changed_by, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [context.uuid(), context.tenantId, household.id, household.status, to, (exit.route as string | undefined) ?? null, reason,
      stepData(context, 'countyApproval').decisionNumber ?? null, context.instanceId, context.actor.userId, context.now]);
}

/** The exit candidate's head ID number (`household-exit.candidate`). */
function candidateIdNumber(context: ActionContext): string {
  return headIdNumberOf(stepData(context, 'candidate'));
}

/** The exit instance that last set the household to 预脱贫, if any. */
async function pendingExitInstance(client: PoolClient, context: ActionContext, householdId: string): Promise<string | null> {
  const { rows } = await client.query(
    `SELECT instance_id FROM household_status_changes WHERE tenant_id = $1 AND household_id = $2 AND to_status = $3 ORDER BY changed_at DESC, id LIMIT 1`,
    [context.tenantId, householdId, HOUSEHOLD_STATUS.expectedOut]);
  return rows[0]?.instance_id ?? null;
}

/** 预脱贫: the candidate passed the exit test; only a registered household still in poverty can be proposed, once at a time. */
const preExit: RecordWriter = async (client, _params, context) => {
  const idNumber = candidateIdNumber(context);
  const household = await findHousehold(client, context.tenantId, idNumber);
  if (!household) {
    throw new ValidationError('该户不在建档立卡台账中，不能提名脱贫退出', { '/household/head/idNumber': [`台账中没有户主身份证号为 ${idNumber} 的贫困户`] });
  }
  if (household.status === HOUSEHOLD_STATUS.out) {
    throw new ConflictError(`Household ${household.id} (${idNumber}) is already 已脱贫; a new exit needs it to fall back (返贫) first`, 'household_already_exited');
  }
  if (household.status === HOUSEHOLD_STATUS.expectedOut) {
    const owner = await pendingExitInstance(client, context, household.id);
    if (owner && owner !== context.instanceId) {
      throw new ConflictError(`Household ${household.id} (${idNumber}) is already proposed for exit by instance ${owner}`, 'household_exit_pending');
    }
    return;
  }
  await change(client, context, household, HOUSEHOLD_STATUS.expectedOut, '提名脱贫退出');
};

/** 已脱贫: the county approved the exit. */
const exit: RecordWriter = async (client, _params, context) => {
  const idNumber = candidateIdNumber(context);
  const household = await findHousehold(client, context.tenantId, idNumber);
  if (!household || household.status !== HOUSEHOLD_STATUS.expectedOut) {
    throw new ConflictError(`Household ${idNumber} must be 预脱贫 to exit; found ${household?.status ?? 'no registry row'}`, 'household_not_expected_out');
  }
  await change(client, context, household, HOUSEHOLD_STATUS.out, '县审定脱贫退出');
};

/** Back to 未脱贫 when the exit is refused; nothing to do for a household that was never set to 预脱贫. */
const restore: RecordWriter = async (client, _params, context) => {
  const household = await findHousehold(client, context.tenantId, candidateIdNumber(context));
  if (!household || household.status !== HOUSEHOLD_STATUS.expectedOut) return;
  if ((await pendingExitInstance(client, context, household.id)) !== context.instanceId) return;
  await change(client, context, household, HOUSEHOLD_STATUS.poor, '脱贫退出未通过');
};

/** The relapse application's household: its head's ID number (`household-relapse.application`). */
function relapseIdNumber(context: ActionContext): string {
  return headIdNumberOf(stepData(context, 'application'));
}

/** Another open relapse case of the same household, if any. */
async function openRelapseCase(client: PoolClient, context: ActionContext, idNumber: string): Promise<string | null> {
  const { rows } = await client.query(
    `SELECT id FROM instances WHERE tenant_id = $1 AND definition_key = 'household-relapse' AND status = 'running' AND id <> $2
       AND data->'application'->'household'->'head'->>'idNumber' = $3 LIMIT 1`,
    [context.tenantId, context.instanceId, idNumber]);
  return rows[0]?.id ?? null;
}

/**
 * A relapse application is taken only for a registered household that is out of poverty (已脱贫),
 * and one at a time: a 400 on the ID field otherwise, nothing written.
 */
const checkRelapse: RecordWriter = async (client, _params, context) => {
  const idNumber = relapseIdNumber(context);
  const household = await findHousehold(client, context.tenantId, idNumber);
  const field = '/household/head/idNumber';
  if (!household) throw new ValidationError('该户不在建档立卡台账中，不能申请返贫（新申请请走贫困户识别）', { [field]: ['台账中没有以此身份证号为户主的建档立卡户'] });
  if (household.status !== HOUSEHOLD_STATUS.out) {
    throw new ValidationError(`该户台账状态为“${household.status}”，只有已脱贫户才能申请返贫`, { [field]: [`该户为${household.status}，不是已脱贫户`] });
  }
  const other = await openRelapseCase(client, context, idNumber);
  if (other) throw new ValidationError('该户已有在办的返贫申请', { [field]: ['该户已有在办的返贫申请，请在待办中继续办理'] });
};

/** 返贫: the county approved the relapse; the status change records its cause and the decision. */
const relapse: RecordWriter = async (client, _params, context) => {
  const idNumber = relapseIdNumber(context);
  const household = await findHousehold(client, context.tenantId, idNumber);
  if (!household || household.status !== HOUSEHOLD_STATUS.out) {
    throw new ConflictError(`不能标注返贫：该户台账状态为 ${household?.status ?? '无'}，应为已脱贫（Household ${idNumber} must be 已脱贫 to fall back）`, 'household_not_out');
  }
  const application = stepData(context, 'application');
  const cause = String(valueAt(application, 'household', 'mainCause') ?? '');
  // The registry's version row (migration 0018's trigger) names the relapse, its cause and the case.
  await nameHouseholdChange(client, { changeType: '返贫', reason: `${cause}返贫`, instanceId: context.instanceId, userId: context.actor.userId });
  await client.query('UPDATE households SET status = $3, updated_at = $4 WHERE id = $1 AND tenant_id = $2', [household.id, context.tenantId, HOUSEHOLD_STATUS.fallenBack, context.now]);
  await client.query(
    `INSERT INTO household_status_changes (id, tenant_id, household_id, from_status, to_status, route, reason, decision_number, instance_id, changed_by, changed_at)
     VALUES ($1, $2, $3, $4, $5, '返贫', $6, $7, $8, $9, $10)`,
    [context.uuid(), context.tenantId, household.id, household.status, HOUSEHOLD_STATUS.fallenBack,
      `${cause}返贫：${String(application.relapseDescription ?? '')}`.slice(0, 1000),
      stepData(context, 'countyApproval').decisionNumber ?? null, context.instanceId, context.actor.userId, context.now]);
};

/** `writeRecord { record: 'householdStatus', op: 'preExit' | 'exit' | 'restore' | 'checkRelapse' | 'relapse' }` */
export const householdStatusWriter = byOperation('householdStatus', { preExit, exit, restore, checkRelapse, relapse });
