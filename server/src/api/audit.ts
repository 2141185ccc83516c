import type { SessionUser } from '../auth/session-user';
import { insertAuditEvent } from '../store/audit-events.repository';
import type { AuditActor } from '../store/audit-events.repository';
import type { SqlClient } from '../store/sql-client';

/** The copy of a session user an audit row keeps. */
export function auditActor(user: SessionUser): AuditActor {
  return { userId: user.id, username: user.username, roles: user.roles, orgUnitId: user.orgUnitId };
}

/**
 * Records a sensitive read or bulk change (unmasking personal data, an import) with who, when,
 * why and what, in `audit_events` (store/audit-events.repository.ts).
 */
export async function recordAuditEvent(db: SqlClient, event: {
  id: string; tenantId: string; at: Date; user: SessionUser; action: string; target?: string; reason?: string; details?: Record<string, unknown>;
}): Promise<void> {
  const { user, ...rest } = event;
  await insertAuditEvent(db, { ...rest, actor: auditActor(user) });
}
