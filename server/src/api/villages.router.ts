import { Router } from 'express';
import type { ApiContext } from './api-context';
import { findVillage, listVillages, villageExitsByYear } from '../domain/villages';
import { NotFoundError } from '../kernel';
import { requestLocale, requireAuth } from './request-context';
import type { JsonSchema } from './request-validator';

const idParams: JsonSchema = { type: 'object', properties: { id: { type: 'string', maxLength: 32, pattern: '^[0-9]+$' } }, required: ['id'], additionalProperties: false };
const listed: JsonSchema = { type: 'object', description: 'the villages of the register within the caller\'s scope' };

/** The village register (相对贫困村, yearly indicators) and villages left by year against the plan. */
export function createVillagesRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;

  ctx.routes.add(router, {
    method: 'get', path: '/villages', tag: 'reports', access: 'session',
    summary: 'The village register within the caller\'s scope: designation as 相对贫困村, exit year, latest indicators',
    responses: { 200: { description: 'the register', schema: listed } },
  }, async ({ req }) => ({ items: await listVillages(db.pool, ctx.tenantId, requireAuth(req).actor.orgPath, ctx.services.configForYear) }));

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/villages/:id', tag: 'reports', access: 'session',
    summary: 'One village of the register: indicators by year, what keeps it from the exit line, its running exit case, whether the caller may propose its exit',
    params: idParams, responses: { 200: { description: 'the village', schema: { type: 'object', description: 'VillageDetail' } } },
  }, async ({ req, params }) => {
    const village = await findVillage(db.pool, { tenantId: ctx.tenantId, villageId: params.id, actor: requireAuth(req).actor, configForYear: ctx.services.configForYear });
    if (!village) throw new NotFoundError(`Village ${params.id} does not exist`);
    return village;
  });

  ctx.routes.add(router, {
    method: 'get', path: '/reports/villages', tag: 'reports', access: 'session',
    summary: 'Villages left by year against the plan (villageExitTargetByYear: all 92 by 2018), within the caller\'s scope',
    responses: { 200: { description: 'exits by year', schema: { type: 'object', description: 'designated and, by year, exited, cumulative and the plan\'s target' } } },
  }, async ({ req }) => {
    const targets = (ctx.services.configForYear(2016).villageExitTargetByYear ?? {}) as Record<string, number>;
    return villageExitsByYear(db.pool, { tenantId: ctx.tenantId, scopePath: requireAuth(req).actor.orgPath, targets });
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'post', path: '/villages/:id/indicators', tag: 'reports', access: 'session',
    summary: 'Records a year\'s indicators of a village (form villages.indicators); designates it as 相对贫困村 by the county\'s rule; answers what keeps it from the exit line',
    params: idParams, body: { type: 'object', description: 'the form villages.indicators; checked on the server' },
    responses: { 200: { description: 'designation and exit shortfalls', schema: { type: 'object', properties: { designated: { type: 'boolean' }, exitShortfalls: { type: 'array', items: { type: 'string' } } } } } },
  }, async ({ req, params, body }) => ctx.services.runtime.enterVillageIndicators({ villageId: params.id, data: body, actor: requireAuth(req).actor, locale: requestLocale(req) }));
  return router;
}
