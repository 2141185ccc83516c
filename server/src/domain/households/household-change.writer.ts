import type { PoolClient } from 'pg';
import { belowPattern } from '../../auth/org-scope';
import { ConflictError, isUuid, NotFoundError, ValidationError } from '../../kernel';
import type { ActionContext } from '../../kernel';
import { maskIdNumber } from '../masking';
import { byOperation, stepData } from '../records/record-writer';
import type { RecordWriter } from '../records/record-writer';
import { applyChange, normaliseIdNumber } from './household-change';
import type { ChangeApplication, RegisteredHousehold } from './household-change';
import { nameHouseholdChange } from './household-versions';
import { describeHolder, findIdNumberHolders, releaseIdNumbers } from './id-claims';

/** The start data of `household-change` (`schemas/household-change/start.json`). */
interface ChangeStart {
  householdId?: string;
  headName?: string;
}

interface LockedHousehold extends RegisteredHousehold {
  id: string;
  orgUnitId: string;
  orgPath: string;
  status: string;
  category: string | null;
}

/**
 * The household the case changes, locked for the step. One outside the case's unit is answered as
 * missing (a village changes only its own households; a town those of its villages).
 */
async function lockHousehold(client: PoolClient, context: ActionContext): Promise<LockedHousehold> {
  const start = (context.data.start ?? {}) as ChangeStart;
  const id = String(start.householdId ?? '');
  const missing = () => new NotFoundError(`建档立卡户 ${id} 不存在或不属于本单位（Household ${id} does not exist in ${context.orgPath}）`);
  if (!isUuid(id)) throw missing();
  const { rows } = await client.query(
    `SELECT id, head_name, head_id_number, data, org_unit_id, org_path, status, category FROM households
     WHERE id = $1 AND tenant_id = $2 AND (org_path = $3 OR org_path LIKE $4) FOR UPDATE`,
    [id, context.tenantId, context.orgPath, belowPattern(context.orgPath)]);
  const r = rows[0];
  if (!r) throw missing();
  return {
    id: r.id, headName: r.head_name, headIdNumber: r.head_id_number, data: r.data ?? {}, orgUnitId: r.org_unit_id, orgPath: r.org_path,
    status: r.status, category: r.category,
  };
}

/** The registry after the application, or a 400 naming each field to fix. */
function changed(household: LockedHousehold, context: ActionContext) {
  const result = applyChange(household, stepData(context, 'apply') as unknown as ChangeApplication);
  if (!result.ok) throw new ValidationError('户情变更与台账不符，请按提示修改', result.fields);
  return result;
}

/**
 * Claims for this case the ID numbers that join the household (new members, a corrected number),
 * replacing its earlier claims. A number held by another household or case refuses the submission
 * with the holder named as far as the clerk may see.
 */
async function claimJoining(client: PoolClient, context: ActionContext, joining: string[], application: ChangeApplication) {
  await releaseIdNumbers(client, context);
  if (joining.length === 0) return;
  const { rows } = await client.query(
    `INSERT INTO id_number_claims (tenant_id, id_number, instance_id, household_id, org_unit_id, org_path, claimed_at)
     SELECT $1, n, $2, NULL, $3, $4, $5 FROM unnest($6::text[]) AS n
     ON CONFLICT (tenant_id, id_number) DO NOTHING RETURNING id_number`,
    [context.tenantId, context.instanceId, context.orgUnitId, context.orgPath, context.now, joining]);
  const claimed = new Set(rows.map((r) => r.id_number as string));
  // A registry head without a claim (an older row) holds its number too.
  const { rows: heads } = await client.query('SELECT head_id_number FROM households WHERE tenant_id = $1 AND head_id_number = ANY($2::text[])',
    [context.tenantId, [...claimed]]);
  for (const h of heads) claimed.delete(h.head_id_number);
  const taken = joining.filter((n) => !claimed.has(n));
  if (taken.length === 0) return;
  const holders = new Map((await findIdNumberHolders(client, context.tenantId, taken)).map((h) => [h.idNumber, h]));
  const pointerOf = (idNumber: string) => {
    const added = (application.addedMembers ?? []).findIndex((m) => normaliseIdNumber(m.idNumber) === idNumber);
    if (added >= 0) return `/addedMembers/${added}/idNumber`;
    const fixed = (application.corrections?.members ?? []).findIndex((m) => normaliseIdNumber(m.member.idNumber) === idNumber);
    return `/corrections/members/${fixed}/member/idNumber`;
  };
  const fields: Record<string, string[]> = {};
  for (const n of taken) {
    const holder = holders.get(n);
    fields[pointerOf(n)] = [holder ? describeHolder(holder, context.actor) : `身份证号 ${maskIdNumber(n)} 正在其他案件中办理，请稍后重试`];
  }
  throw new ValidationError('新增成员的身份证号已在其他户或其他申请中，不能重复登记', fields);
}

