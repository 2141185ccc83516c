import { isHelperOf, mayRecordMeasureOf } from '../auth/help-permissions';
import { recordMeasure } from '../domain/help/measures';
import { ForbiddenError } from '../kernel';
import type { Actor } from '../kernel';
import { findOrgUnit } from '../store/org-units.repository';
import { checkRecordForm } from './check-record-form';
import { readableHousehold } from '../domain/help/help-household';
import type { RuntimeDeps } from './runtime-deps';

/**
 * Records a measure for a household (form `help.measure`: education, health, employment, industry,
 * social assistance, micro-credit, asset income) and files it on its 帮扶记录卡: the county
 * department that owns the kind (the year's `measureOwners`) or the household's helper (403
 * otherwise; 404 for a household the actor may not read). One transaction.
 */
export async function recordHelpMeasure(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'clock' | 'ids' | 'catalog' | 'forms' | 'configForYear'>,
  input: { householdId: string; data: unknown; actor: Actor; locale: 'zh-CN' | 'en' }): Promise<{ id: string }> {
  const { actor, locale } = input;
  const refused = () => new ForbiddenError(locale === 'en'
    ? 'The department that owns this kind of measure, or the household\'s helper, records it' : '该类措施由主管部门或该户的帮扶责任人登记');
  return deps.db.transaction(async (tx) => {
    const household = await readableHousehold(tx, deps.tenantId, actor, input.householdId);
    // Who may record at all is decided before the data is looked at; the kind's owner once it is known.
    if (!actor.roles.includes('department_officer') && !isHelperOf(actor, household)) throw refused();
    const data = await checkRecordForm(deps, tx, 'help.measure', input.data, locale);
    const config = deps.configForYear(Number(String(data.date).slice(0, 4)));
    const unit = await findOrgUnit(tx, deps.tenantId, actor.orgUnitId);
    const department = typeof unit?.flags.department === 'string' ? unit.flags.department : null;
    const kindOwner = ((config.measureOwners ?? {}) as Record<string, string>)[String(data.kind)];
    if (!mayRecordMeasureOf(actor, household, { unitDepartment: department, kindOwner })) throw refused();
    const id = await recordMeasure(tx, {
      ids: () => deps.ids.uuid(), tenantId: deps.tenantId, household: { id: household.id, headIdNumber: household.headIdNumber }, data, config,
      actor: { userId: actor.userId, name: actor.displayName ?? actor.username, orgUnitId: actor.orgUnitId, unitName: unit?.name ?? '' }, now: deps.clock.now(), locale,
    });
    return { id };
  });
}
