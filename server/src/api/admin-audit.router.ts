import { Router } from 'express';
import { requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { auditQuery } from './request-schemas';

interface AuditQuery { action?: string; actor?: string; target?: string; from?: string; to?: string; page: number; pageSize: number }

/** `GET /api/admin/audit` (admin, inspector): the county's audit trail, newest first. */
export function createAdminAuditRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  ctx.routes.add<unknown, AuditQuery>(router, {
    method: 'get', path: '/admin/audit', tag: 'admin', access: 'session',
    summary: 'Admin and inspector: who did what (admin edits, migrations, unmasking, imports), filtered by action, actor, target and time',
    query: auditQuery, responses: { 200: { description: '{ items, total }' } },
  }, async ({ req, query }) => {
    requireRole(req, ['admin', 'inspector']);
    const values: unknown[] = [ctx.tenantId];
    const where = ['tenant_id = $1'];
    if (query.action) where.push(`action = $${values.push(query.action)}`);
    if (query.actor) where.push(`actor->>'username' = $${values.push(query.actor)}`);
    if (query.target) where.push(`target = $${values.push(query.target)}`);
    if (query.from) where.push(`at >= $${values.push(query.from)}::timestamptz`);
    if (query.to) where.push(`at <= $${values.push(query.to)}::timestamptz`);
    const sqlWhere = where.join(' AND ');
    const n = values.length;
    const [items, count] = await Promise.all([
      pool.query(`SELECT id, at, actor, action, target, reason, details FROM audit_events WHERE ${sqlWhere} ORDER BY at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...values, query.pageSize, (query.page - 1) * query.pageSize]),
      pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE ${sqlWhere}`, values),
    ]);
    return {
      items: items.rows.map((r) => ({
        id: r.id, at: r.at.toISOString(), actor: { username: r.actor?.username ?? null, roles: r.actor?.roles ?? [] }, action: r.action,
        target: r.target, reason: r.reason, details: r.details,
      })),
      total: count.rows[0].n as number,
    };
  });
  return router;
}
