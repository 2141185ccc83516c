import type { Request } from 'express';
import type { SessionUser } from '../auth/session-user';
import type { SqlTransaction } from '../store/sql-client';
import type { ApiContext } from './api-context';
import { recordAuditEvent } from './audit';
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
export async function auditInTransaction(client: SqlTransaction, ctx: ApiContext, user: SessionUser, event: { action: string; target?: string; reason?: string; details?: Record<string, unknown> }): Promise<void> {
  await recordAuditEvent(client, { ...event, id: ctx.services.ids.uuid(), tenantId: ctx.tenantId, at: ctx.services.clock.now(), user });
}
