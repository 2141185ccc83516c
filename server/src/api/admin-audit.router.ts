import { Router } from 'express';
import { listAuditEvents } from '../store/audit-events.repository';
import { requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { auditQuery } from './request-schemas';
import { listOf } from './response-schemas';

interface AuditQuery { action?: string; actor?: string; target?: string; from?: string; to?: string; page: number; pageSize: number }

/** `GET /api/admin/audit` (admin, inspector): the county's audit trail, newest first. */
export function createAdminAuditRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  ctx.routes.add<unknown, AuditQuery>(router, {
    method: 'get', path: '/admin/audit', tag: 'admin', access: 'session',
    summary: 'Admin and inspector: who did what (admin edits, migrations, unmasking, imports), filtered by action, actor, target and time',
    query: auditQuery, responses: { 200: { description: '{ items, total }', schema: listOf('AuditEvent') } },
  }, async ({ req, query }) => {
    requireRole(req, ['admin', 'inspector']);
    const { items, total } = await listAuditEvents(pool, ctx.tenantId, query);
    return {
      items: items.map((r) => ({
        id: r.id, at: r.at.toISOString(), actor: { username: r.actor?.username ?? null, roles: r.actor?.roles ?? [] }, action: r.action,
        target: r.target, reason: r.reason, details: r.details,
      })),
      total,
    };
  });
  return router;
}
