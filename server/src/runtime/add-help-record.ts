import { mayRecordHelpOf } from '../auth/help-permissions';
import { addCardEntry } from '../domain/help/help-card';
import type { NewCardEntry } from '../domain/help/help-card';
import { ForbiddenError, ValidationError } from '../kernel';
import type { Actor } from '../kernel';
import { findOrgUnit } from '../store/org-units.repository';
import { checkRecordForm } from './check-record-form';
import { readableHousehold } from '../domain/help/help-household';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Adds an entry (a visit, a measure or a result, with the confirmations of the household, the
 * village and the work team) to a household's 帮扶记录卡, checked against the form `help.record`.
 * Its helper, or its village's clerk or work team (403 otherwise; 404 for a household the actor may
 * not read); the same entry twice is a 400. One transaction.
 */
export async function addHelpRecord(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'clock' | 'ids' | 'catalog' | 'forms'>,
  input: { householdId: string; data: unknown; actor: Actor; locale: 'zh-CN' | 'en' }): Promise<{ id: string }> {
  const { actor, locale } = input;
  const en = locale === 'en';
  return deps.db.transaction(async (tx) => {
    const household = await readableHousehold(tx, deps.tenantId, actor, input.householdId);
    if (!mayRecordHelpOf(actor, household)) throw new ForbiddenError(en ? 'Only the household\'s helper or its village records help' : '只有该户的帮扶责任人或本村两委、驻村工作组可以登记帮扶记录');
    const entry = await checkRecordForm(deps, tx, 'help.record', input.data, locale) as unknown as NewCardEntry;
    const unit = await findOrgUnit(tx, deps.tenantId, actor.orgUnitId);
    const id = await addCardEntry(tx, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, householdId: household.id, headIdNumber: household.headIdNumber, helperName: actor.displayName ?? actor.username,
      helperUnit: unit?.name ?? '', enteredBy: actor.userId, now: deps.clock.now(), entry,
    });
    if (id === null) throw new ValidationError(en ? 'Already on the card' : '帮扶记录卡已有同日同类同内容的记录', { '/content': [en ? 'this entry is already on the card' : '该记录已在帮扶记录卡上'] });
    return { id };
  });
}