/**
 * `open`: the case's household exists within the case's unit, and no other change of it is running
 * (checked when the case starts and when it returns to the village). Two changes of one household
 * would each be checked against the registry as it was, so the second would only fail at the
 * county; the household's row lock makes two simultaneous starts wait for each other.
 */
const open: RecordWriter = async (client, _params, context) => {
  const household = await lockHousehold(client, context);
  const start = (context.data.start ?? {}) as ChangeStart;
  if (start.headName && start.headName !== household.headName) {
    throw new ValidationError('户主姓名与台账不符', { '/data/headName': [`台账中该户户主为${household.headName}，请从户详情页发起变更`] });
  }
  const { rows: running } = await client.query(
    `SELECT receipt_no FROM instances WHERE tenant_id = $1 AND definition_key = 'household-change' AND status = 'running'
       AND id <> $2 AND data->'start'->>'householdId' = $3 LIMIT 1`,
    [context.tenantId, context.instanceId, household.id]);
  if (running[0]) {
    const receipt = running[0].receipt_no ? `（受理编号 ${running[0].receipt_no}）` : '';
    throw new ConflictError(`该户已有正在办理的户情变更${receipt}，请在该申报中一并修改，或先撤销该申报（A change of this household is already in progress; nothing was started）`, 'household_change_running');
  }
};

/** `submit`: the application fits the registry as it stands; joining ID numbers are claimed for the case. */
const submit: RecordWriter = async (client, _params, context) => {
  const household = await lockHousehold(client, context);
  const result = changed(household, context);
  await claimJoining(client, context, result.joining, stepData(context, 'apply') as unknown as ChangeApplication);
};

/**
 * `apply`: the county approved. The registry row takes the change (its trigger writes the new
 * version, named for this case), the case's claims become the household's, leaving members'
 * claims are released, and a split registers the new household with the members who move.
 */
const applyApproved: RecordWriter = async (client, _params, context) => {
  const household = await lockHousehold(client, context);
  const result = changed(household, context);
  const application = stepData(context, 'apply');
  await nameHouseholdChange(client, {
    changeType: String(application.changeType), reason: typeof application.reason === 'string' ? application.reason : null,
    instanceId: context.instanceId, userId: context.actor.userId,
  });
  await client.query(
    'UPDATE households SET head_name = $3, head_id_number = $4, data = $5, updated_at = $6 WHERE id = $1 AND tenant_id = $2',
    [household.id, context.tenantId, result.household.headName, result.household.headIdNumber, JSON.stringify(result.household.data), context.now]);
  const moved = result.split?.moved ?? [];
  const released = result.leaving.filter((n) => !moved.includes(n));
  if (released.length) {
    await client.query('DELETE FROM id_number_claims WHERE tenant_id = $1 AND household_id = $2 AND id_number = ANY($3::text[])', [context.tenantId, household.id, released]);
  }
  await client.query('UPDATE id_number_claims SET household_id = $3 WHERE tenant_id = $1 AND instance_id = $2 AND household_id IS NULL',
    [context.tenantId, context.instanceId, household.id]);
  if (result.split) {
    const newId = context.uuid();
    const { rows } = await client.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, source_instance_id, registered_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT (tenant_id, head_id_number) DO NOTHING RETURNING id`,
      [newId, context.tenantId, household.orgUnitId, household.orgPath, result.split.headName, result.split.headIdNumber, household.category,
        household.status, JSON.stringify(result.split.data), context.instanceId, context.now]);
    if (!rows[0]) {
      const masked = maskIdNumber(result.split.headIdNumber);
      throw new ConflictError(`不能分户：身份证号 ${masked} 已是其他建档立卡户的户主（Split refused: ${masked} already heads a household; nothing was changed）`, 'household_already_registered');
    }
    // The moved members' numbers go with them, also those registered before members held claims.
    await client.query(
      `INSERT INTO id_number_claims (tenant_id, id_number, instance_id, household_id, org_unit_id, org_path, claimed_at)
       SELECT $1, n, $2, $3, $4, $5, $6 FROM unnest($7::text[]) AS n
       ON CONFLICT (tenant_id, id_number) DO UPDATE SET household_id = EXCLUDED.household_id WHERE id_number_claims.household_id = $8`,
      [context.tenantId, context.instanceId, newId, household.orgUnitId, household.orgPath, context.now, moved, household.id]);
  }
};

/** `release`: the change ends unapproved; the numbers it claimed are free again. */
const release: RecordWriter = async (client, _params, context) => {
  await releaseIdNumbers(client, context);
};

/** `writeRecord { record: 'householdChange', op: 'open' | 'submit' | 'apply' | 'release' }` (workflows/household-change.json). */
export const householdChangeWriter = byOperation('householdChange', { open, submit, apply: applyApproved, release });
