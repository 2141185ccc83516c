import { Router } from 'express';
import { NotFoundError } from '../kernel';
import type { ApiContext } from './api-context';
import { findNotice, listNotices } from '../domain/notices/notices.query';
import { fileObjection } from '../runtime/file-objection';
import type { ObjectionInput } from '../runtime/file-objection';
import { filterPath } from '../domain/org-units/org-filters';
import { idParams, noticesQuery, objectionBody } from './request-schemas';
import { schemaRef } from './response-schemas';

interface NoticesQuery { town?: string; village?: string; status: 'open' | 'closed' | 'all'; page: number; pageSize: number }

/** The public notices (公示): no login, ID numbers masked (names as the county sets); objections from anyone. */
export function createNoticesRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  ctx.routes.add<unknown, NoticesQuery>(router, {
    method: 'get', path: '/notices', tag: 'notices', access: 'public', summary: 'Public notices by town and village (open ones by default)',
    query: noticesQuery, responses: { 200: { description: 'a page of notices', schema: { type: 'object', properties: { items: { type: 'array', items: schemaRef('Notice') } } } } },
  }, async ({ query }) => {
    const path = await filterPath(pool, ctx.tenantId, query.town, query.village);
    if (path === null) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return listNotices(pool, ctx.tenantId, { path, status: query.status, page: query.page, pageSize: query.pageSize }, ctx.services.county.publicNotice);
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/notices/:id', tag: 'notices', access: 'public', summary: 'One notice, with where it is posted',
    params: idParams, responses: { 200: { description: 'the notice', schema: schemaRef('Notice') } },
  }, async ({ params }) => {
    const notice = await findNotice(pool, ctx.tenantId, params.id, ctx.services.county.publicNotice);
    if (!notice) throw new NotFoundError(`Notice ${params.id} does not exist`);
    return notice;
  });

  // Concurrency, per-address and global budgets before any work is done for the request.
  router.post('/notices/:id/objections', ctx.anonymousWrites);

  ctx.routes.add<ObjectionInput, unknown, { id: string }>(router, {
    method: 'post', path: '/notices/:id/objections', tag: 'notices', access: 'public',
    summary: 'Files an objection (anonymous allowed) while the notice is open; the case goes to objection review',
    params: idParams, body: objectionBody,
    responses: { 201: { description: 'received', schema: { type: 'object', properties: { id: { type: 'string' }, noticeId: { type: 'string' }, status: { const: 'received' } } } } },
  }, ({ params, body }) => fileObjection({ pool: ctx.services.db.pool, runtime: ctx.services.runtime, clock: ctx.services.clock, ids: ctx.services.ids, tenantId: ctx.tenantId }, params.id, body));

  return router;
}
