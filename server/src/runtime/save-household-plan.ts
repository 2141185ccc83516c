import { isHelperOf } from '../auth/help-permissions';
import { saveHelpPlan } from '../domain/help/help-plans';
import { ForbiddenError, ValidationError } from '../kernel';
import type { Actor } from '../kernel';
import { checkRecordForm } from './check-record-form';
import { readableHousehold } from '../domain/help/help-household';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Writes a household's 一户一策 plan of a year (form `help.plan`, whose year must be the one named),
 * its current helper as the author (403 for anyone else; 404 for a household the actor may not
 * read). One transaction.
 */
export async function saveHouseholdPlan(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'clock' | 'ids' | 'catalog' | 'forms'>,
  input: { householdId: string; year: number; data: unknown; actor: Actor; locale: 'zh-CN' | 'en' }): Promise<{ year: number }> {
  const { actor, locale, year } = input;
  const en = locale === 'en';
  return deps.db.transaction(async (tx) => {
    const household = await readableHousehold(tx, deps.tenantId, actor, input.householdId);
    if (!isHelperOf(actor, household)) throw new ForbiddenError(en ? 'The household\'s helper writes its plan' : '一户一策计划由该户的帮扶责任人制定');
    const data = await checkRecordForm(deps, tx, 'help.plan', input.data, locale);
    if (data.year !== year) throw new ValidationError(en ? 'Year mismatch' : '计划年度不符', { '/year': [en ? `must be ${year}` : `应为 ${year} 年`] });
    await saveHelpPlan(tx, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, householdId: household.id, year, authorUserId: actor.userId, authorName: actor.displayName ?? actor.username, data, now: deps.clock.now(),
    });
    return { year };
  });
}
