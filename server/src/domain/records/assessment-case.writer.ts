import type { PoolClient } from 'pg';
import type { ActionContext } from '../../kernel';
import { byOperation, expectRow, stepData } from './record-writer';

/** Assessment case statuses. */
export const CASE_STATUS = {
  open: '已立案', circulated: '已通报', rectifying: '整改中', interviewed: '已约谈', accountable: '已追责', closed: '已销号', dismissed: '不予通报',
} as const;

const reason = (context: ActionContext) => ((context.data.escalation ?? {}) as Record<string, unknown>).reason ?? null;

async function update(client: PoolClient, context: ActionContext, what: string, sets: string, values: unknown[]): Promise<void> {
  const { rowCount } = await client.query(
    `UPDATE assessment_cases SET ${sets}, updated_at = $3 WHERE tenant_id = $1 AND instance_id = $2`, [context.tenantId, context.instanceId, context.now, ...values]);
  expectRow(rowCount, `The assessment case (${what})`, context);
}

/**
 * `writeRecord { record: 'assessmentCase', op }` with op `open`, `circulate`, `rectify`,
 * `interview`, `accountability`, `close` or `dismiss`. A closed or dismissed case is locked.
 */
export const assessmentCaseWriter = byOperation('assessmentCase', {
  async open(client, _params, context) {
    const f = stepData(context, 'finding');
    await client.query(
      `INSERT INTO assessment_cases (id, tenant_id, instance_id, org_unit_id, org_path, source, problem_type, misuse_type, target_type, target_unit,
         target_person, found_on, escalation_reason, status, opened_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
      [context.uuid(), context.tenantId, context.instanceId, context.orgUnitId, context.orgPath, f.source, f.problemType, f.misuseType ?? null,
        f.targetType, f.targetUnit ?? null, f.targetPerson ? JSON.stringify(f.targetPerson) : null, f.foundOn, reason(context), CASE_STATUS.open, context.now]);
  },
  async circulate(client, _params, context) {
    await update(client, context, 'circular', 'circular_number = $4, status = $5', [stepData(context, 'circular').documentNumber, CASE_STATUS.circulated]);
  },
  async rectify(client, _params, context) {
    const rounds = Number(((context.data.escalation ?? {}) as Record<string, unknown>).rounds ?? 1);
    await update(client, context, 'rectification', 'rounds = $4, status = $5', [rounds, CASE_STATUS.rectifying]);
  },
  async interview(client, _params, context) {
    await update(client, context, 'interview', 'interviewed_on = $4, escalation_reason = $5, status = $6',
      [stepData(context, 'interview').interviewDate, reason(context), CASE_STATUS.interviewed]);
  },
  async accountability(client, _params, context) {
    await update(client, context, 'accountability', 'accountability = $4, escalation_reason = $5, status = $6',
      [JSON.stringify(stepData(context, 'accountability')), reason(context), CASE_STATUS.accountable]);
  },
  async close(client, _params, context) {
    await update(client, context, 'close', 'status = $4, closed_at = $3, locked_at = $3', [CASE_STATUS.closed]);
  },
  async dismiss(client, _params, context) {
    await update(client, context, 'dismiss', 'status = $4, closed_at = $3, locked_at = $3', [CASE_STATUS.dismissed]);
  },
});
