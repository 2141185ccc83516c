import { canRecordVillageIndicators, isVillageInScope, recordVillageIndicators } from '../domain/villages';
import type { VillageIndicators } from '../domain/villages';
import { ForbiddenError, NotFoundError } from '../kernel';
import type { Actor } from '../kernel';
import { checkRecordForm } from './check-record-form';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Records a year's indicators of a village (form `villages.indicators`), designating it as
 * 相对贫困村 by the county's rule; answers what keeps it from the exit line. Who may record is
 * decided before the data is looked at (an inspector gets 403, not the form's 400); a village
 * outside the actor's unit is a 404. One transaction.
 */
export async function enterVillageIndicators(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'clock' | 'catalog' | 'forms' | 'configForYear'>,
  input: { villageId: string; data: unknown; actor: Actor; locale: 'zh-CN' | 'en' }): Promise<{ designated: boolean; exitShortfalls: string[] }> {
  const { actor, locale } = input;
  if (!canRecordVillageIndicators(actor)) {
    throw new ForbiddenError(locale === 'en' ? 'Recording village indicators needs a village, town or county role' : '只有村文书、乡镇审核员、县级审核员或管理员可以登记贫困村指标');
  }
  return deps.db.transaction(async (tx) => {
    if (!await isVillageInScope(tx, deps.tenantId, input.villageId, actor.orgPath)) throw new NotFoundError(`Village ${input.villageId} does not exist`);
    const indicators = await checkRecordForm(deps, tx, 'villages.indicators', input.data, locale) as unknown as VillageIndicators;
    return recordVillageIndicators(tx, {
      tenantId: deps.tenantId, actor, villageId: input.villageId, indicators, config: deps.configForYear(indicators.year), now: deps.clock.now(),
    });
  });
}
