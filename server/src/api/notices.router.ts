import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { NotFoundError } from '../kernel';
import { createRateLimiter } from '../auth/rate-limiter';
import { findObjectionByNumber } from '../domain/notices/objections';
import { toObjectionStatus } from '../domain/notices/objection-status';
import { createObjectionLookupGate } from './anonymous-write-gate';
import { HttpError } from './http-error';
import { requestLocale } from './request-context';
import type { ObjectionLookupInput } from '../contract';
import type { ApiContext } from './api-context';
import { findNotice, listNotices } from '../domain/notices/notices.query';
import { fileObjection } from '../runtime/file-objection';
import type { ObjectionInput } from '../runtime/file-objection';
import { filterPath } from '../domain/org-units/org-filters';
import { idParams, noticesQuery, objectionBody, objectionLookupBody } from './request-schemas';
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
    responses: { 201: { description: 'received, with the objection\'s number (异议编号) and how to look it up', schema: schemaRef('ObjectionAnswer') } },
  }, ({ params, body }) => fileObjection({ pool: ctx.services.db.pool, runtime: ctx.services.runtime, clock: ctx.services.clock, ids: ctx.services.ids, tenantId: ctx.tenantId, notifications: ctx.services.notifications }, params.id, body));

  // The lookup is anonymous: concurrency, per-address and global budgets before any work is done,
  // and wrong tails per number limited so four digits cannot be guessed from many addresses.
  const lookupFailures = createRateLimiter(pool, ctx.wallClock, { name: 'objection-lookup-number', limit: 5, windowMs: 60 * 60_000 });
  router.post('/objections/lookup', createObjectionLookupGate({
    concurrency: 4,
    perAddress: createRateLimiter(pool, ctx.wallClock, { name: 'objection-lookup', limit: 30, windowMs: 10 * 60_000 }),
    global: createRateLimiter(pool, ctx.wallClock, { name: 'objection-lookups', limit: 600, windowMs: 60_000 }),
  }));

  ctx.routes.add<ObjectionLookupInput>(router, {
    method: 'post', path: '/objections/lookup', tag: 'notices', access: 'public',
    summary: 'The public lookup of an objection by its number (异议编号) and the phone\'s last four digits (or the lookup code on its receipt): only what the objector may see — filed when, on which notice, how far the review has come and its decision. 404 when number and digits do not match; 429 after 5 wrong tries on one number within an hour, or too many lookups from one address',
    body: objectionLookupBody,
    responses: { 200: { description: 'the objection\'s status', schema: schemaRef('ObjectionStatus') } },
  }, async ({ req, body }) => {
    const en = requestLocale(req) === 'en';
    const receiptNo = body.receiptNo.trim().toUpperCase();
    const tail = body.phoneTail.trim();
    const notFound = () => new HttpError(404, 'not_found', en
      ? 'No objection matches this number and these four digits; check both and try again'
      : '没有找到与该编号和电话后四位（或查询码）相符的异议，请核对后再试');
    const record = await findObjectionByNumber(pool, ctx.tenantId, receiptNo);
    if (!record?.phoneTail) throw notFound();
    // Every try on an existing number counts first; a right one is refunded, so only wrong ones add up.
    const attempt = await lookupFailures.hit(receiptNo);
    if (!attempt.allowed) {
      throw new HttpError(429, 'too_many_lookups', en
        ? 'Too many wrong tries for this number; try again in an hour, or call the county office'
        : '该编号查询错误次数过多，请一小时后再试，或致电县扶贫开发局', undefined, { 'Retry-After': String(attempt.retryAfterSeconds) });
    }
    const stored = Buffer.from(record.phoneTail);
    const given = Buffer.from(tail);
    if (stored.length !== given.length || !timingSafeEqual(stored, given)) throw notFound();
    await lookupFailures.refund(receiptNo, attempt.windowStart);
    return toObjectionStatus(record);
  });

  return router;
}
