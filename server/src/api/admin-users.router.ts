import { Router } from 'express';
import { findUsers } from '../auth/manage-users';
import { requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { auditActor } from './audit';
import { requestLocale } from './request-context';
import { createUserBody, idParams, updateUserBody, usersQuery } from './request-schemas';
import { listOf, schemaRef } from './response-schemas';

interface UsersQuery { q?: string; orgUnitId?: string; role?: string; page: number; pageSize: number }
interface CreateUser { username: string; displayName: string; password: string; roles: string[]; orgUnitId: string }
interface UpdateUser { displayName?: string; roles?: string[]; orgUnitId?: string; disabled?: boolean; password?: string }

/** `GET/POST /api/admin/users`, `PATCH /api/admin/users/:id` (admin): accounts, their roles and org units (auth/manage-users.ts; the writes are runtime/create-user.ts and runtime/change-user.ts). */
export function createAdminUsersRouter(ctx: ApiContext): Router {
  const router = Router();
  const deps = { db: ctx.services.db, tenantId: ctx.tenantId };

  ctx.routes.add<unknown, UsersQuery>(router, {
    method: 'get', path: '/admin/users', tag: 'admin', access: 'session', summary: 'Admin: users of the county, filtered by text, org unit (and below) and role',
    query: usersQuery, responses: { 200: { description: '{ items, total }', schema: listOf('AdminUser') } },
  }, async ({ req, query }) => {
    requireRole(req);
    return findUsers(deps, query);
  });

  ctx.routes.add<CreateUser>(router, {
    method: 'post', path: '/admin/users', tag: 'admin', access: 'session', summary: 'Admin: creates a user (409 when the username is taken)',
    body: createUserBody, responses: { 201: { description: 'the user', schema: schemaRef('AdminUser') } },
  }, async ({ req, body }) => {
    const { user } = requireRole(req);
    return ctx.services.runtime.createUser({ ...body, actor: auditActor(user), locale: requestLocale(req) });
  });

  ctx.routes.add<UpdateUser, unknown, { id: string }>(router, {
    method: 'patch', path: '/admin/users/:id', tag: 'admin', access: 'session',
    summary: 'Admin: changes a user\'s name, roles, org unit or password, or disables them (which ends their sessions)',
    params: idParams, body: updateUserBody, responses: { 200: { description: 'the user', schema: schemaRef('AdminUser') } },
  }, async ({ req, params, body }) => {
    const { user, session } = requireRole(req);
    return ctx.services.runtime.changeUser({ actor: auditActor(user), keepSessionId: session.id, id: params.id, change: body, locale: requestLocale(req) });
  });

  return router;
}
