import { mayAssignHelperOf } from '../auth/help-permissions';
import { helpKindOf, listHelperAssignments, reassignHelper } from '../domain/help/helper-assignment';
import type { HelperAssignment } from '../contract';
import { chinaYear, ForbiddenError } from '../kernel';
import type { Actor } from '../kernel';
import { auditActorOf, insertAuditEvent } from '../store/audit-events.repository';
import { readableHousehold } from '../domain/help/help-household';
import type { RuntimeDeps } from './runtime-deps';

export interface AssignHelperInput {
  householdId: string;
  helperUserId: string;
  reason: string;
  actor: Actor;
  locale: 'zh-CN' | 'en';
}

/**
 * Pairs a registered household with a helper (帮扶责任人): its first, or instead of the current one,
 * whose pairing ends with the reason and stays in the history. The household's town, the county
 * office or an admin (403 otherwise; 404 for a household the actor may not read). One transaction:
 * the pairing, its audit row and the answer, the household's pairings newest first.
 */
export async function assignHelper(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'clock' | 'ids' | 'configForYear'>, input: AssignHelperInput): Promise<HelperAssignment[]> {
  const { actor, locale } = input;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const household = await readableHousehold(tx, deps.tenantId, actor, input.householdId);
    if (!mayAssignHelperOf(actor, household)) {
      throw new ForbiddenError(locale === 'en' ? 'Only the household\'s town, the county office or an admin assigns its helper' : '只有本镇审核员、县级审核员或管理员可以指派该户的帮扶责任人');
    }
    await reassignHelper(tx, {
      tenantId: deps.tenantId, householdId: household.id, helperUserId: input.helperUserId, reason: input.reason, by: actor.username, now, id: deps.ids.uuid(),
      helpKind: helpKindOf(deps.configForYear(chinaYear(now)), household.category), locale,
    });
    await insertAuditEvent(tx, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: now, action: 'households.helper',
      actor: auditActorOf(actor),
      details: { householdId: household.id, helperUserId: input.helperUserId, reason: input.reason },
    });
    return listHelperAssignments(tx, deps.tenantId, household.id);
  });
}
