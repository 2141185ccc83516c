import type { Request } from 'express';
import type { PoolClient } from 'pg';
import type { SessionUser } from '../auth/session-user';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { requestLocale, requireAuth } from './request-context';
import type { RequestAuth } from './request-context';

/** The caller's session when they hold one of `roles` (default: admin); 401 without a login, 403 otherwise. */
export function requireRole(req: Request, roles: readonly string[] = ['admin']): RequestAuth {
  const auth = requireAuth(req);
  if (!auth.user.roles.some((r) => roles.includes(r))) {
    const en = requestLocale(req) === 'en';
    throw new HttpError(403, 'forbidden', en ? `This needs the role ${roles.join(' or ')}` : `此操作需要以下角色之一：${roles.join('、')}`);
  }
  return auth;
}

/** True when the caller is an admin (who sees drafts and editing details). */
export const isAdmin = (req: Request) => req.auth?.user.roles.includes('admin') === true;

/**
 * Writes one `audit_events` row inside the caller's transaction, so an admin change and its audit
 * row commit together or not at all.
 */
export async function auditInTransaction(client: PoolClient, ctx: ApiContext, user: SessionUser, event: { action: string; target?: string; reason?: string; details?: Record<string, unknown> }): Promise<void> {
  const actor = { userId: user.id, username: user.username, roles: user.roles, orgUnitId: user.orgUnitId };
  await client.query('INSERT INTO audit_events (id, tenant_id, at, actor, action, target, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [ctx.services.ids.uuid(), ctx.tenantId, ctx.services.clock.now(), JSON.stringify(actor), event.action, event.target ?? null, event.reason ?? null, JSON.stringify(event.details ?? {})]);
}
