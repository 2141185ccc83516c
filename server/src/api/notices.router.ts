import { Router } from 'express';
import { NotFoundError } from '../runtime/errors';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { findNotice, listNotices } from './notices.query';
import { fileObjection } from './objections';
import type { ObjectionInput } from './objections';
import { filterPath } from './org-units.query';
import { requestLocale } from './request-context';
import { idParams, noticesQuery, objectionBody } from './request-schemas';
import { schemaRef } from './response-schemas';

interface NoticesQuery { town?: string; village?: string; status: 'open' | 'closed' | 'all'; page: number; pageSize: number }

/** The public notices (公示): no login, names and ID numbers masked; objections from anyone. */
export function createNoticesRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  ctx.routes.add<unknown, NoticesQuery>(router, {
    method: 'get', path: '/notices', tag: 'notices', access: 'public', summary: 'Public notices by town and village (open ones by default)',
    query: noticesQuery, responses: { 200: { description: 'a page of notices', schema: { type: 'object', properties: { items: { type: 'array', items: schemaRef('Notice') } } } } },
  }, async ({ query }) => {
    const path = await filterPath(pool, ctx.tenantId, query.town, query.village);
    if (path === null) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return listNotices(pool, ctx.tenantId, { path, status: query.status, page: query.page, pageSize: query.pageSize });
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/notices/:id', tag: 'notices', access: 'public', summary: 'One notice, with where it is posted',
    params: idParams, responses: { 200: { description: 'the notice', schema: schemaRef('Notice') } },
  }, async ({ params }) => {
    const notice = await findNotice(pool, ctx.tenantId, params.id);
    if (!notice) throw new NotFoundError(`Notice ${params.id} does not exist`);
    return notice;
  });

  // Every attempt counts, well-formed or not, so a flood is cut off before any work is done for it.
  router.post('/notices/:id/objections', async (req, _res, next) => {
    const limit = await ctx.objectionsPerAddress.hit(req.ip ?? 'unknown');
    if (!limit.allowed) {
      const en = requestLocale(req) === 'en';
      throw new HttpError(429, 'too_many_objections', en ? 'Too many objections from this address; try again later' : '提交次数过多，请稍后再试',
        undefined, { 'Retry-After': String(limit.retryAfterSeconds) });
    }
    next();
  });

  ctx.routes.add<ObjectionInput, unknown, { id: string }>(router, {
    method: 'post', path: '/notices/:id/objections', tag: 'notices', access: 'public',
    summary: 'Files an objection (anonymous allowed) while the notice is open; the case goes to objection review',
    params: idParams, body: objectionBody,
    responses: { 201: { description: 'received', schema: { type: 'object', properties: { id: { type: 'string' }, noticeId: { type: 'string' }, status: { const: 'received' } } } } },
  }, ({ params, body }) => fileObjection(ctx.services, ctx.tenantId, params.id, body));

  return router;
}
