import { toOrgUnitView } from '../domain/org-units/org-unit-view';
import type { OrgUnitView } from '../domain/org-units/org-unit-view';
import { NotFoundError } from '../kernel';
import { insertAuditEvent } from '../store/audit-events.repository';
import type { AuditActor } from '../store/audit-events.repository';
import { findOrgUnit, updateOrgUnit } from '../store/org-units.repository';
import type { RuntimeDeps } from './runtime-deps';

/** What changing an org unit takes: its code and the new name or relatively-poor flag. */
export interface ChangeOrgUnitInput {
  actor: AuditActor;
  id: string;
  change: { name?: string; relativelyPoor?: boolean };
}

/**
 * Renames an org unit or flags it as a relatively poor village, with its audit row, in one transaction (404 when unknown).
 * Once committed, `sessionChanges` is told (sessions name the unit).
 */
export async function changeOrgUnit(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock' | 'sessionChanges'>, input: ChangeOrgUnitInput): Promise<OrgUnitView> {
  const { actor, id, change } = input;
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
    return toOrgUnitView(updated);
  });
  deps.sessionChanges?.moved();
  return changed;
}
