import type { Actor } from '../kernel';
import type { AuditActor } from '../store/audit-events.repository';

/** The copy of the acting user an audit row keeps. */
export function auditActorOf(actor: Actor): AuditActor {
  return { userId: actor.userId ?? '', username: actor.username, roles: actor.roles, orgUnitId: actor.orgUnitId };
}
