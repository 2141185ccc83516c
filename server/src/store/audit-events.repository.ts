import type { Actor } from '../kernel';
import type { SqlClient } from './sql-client';

/** Who did something, as an audit row keeps it (a copy: later changes to the user do not rewrite history). */
export interface AuditActor {
  userId: string;
  username: string;
  roles: string[];
  orgUnitId: string;
}

/** The copy of the acting user (a runtime actor) an audit row keeps. */
export function auditActorOf(actor: Pick<Actor, 'userId' | 'username' | 'roles' | 'orgUnitId'>): AuditActor {
  return { userId: actor.userId ?? '', username: actor.username, roles: actor.roles, orgUnitId: actor.orgUnitId };
}

/** One audit event to record. */
export interface NewAuditEvent {
  id: string;
  tenantId: string;
  at: Date;
  actor: AuditActor;
  action: string;
  target?: string;
  reason?: string;
  details?: Record<string, unknown>;
}

/**
 * Writes one `audit_events` row. Given the caller's transaction, an admin change and its audit
 * row commit together or not at all.
 */
export async function insertAuditEvent(db: SqlClient, event: NewAuditEvent): Promise<void> {
  await db.query('INSERT INTO audit_events (id, tenant_id, at, actor, action, target, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [event.id, event.tenantId, event.at, JSON.stringify(event.actor), event.action, event.target ?? null, event.reason ?? null, JSON.stringify(event.details ?? {})]);
}

/** The audit trail's filters; `from` and `to` are ISO 8601 instants, both inclusive. */
export interface AuditFilter {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** An audit row as the trail lists it. */
export interface AuditEventRow {
  id: string;
  at: Date;
  actor: Partial<AuditActor> | null;
  action: string;
  target: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

/** A page of the tenant's audit trail, newest first, with the number of matches. */
export async function listAuditEvents(db: SqlClient, tenantId: string, filter: AuditFilter): Promise<{ items: AuditEventRow[]; total: number }> {
  const values: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  if (filter.action) where.push(`action = $${values.push(filter.action)}`);
  if (filter.actor) where.push(`actor->>'username' = $${values.push(filter.actor)}`);
  if (filter.target) where.push(`target = $${values.push(filter.target)}`);
  if (filter.from) where.push(`at >= $${values.push(filter.from)}::timestamptz`);
  if (filter.to) where.push(`at <= $${values.push(filter.to)}::timestamptz`);
  const sqlWhere = where.join(' AND ');
  const n = values.length;
  const [items, count] = await Promise.all([
    db.query<AuditEventRow>(`SELECT id, at, actor, action, target, reason, details FROM audit_events WHERE ${sqlWhere} ORDER BY at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...values, filter.pageSize, (filter.page - 1) * filter.pageSize]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE ${sqlWhere}`, values),
  ]);
  return { items: items.rows, total: count.rows[0].n };
}
