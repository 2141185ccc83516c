import { ConflictError, NotFoundError, ValidationError } from '../../kernel';
import type { Clock, IdGenerator } from '../../kernel';
import { insertAuditEvent } from '../../store/audit-events.repository';
import type { AuditActor } from '../../store/audit-events.repository';
import type { Database } from '../../store/database';
import { findOrgUnit, findTakenOrgUnitIds, insertOrgUnits, updateOrgUnit } from '../../store/org-units.repository';
import type { ChangeSignal } from '../../store/change-signal';

/** What the org-unit admin use cases need. */
export interface OrgUnitAdminDeps {
  db: Database;
  tenantId: string;
  ids: IdGenerator;
  clock: Clock;
  /** Told of a committed rename, so this node's next request reads its sessions (which name the unit) afresh. */
  sessionChanges?: Pick<ChangeSignal, 'moved'>;
}

/** An org unit as the admin pages show it. */
export interface OrgUnitView {
  id: string;
  parentId: string | null;
  level: string;
  name: string;
  path: string;
  relativelyPoor: boolean;
}

/** The level a unit's children have. */
const CHILD_LEVEL: Record<string, string> = { county: 'town', town: 'village', village: 'group' };

const toView = (u: { id: string; parentId: string | null; level: string; name: string; path: string; flags: Record<string, unknown> }): OrgUnitView => ({
  id: u.id, parentId: u.parentId, level: u.level, name: u.name, path: u.path, relativelyPoor: u.flags.relativelyPoor === true,
});

/**
 * Adds a town, village or 村民小组 below its parent one level up, or a county department (level
 * `department`, code: the county's and 9xx), with its audit row, in one transaction: 409 when the
 * code exists (in any county), 400 for an unknown parent, a wrong level or a department code.
 */
export async function createOrgUnit(deps: OrgUnitAdminDeps, actor: AuditActor, input: { id: string; parentId: string; level: string; name: string; relativelyPoor?: boolean }, locale: 'zh-CN' | 'en'): Promise<OrgUnitView> {
  const en = locale === 'en';
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
    return toView(unit);
  });
}

/** Renames an org unit or flags it as a relatively poor village, with its audit row, in one transaction (404 when unknown). */
export async function changeOrgUnit(deps: OrgUnitAdminDeps, actor: AuditActor, id: string, change: { name?: string; relativelyPoor?: boolean }): Promise<OrgUnitView> {
  const changed = await deps.db.transaction(async (client) => {
    const before = await findOrgUnit(client, deps.tenantId, id, true);
    if (!before) throw new NotFoundError(`Org unit ${id} does not exist`);
    const flags = { ...before.flags };
    if (change.relativelyPoor !== undefined) {
      if (change.relativelyPoor) flags.relativelyPoor = true;
      else delete flags.relativelyPoor;
    }
    const updated = await updateOrgUnit(client, id, { name: change.name ?? before.name, flags });
    await insertAuditEvent(client, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: deps.clock.now(), actor, action: 'org_unit.update', target: id,
      details: { ...change, before: { name: before.name, relativelyPoor: before.flags.relativelyPoor === true } },
    });
    return toView(updated);
  });
  deps.sessionChanges?.moved();
  return changed;
}
