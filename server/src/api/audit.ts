import type { Pool } from 'pg';
import type { SessionUser } from '../auth/session-user';

/**
 * Records a sensitive read or bulk change (unmasking personal data, an import) with who, when,
 * why and what, in `audit_events` (store/schema.ts).
 */
export async function recordAuditEvent(pool: Pool, event: {
  id: string; tenantId: string; at: Date; user: SessionUser; action: string; target?: string; reason?: string; details?: Record<string, unknown>;
}): Promise<void> {
  const actor = { userId: event.user.id, username: event.user.username, roles: event.user.roles, orgUnitId: event.user.orgUnitId };
  await pool.query('INSERT INTO audit_events (id, tenant_id, at, actor, action, target, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [event.id, event.tenantId, event.at, JSON.stringify(actor), event.action, event.target ?? null, event.reason ?? null, JSON.stringify(event.details ?? {})]);
}
