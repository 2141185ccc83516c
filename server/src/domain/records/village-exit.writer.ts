import { ValidationError } from '../../kernel';
import { exitShortfalls, findVillageIndicators } from '../villages/village-register';
import { byOperation, expectRow, stepData } from './record-writer';

/**
 * `writeRecord { record: 'villageExit', op }` of the village-exit process: `check` refuses (400 on
 * the year, in Chinese, nothing written) a village whose register indicators of the proposed year
 * do not meet the exit line, or that has none, or that is no 相对贫困村 or has left already; `exit`
 * writes the exit year into the register.
 */
export const villageExitWriter = byOperation('villageExit', {
  async check(client, _params, context) {
    const year = Number(stepData(context, 'candidate').year);
    const config = context.configForYear(year);
    const { rows } = await client.query<{ designated: boolean; exited_year: number | null }>(
      'SELECT designated, exited_year FROM villages WHERE tenant_id = $1 AND org_unit_id = $2 FOR UPDATE', [context.tenantId, context.orgUnitId]);
    const register = rows[0];
    const indicators = await findVillageIndicators(client, context.tenantId, context.orgUnitId, year);
    const problems = !register?.designated ? ['本村不是相对贫困村，无需出列']
      : register.exited_year !== null ? [`本村已于${register.exited_year}年出列`]
        : !indicators ? [`村级台账没有${year}年的指标，请先登记该年度指标`]
          : exitShortfalls(indicators, config);
    if (problems.length) throw new ValidationError('未达到贫困村出列标准', { '/year': [`${year}年未达到出列标准：${problems.join('；')}`] });
  },
  async exit(client, _params, context) {
    const year = Number(stepData(context, 'candidate').year);
    const { rowCount } = await client.query(
      `UPDATE villages SET exited_year = $3, exited_on = $4, exit_instance_id = $5, updated_at = $6 WHERE tenant_id = $1 AND org_unit_id = $2`,
      [context.tenantId, context.orgUnitId, year, String(stepData(context, 'countyApproval').reviewDate ?? ''), context.instanceId, context.now]);
    expectRow(rowCount, 'The village register row', context);
  },
});
