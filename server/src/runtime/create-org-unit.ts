import { toOrgUnitView } from '../domain/org-units/org-unit-view';
import type { OrgUnitView } from '../domain/org-units/org-unit-view';
import { ConflictError, ValidationError } from '../kernel';
import { insertAuditEvent } from '../store/audit-events.repository';
import type { AuditActor } from '../store/audit-events.repository';
import { findOrgUnit, findTakenOrgUnitIds, insertOrgUnits } from '../store/org-units.repository';
import type { RuntimeDeps } from './runtime-deps';

/** What adding an org unit takes: its code, its parent, its level and name, and whether it is a relatively poor village. */
export interface CreateOrgUnitInput {
  actor: AuditActor;
  id: string;
  parentId: string;
  level: string;
  name: string;
  relativelyPoor?: boolean;
  locale: 'zh-CN' | 'en';
}

/** The level a unit's children have. */
const CHILD_LEVEL: Record<string, string> = { county: 'town', town: 'village', village: 'group' };

/**
 * Adds a town, village or 村民小组 below its parent one level up, or a county department (level
 * `department`, code: the county's and 9xx), with its audit row, in one transaction: 409 when the
 * code exists (in any county), 400 for an unknown parent, a wrong level or a department code.
 */
export async function createOrgUnit(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>, input: CreateOrgUnitInput): Promise<OrgUnitView> {
  const { actor } = input;
  const en = input.locale === 'en';
  return deps.db.transaction(async (client) => {
    if ((await findTakenOrgUnitIds(client, [input.id], true)).size) throw new ConflictError(en ? `Org unit code ${input.id} exists already` : `组织机构代码 ${input.id} 已存在`);
    const parent = await findOrgUnit(client, deps.tenantId, input.parentId);
    if (!parent) throw new ValidationError(en ? 'Unknown parent' : '上级单位不存在', { '/parentId': [en ? `org unit ${input.parentId} does not exist` : `组织机构 ${input.parentId} 不存在`] });
    if (input.level === 'department') {
      if (parent.level !== 'county') throw new ValidationError(en ? 'Wrong level' : '级别不符', { '/level': [en ? 'a department sits directly under the county' : '部门只能设在县级单位下'] });
      if (!new RegExp(`^${parent.id}9\\d{2}$`).test(input.id)) {
        throw new ValidationError(en ? 'Wrong department code' : '部门代码不符', { '/id': [en ? `a department's code is the county's and three digits from 9, e.g. ${parent.id}908` : `部门代码为县代码加 9 开头的三位数，如 ${parent.id}908`] });
      }
    } else if (CHILD_LEVEL[parent.level] !== input.level) {
      throw new ValidationError(en ? 'Wrong level' : '级别不符', { '/level': [en ? `a ${parent.level} holds ${CHILD_LEVEL[parent.level] ?? 'nothing'} units, not ${input.level}` : `${parent.level} 级单位下只能设 ${CHILD_LEVEL[parent.level] ?? '（无）'} 级单位`] });
    }
    const unit = { id: input.id, tenantId: deps.tenantId, parentId: parent.id, level: input.level, name: input.name, path: `${parent.path}/${input.id}`, flags: input.relativelyPoor ? { relativelyPoor: true } : {} };
    await insertOrgUnits(client, [unit]);
    await insertAuditEvent(client, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: deps.clock.now(), actor, action: 'org_unit.create', target: input.id,
      details: { parentId: parent.id, level: input.level, name: input.name, relativelyPoor: input.relativelyPoor === true },
    });
    return toOrgUnitView(unit);
  });
}
