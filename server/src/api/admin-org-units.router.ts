import { Router } from 'express';
import { requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { auditActor } from './audit';
import { requestLocale } from './request-context';
import { createOrgUnitBody, idParams, updateOrgUnitBody } from './request-schemas';
import { schemaRef } from './response-schemas';

interface CreateOrgUnit { id: string; parentId: string; level: 'town' | 'village' | 'group' | 'department'; name: string; relativelyPoor?: boolean }
interface UpdateOrgUnit { name?: string; relativelyPoor?: boolean }

/** `POST /api/admin/org-units`, `PATCH /api/admin/org-units/:id` (admin): one town, village, 村民小组 or county department at a time. */
export function createAdminOrgUnitsRouter(ctx: ApiContext): Router {
  const router = Router();

  ctx.routes.add<CreateOrgUnit>(router, {
    method: 'post', path: '/admin/org-units', tag: 'admin', access: 'session',
    summary: 'Admin: adds a town, village or 村民小组 below its parent one level up, or a department (level department, code county + 9xx) under the county (409 when the code exists)',
    body: createOrgUnitBody, responses: { 201: { description: 'the org unit', schema: schemaRef('OrgUnit') } },
  }, async ({ req, body }) => {
    const { user } = requireRole(req);
    return ctx.services.runtime.createOrgUnit({ ...body, actor: auditActor(user), locale: requestLocale(req) });
  });

  ctx.routes.add<UpdateOrgUnit, unknown, { id: string }>(router, {
    method: 'patch', path: '/admin/org-units/:id', tag: 'admin', access: 'session', summary: 'Admin: renames an org unit or flags it as a relatively poor village',
    params: idParams, body: updateOrgUnitBody, responses: { 200: { description: 'the org unit', schema: schemaRef('OrgUnit') } },
  }, async ({ req, params, body }) => {
    const { user } = requireRole(req);
    return ctx.services.runtime.changeOrgUnit({ actor: auditActor(user), id: params.id, change: body });
  });

  return router;
}
