import { Router } from 'express';
import { ConflictError, NotFoundError, ValidationError } from '../kernel';
import { auditInTransaction, requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { requestLocale } from './request-context';
import { createOrgUnitBody, idParams, updateOrgUnitBody } from './request-schemas';

interface CreateOrgUnit { id: string; parentId: string; level: 'town' | 'village' | 'group'; name: string; relativelyPoor?: boolean }
interface UpdateOrgUnit { name?: string; relativelyPoor?: boolean }

/** The level a unit's children have. */
const CHILD_LEVEL: Record<string, string> = { county: 'town', town: 'village', village: 'group' };
const unitView = (r: Record<string, any>) => ({
  id: r.id, parentId: r.parent_id, level: r.level, name: r.name, path: r.path, relativelyPoor: r.flags?.relativelyPoor === true,
});

/** `POST /api/admin/org-units`, `PATCH /api/admin/org-units/:id` (admin): one town, village or 村民小组 at a time. */
export function createAdminOrgUnitsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;

  ctx.routes.add<CreateOrgUnit>(router, {
    method: 'post', path: '/admin/org-units', tag: 'admin', access: 'session',
    summary: 'Admin: adds a town, village or 村民小组 below its parent one level up (409 when the code exists)',
    body: createOrgUnitBody, responses: { 201: { description: 'the org unit' } },
  }, async ({ req, body }) => {
    const { user } = requireRole(req);
    const en = requestLocale(req) === 'en';
    return db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`org-unit|${body.id}`]);
      const { rows: existing } = await client.query('SELECT 1 FROM org_units WHERE id = $1', [body.id]);
      if (existing[0]) throw new ConflictError(en ? `Org unit code ${body.id} exists already` : `组织机构代码 ${body.id} 已存在`);
      const { rows } = await client.query('SELECT id, level, path FROM org_units WHERE id = $1 AND tenant_id = $2', [body.parentId, ctx.tenantId]);
      const parent = rows[0];
      if (!parent) throw new ValidationError(en ? 'Unknown parent' : '上级单位不存在', { '/parentId': [en ? `org unit ${body.parentId} does not exist` : `组织机构 ${body.parentId} 不存在`] });
      if (CHILD_LEVEL[parent.level] !== body.level) {
        throw new ValidationError(en ? 'Wrong level' : '级别不符', { '/level': [en ? `a ${parent.level} holds ${CHILD_LEVEL[parent.level] ?? 'nothing'} units, not ${body.level}` : `${parent.level} 级单位下只能设 ${CHILD_LEVEL[parent.level] ?? '（无）'} 级单位`] });
      }
      const flags = body.relativelyPoor ? { relativelyPoor: true } : {};
      const { rows: created } = await client.query(
        `INSERT INTO org_units (id, tenant_id, parent_id, level, name, path, flags) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, parent_id, level, name, path, flags`,
        [body.id, ctx.tenantId, parent.id, body.level, body.name, `${parent.path}/${body.id}`, JSON.stringify(flags)]);
      await auditInTransaction(client, ctx, user, { action: 'org_unit.create', target: body.id, details: { parentId: parent.id, level: body.level, name: body.name, relativelyPoor: body.relativelyPoor === true } });
      return unitView(created[0]);
    });
  });

  ctx.routes.add<UpdateOrgUnit, unknown, { id: string }>(router, {
    method: 'patch', path: '/admin/org-units/:id', tag: 'admin', access: 'session', summary: 'Admin: renames an org unit or flags it as a relatively poor village',
    params: idParams, body: updateOrgUnitBody, responses: { 200: { description: 'the org unit' } },
  }, async ({ req, params, body }) => {
    const { user } = requireRole(req);
    return db.transaction(async (client) => {
      const { rows } = await client.query('SELECT id, parent_id, level, name, path, flags FROM org_units WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [params.id, ctx.tenantId]);
      if (!rows[0]) throw new NotFoundError(`Org unit ${params.id} does not exist`);
      const flags = { ...(rows[0].flags ?? {}) };
      if (body.relativelyPoor !== undefined) {
        if (body.relativelyPoor) flags.relativelyPoor = true;
        else delete flags.relativelyPoor;
      }
      const { rows: updated } = await client.query('UPDATE org_units SET name = $2, flags = $3 WHERE id = $1 RETURNING id, parent_id, level, name, path, flags',
        [params.id, body.name ?? rows[0].name, JSON.stringify(flags)]);
      await auditInTransaction(client, ctx, user, { action: 'org_unit.update', target: params.id, details: { ...body, before: { name: rows[0].name, relativelyPoor: rows[0].flags?.relativelyPoor === true } } });
      return unitView(updated[0]);
    });
  });

  return router;
}
